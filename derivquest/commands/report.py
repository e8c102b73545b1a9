"""`derivquest report`: every student's levels, stars, mastery, drill bests and last visit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from derivquest.commands.database_option import add_database_option, use_database
from derivquest.ids import LevelId

HELP = """\
The teacher's view of the class: one row per student (profile) in this machine's data
directory, which is where `derivquest serve` keeps its students' progress.

  derivquest report                    # a table
  derivquest report --format csv > class.csv
  derivquest report --format json
  derivquest report --database postgresql://school-db/derivquest   # the whole school
  derivquest report --class 7B         # one class (derivquest progress class 7B NAME...)
  derivquest report --mistakes         # the commonest mistakes, per question and skill
  derivquest report --mistakes --level calculus-for-ml/chain-rule --format csv
  derivquest report --mistakes --class 7B   # one class's mistakes

Only the questions and levels of the packs loaded now count (add --pack PATH for a pack the
server was started with). CSV has a column per skill (mastery:SKILL) and per drill setting
(best:SETTING). Times are local, with their UTC offset.
"""


def register(subcommands: Any) -> None:
    """Add the `report` subcommand."""
    parser = subcommands.add_parser(
        "report",
        help="the class's progress as a table, CSV or JSON",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument(
        "--pack", action="append", type=Path, default=[], metavar="PATH", help="also count a pack"
    )
    parser.add_argument("--class", dest="cohort", metavar="CLASS", help="only this class")
    add_database_option(parser)
    parser.add_argument(
        "--mistakes",
        action="store_true",
        help="the class's commonest mistakes and who repeats them, instead of progress",
    )
    parser.add_argument(
        "--level", metavar="PACK/LEVEL", help="with --mistakes: only this level's questions"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handle `derivquest report`."""
    from derivquest.content.catalog import load_catalog
    from derivquest.progress import ProgressError, ProgressStore
    from derivquest.progress.store import default_path
    from derivquest.server import report

    if use_database(args) is None and not default_path().exists():
        # Opening would create an empty store; a report should not write anything.
        print(f"derivquest report: no progress yet in {default_path().parent}", file=sys.stderr)
        return 1
    catalog = load_catalog(extra=tuple(args.pack))
    for broken in catalog.broken:
        print(f"derivquest report: skipped {broken.source.describe()}", file=sys.stderr)
    question_ids = {ref.full_id for ref in catalog.questions()}
    level_ids = {str(LevelId(pack.id, level.id)) for pack in catalog.packs for level in pack.levels}
    if args.mistakes:
        return _mistakes(args, question_ids)
    try:
        with ProgressStore.open() as store:
            rows = report.class_report(store, question_ids, level_ids, args.cohort)
    except ProgressError as error:
        print(f"derivquest report: {error}", file=sys.stderr)
        return 1
    render = {"csv": report.to_csv, "json": report.to_json, "table": report.to_table}
    sys.stdout.write(render[args.format](rows))
    return 0


def _mistakes(args: argparse.Namespace, question_ids: set[str]) -> int:
    """`report --mistakes`: named mistakes, equal wrong answers, students who repeat one."""
    from derivquest.progress import ProgressError, ProgressStore
    from derivquest.server import mistakes_report

    try:
        with ProgressStore.open() as store:
            found = store.mistakes.report(args.level, question_ids, args.cohort)
    except ProgressError as error:
        print(f"derivquest report: {error}", file=sys.stderr)
        return 1
    render = {
        "csv": mistakes_report.to_csv,
        "json": mistakes_report.to_json,
        "table": mistakes_report.to_table,
    }
    sys.stdout.write(render[args.format](found))
    return 0
