"""`derivquest drill`: go straight into a timed drill."""

from __future__ import annotations

import argparse
from typing import Any

from derivquest.commands.play import add_play_options, run_app


def register(subcommands: Any) -> None:
    """Add the `drill` subcommand."""
    parser = subcommands.add_parser(
        "drill",
        help="a timed drill (1, 3 or 5 minutes of all skills or one skill count as records)",
        description="Start a timed drill: randomised quick questions against the clock.",
    )
    parser.add_argument("--minutes", type=int, default=3, help="length in minutes (default 3)")
    parser.add_argument(
        "--skills", default="", help="comma-separated skills, e.g. chain,product (default: all)"
    )
    add_play_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the setting, then start the game in the drill."""
    from derivquest.progress import DrillSetting

    skills = frozenset(name.strip() for name in args.skills.split(",") if name.strip())
    try:
        setting = DrillSetting(args.minutes, skills)
    except ValueError as error:
        print(f"derivquest drill: {error}")
        return 2
    return run_app(args, start_drill=setting)
