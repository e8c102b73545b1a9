"""`derivquest progress`: show, export, import and reset the saved progress."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from derivquest.atomic import write_atomically
from derivquest.commands.database_option import add_database_option, use_database

if TYPE_CHECKING:
    from derivquest.progress import ProgressStore

MAX_IMPORT_BYTES = 100_000_000
"""Largest file `progress import` reads (a class's year of answers is a few MB)."""

HELP = """\
Saved progress lives in one file, $DERIVQUEST_HOME/progress.sqlite3 (docs/progress.md),
or in a school's PostgreSQL database with --database URL (docs/school.md).

  derivquest progress show                       # profiles and what each has done
  derivquest progress export backup.json         # every profile (--profile NAME: one)
  derivquest progress import backup.json         # merge: adds what is missing, twice is harmless
  derivquest progress import --replace b.json    # empty the file's profiles first, then import
  derivquest progress import --database postgresql://school-db/derivquest laptop.json
  derivquest progress reset --profile ana --level calc-for-ml/chain-rule
  derivquest progress class 7B ana bo            # put students in a class (report --class 7B)

reset and import --replace ask first; without a terminal they need --yes.
Exit status: 0 done, 1 failed or declined, 2 usage error.
"""


def register(subcommands: Any) -> None:
    """Add the `progress` subcommand and its actions."""
    parser = subcommands.add_parser(
        "progress",
        help="show, export, import or reset saved progress",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=lambda args: _print_help(parser))
    actions = parser.add_subparsers(dest="progress_action", metavar="ACTION")

    show = actions.add_parser("show", help="list profiles and their answers, levels and drills")
    add_database_option(show)
    show.set_defaults(handler=run_show)

    export = actions.add_parser("export", help="write progress to a JSON file")
    export.add_argument("file", metavar="FILE", help="where to write (- for standard output)")
    export.add_argument(
        "--profile", action="append", metavar="NAME", help="only this profile (repeatable)"
    )
    add_database_option(export)
    export.set_defaults(handler=run_export)

    load = actions.add_parser("import", help="merge (or --replace) progress from a JSON file")
    load.add_argument("file", metavar="FILE", help="an export file (- for standard input)")
    load.add_argument(
        "--replace", action="store_true", help="first empty each profile the file holds"
    )
    load.add_argument("--yes", action="store_true", help="do not ask before replacing")
    add_database_option(load)
    load.set_defaults(handler=run_import)

    reset = actions.add_parser("reset", help="erase progress (asks first)")
    reset.add_argument("--level", metavar="ID", help="only this level (pack/level)")
    reset.add_argument("--profile", metavar="NAME", help="only this profile (default: all)")
    reset.add_argument("--yes", action="store_true", help="do not ask")
    add_database_option(reset)
    reset.set_defaults(handler=run_reset)

    cohort = actions.add_parser("class", help="put students in a class, for report --class")
    cohort.add_argument("cohort", metavar="CLASS", help="the class, e.g. 7B")
    cohort.add_argument("names", nargs="+", metavar="NAME", help="the students' profiles")
    cohort.add_argument("--remove", action="store_true", help="take them out of CLASS")
    add_database_option(cohort)
    cohort.set_defaults(handler=run_class)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _fail(message: str, status: int = 1) -> int:
    print(f"derivquest progress: {message}", file=sys.stderr)
    return status


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _open(args: argparse.Namespace) -> ProgressStore:
    from derivquest.progress import ProgressStore

    return ProgressStore(use_database(args))


def run_show(args: argparse.Namespace) -> int:
    """Handle `derivquest progress show`."""
    from derivquest.progress import ProgressError

    try:
        with _open(args) as store:
            print(f"progress database: {store.location}")
            document = store.export_document()
            bests = {p.name: store.drills.personal_bests(p.id) for p in store.profiles()}
    except ProgressError as error:
        return _fail(str(error))
    if not document.profiles:
        print("no profiles yet")
    for profile in document.profiles:
        solved = {a.question_id for a in profile.attempts if a.correct}
        records = ", ".join(f"{key} {score}" for key, score in sorted(bests[profile.name].items()))
        print(
            f"{profile.name}: {_count(len(profile.attempts), 'answer')},"
            f" {_count(len(solved), 'question')} solved,"
            f" {_count(len(profile.levels), 'level')} completed,"
            f" {_count(len(profile.drills), 'drill')}" + (f" (bests: {records})" if records else "")
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Handle `derivquest progress export FILE [--profile NAME]...`."""
    from derivquest.progress import ProgressError

    try:
        with _open(args) as store:
            document = store.export_document(args.profile)
    except ProgressError as error:
        return _fail(str(error))
    text = document.model_dump_json(indent=2) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(Path(args.file), text)
    except OSError as error:
        return _fail(f"cannot write {args.file}: {error.strerror or error}")
    print(f"exported {_count(len(document.profiles), 'profile')} to {args.file}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Handle `derivquest progress import FILE [--replace] [--yes]`."""
    from derivquest.progress import ProgressError
    from derivquest.progress.export_format import parse_document

    try:
        if args.file == "-":
            text = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            with open(args.file, "rb") as handle:
                text = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror or error}")
    if len(text) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // 1_000_000
        return _fail(
            f"{args.file} is too large to import (the limit is {limit} MB); nothing was imported"
        )
    try:
        document = parse_document(text)
        with _open(args) as store:
            if args.replace:
                existing = {p.name for p in store.profiles()}
                replaced = sorted(p.name for p in document.profiles if p.name in existing)
                if replaced:
                    question = f"Replace all progress of {', '.join(replaced)} with the file's?"
                    status = _confirm(question, args.yes)
                    if status is not None:
                        return status
            counts = store.import_document(document, replace=args.replace)
    except ProgressError as error:
        return _fail(str(error))
    print(
        f"imported {args.file}: {_count(counts.attempts_added, 'new answer')},"
        f" {_count(counts.drills_added, 'new drill')},"
        f" {_count(counts.profiles_created, 'new profile')}"
    )
    return 0


def run_reset(args: argparse.Namespace) -> int:
    """Handle `derivquest progress reset [--level ID] [--profile NAME] [--yes]`."""
    from derivquest.progress import ProgressError
    from derivquest.progress.records import check_level_id

    if args.level is not None:
        try:
            check_level_id(args.level)
        except ValueError:
            return _fail(f"--level takes a pack/level id, not {args.level!r}", 2)
    try:
        with _open(args) as store:
            profile_id = None
            if args.profile is not None:
                profile = store.profile_named(args.profile)
                if profile is None:
                    return _fail(f"there is no profile called {args.profile!r}")
                profile_id, whose = profile.id, f"profile {profile.name}"
            else:
                names = [p.name for p in store.profiles()]
                if not names:
                    print("nothing to reset: no profiles yet")
                    return 0
                whose = f"every profile ({', '.join(names)})"
            what = f"level {args.level}" if args.level else "all progress, drills included,"
            status = _confirm(f"Erase {what} of {whose}?", args.yes)
            if status is not None:
                return status
            counts = store.reset(profile_id, args.level)
    except ProgressError as error:
        return _fail(str(error))
    print(
        f"erased {_count(counts.attempts, 'answer')}, {_count(counts.levels, 'level result')},"
        f" {_count(counts.drills, 'drill')}, {_count(counts.resume_points, 'resume point')}"
    )
    return 0


def run_class(args: argparse.Namespace) -> int:
    """Handle `derivquest progress class CLASS NAME... [--remove]`."""
    from derivquest.progress import ProgressError

    try:
        with _open(args) as store:
            if args.remove:
                outside = [
                    name
                    for name in args.names
                    if (found := store.profile_named(name)) is not None
                    and found.cohort != args.cohort.strip()
                ]
                if outside:
                    return _fail(f"not in class {args.cohort}: {', '.join(outside)}")
            changed = store.assign_class(args.names, None if args.remove else args.cohort)
    except ProgressError as error:
        return _fail(str(error))
    verb = "taken out of" if args.remove else "put in"
    print(f"{_count(changed, 'student')} {verb} class {args.cohort.strip()}")
    return 0


def _confirm(question: str, yes: bool) -> int | None:
    """Return None to go ahead, or the exit status when the player did not confirm.

    On a terminal the player must type y or yes; without one, only --yes goes ahead, so a
    script can never erase progress by accident.
    """
    if yes:
        return None
    if not sys.stdin.isatty():
        return _fail(f"{question} Not without --yes: standard input is not a terminal.", 2)
    try:
        reply = input(f"{question} This cannot be undone. [y/N] ")
    except EOFError:
        reply = ""
    if reply.strip().lower() in ("y", "yes"):
        return None
    print("nothing was changed")
    return 1
