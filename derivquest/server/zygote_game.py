"""The real game as the zygote runs it: imported and warmed once, then `derivquest` per fork."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


def pack_options(options: Sequence[str]) -> tuple[Path, ...]:
    """The `--pack PATH` folders among the server's game options, in order."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--pack", action="append", type=Path, default=[])
    known, _ = parser.parse_known_args(list(options))
    return tuple(known.pack)


def prepare(options: Sequence[str]) -> None:
    """Import the game, load the packs the server's options name, run the warm-ups."""
    import derivquest.cli  # noqa: F401 - imported here so every game shares it
    import derivquest.ui.app  # noqa: F401
    from derivquest.content.catalog import load_catalog
    from derivquest.ui.warm import keep_catalog, warm_up

    extra = pack_options(options)
    keep_catalog(extra, load_catalog(extra=extra))
    warm_up()


def run(argv: Sequence[str]) -> int:
    """One game: `derivquest ARGV` in this (forked) process."""
    from derivquest.cli import main

    return main(list(argv))
