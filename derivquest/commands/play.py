"""`derivquest` (or `derivquest play`): start the game in this terminal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from derivquest.commands.database_option import add_database_option, use_database
from derivquest.languages import LANGUAGES
from derivquest.settings import THEMES


def add_play_options(parser: argparse.ArgumentParser) -> None:
    """Options of the game, accepted with or without the `play` word."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="course language (default: as saved)"
    )
    parser.add_argument(
        "--pack",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="also load the level pack in this folder (repeatable)",
    )
    parser.add_argument("--profile", metavar="NAME", help="play as this player (created if new)")
    parser.add_argument(
        "--theme", choices=THEMES, default=None, help="colour theme (default: as saved)"
    )
    add_database_option(parser)


def register(subcommands: Any) -> None:
    """Add the `play` subcommand (the default when no command is given)."""
    parser = subcommands.add_parser("play", help="play the game (the default)")
    add_play_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the Textual app; return its exit status."""
    return run_app(args)


def run_app(args: argparse.Namespace, **options: Any) -> int:
    """Start the game with the play options (and e.g. a drill to go straight into)."""
    if args.profile is not None:
        # The store's one name rule, checked before anything starts (it used to fail inside
        # the running game with a 2,000-line traceback).
        from derivquest.progress.names import name_problem, normalized

        args.profile = normalized(args.profile)
        problem = name_problem(args.profile, noun="profile name")
        if problem is not None:
            print(f"derivquest: --profile: {problem}", file=sys.stderr)
            return 2
    from derivquest.progress.errors import ProgressError
    from derivquest.ui.app import make_app
    from derivquest.ui.web_keymap import WEB_DRIVER

    use_database(args)
    # Under Textual's web driver (`derivquest web`) the pipes to the server are the terminal.
    web = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not web and (not sys.stdin.isatty() or not sys.stdout.isatty()):
        print("derivquest: the game needs a terminal (try `derivquest --help`)", file=sys.stderr)
        return 2
    try:
        app = make_app(
            extra_packs=tuple(args.pack),
            language=args.lang,
            theme=args.theme,
            profile=args.profile,
            **options,
        )
    except ProgressError as error:
        print(f"derivquest: {error}", file=sys.stderr)
        return 2
    app.run()
    # 1 after an unexpected error: the app printed a short message, the details are logged.
    return app.return_code or 0
