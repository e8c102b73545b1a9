"""The game as the zygote runs it: imported, warmed and rehearsed once, then run per fork."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


def game_options(options: Sequence[str]) -> argparse.Namespace:
    """The server's game options the zygote needs: `--pack` (all, in order), `--lang`, `--theme`."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--pack", action="append", type=Path, default=[])
    parser.add_argument("--lang", default=None)
    parser.add_argument("--theme", default=None)
    known, _ = parser.parse_known_args(list(options))
    return known


def pack_options(options: Sequence[str]) -> tuple[Path, ...]:
    """The `--pack PATH` folders among the server's game options, in order."""
    return tuple(game_options(options).pack)


def rehearsal_languages(chosen: str | None) -> tuple[str, ...]:
    """The class's language (`--lang`) first, then the others a student may have chosen."""
    from derivquest.languages import LANGUAGES

    first = (chosen,) if chosen in LANGUAGES else ()
    return first + tuple(language for language in LANGUAGES if language != chosen)


def prepare(options: Sequence[str]) -> None:
    """Import the game, load the packs the server's options name, run the warm-ups, and
    play once to the first question (headless) so each game starts with Textual warm."""
    import derivquest.cli
    import derivquest.engine.pool.client  # noqa: F401 - a served game checks in the pool
    import derivquest.ui.app  # noqa: F401
    import derivquest.ui.hangup  # noqa: F401 - the rehearsal is headless: it has no hang-up
    from derivquest.content.catalog import load_catalog
    from derivquest.ui.rehearsal import rehearse
    from derivquest.ui.warm import keep_catalog, warm_up

    derivquest.cli.shared_parser()  # every game parses its arguments with it
    chosen = game_options(options)
    extra = tuple(chosen.pack)
    catalog = load_catalog(extra=extra)
    keep_catalog(extra, catalog)
    warm_up()
    rehearse(catalog, rehearsal_languages(chosen.lang), chosen.theme)


def run(argv: Sequence[str]) -> int:
    """One game: `derivquest ARGV` in this (forked) process."""
    from derivquest.cli import main

    return main(list(argv))
