"""`derivquest class`: the teacher's live view of the class, over this machine's progress store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from derivquest.commands.database_option import add_database_option, use_database
from derivquest.languages import LANGUAGES

HELP = """\
A live view of the class for the teacher: who is playing (answered in the last 15 minutes,
`w` widens the window to an hour or a day), which question each student is on, who is stuck
(three or more wrong answers on a question not yet solved) and the mistakes being made now.
It reads the same store `derivquest serve` writes, every few seconds; keys only, 80x24 is
enough, so it works over SSH too. `r` refreshes at once, `q` quits.
"""


def register(subcommands: Any) -> None:
    """Add the `class` subcommand."""
    parser = subcommands.add_parser(
        "class",
        help="a live view of the class: who plays, who is stuck, mistakes now",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the view")
    add_database_option(parser)
    parser.add_argument(
        "--every", type=float, default=5.0, metavar="SECONDS", help="refresh interval"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handle `derivquest class`."""
    from derivquest.progress import ProgressError, ProgressStore
    from derivquest.progress.store import default_path
    from derivquest.ui.screens.class_view import ClassApp

    if use_database(args) is None and not default_path().exists():
        print(f"derivquest class: no progress yet in {default_path().parent}", file=sys.stderr)
        return 1
    if not 0.5 <= args.every <= 3600:
        print("derivquest class: --every must be between 0.5 and 3600 seconds", file=sys.stderr)
        return 2
    try:
        with ProgressStore.open() as store:
            ClassApp(store, args.lang, refresh_seconds=args.every).run()
    except ProgressError as error:
        print(f"derivquest class: {error}", file=sys.stderr)
        return 1
    return 0
