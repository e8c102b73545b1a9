"""`derivquest roster`: the students a school's servers admit, kept in the progress database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from derivquest.commands.database_option import add_database_option, use_database
from derivquest.commands.roster_secret import new_password_hash

if TYPE_CHECKING:
    from derivquest.progress import ProgressStore
    from derivquest.progress.roster import NewStudent

HELP = """\
The roster in the progress database: every `serve` and `web` on that database admits the
same students, and a change applies at their next login, without a restart (docs/school.md).

  derivquest roster add ana --class 7B --key ana.pub      # a key (repeat --key for more)
  derivquest roster add bo --class 7B --password-prompt   # a password, asked twice
  derivquest roster add cy --password-stdin < pw.txt      # a password, one line read
  derivquest roster add dee --generate-password           # a random one, printed
  derivquest roster import class.keys --class 7B          # a key or password roster file
  derivquest roster list [--class 7B]
  derivquest roster disable ana / enable ana              # stop a login for now / allow again
  derivquest roster remove ana                            # off the roster; progress stays
  derivquest roster remove ana --key old-laptop.pub       # only that key (a lost laptop)
  derivquest roster export class.keys                     # the keys, as a key roster file
  derivquest roster export --password-hashes class.passwd # the password hashes (keep private)

Every action takes --database URL (default: $DERIVQUEST_DATABASE, else this machine's file).
Exit status: 0 done, 1 refused (nothing was changed), 2 usage error.
"""


def register(subcommands: Any) -> None:
    """Add the `roster` subcommand and its actions."""
    parser = subcommands.add_parser(
        "roster",
        help="add, remove or list the students a school's servers admit",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=lambda args: _print_help(parser))
    actions = parser.add_subparsers(dest="roster_action", metavar="ACTION")

    add = actions.add_parser("add", help="put a student on the roster, or add a key or password")
    add.add_argument("name", metavar="NAME", help="the login name (also the profile's)")
    add.add_argument("--class", dest="cohort", metavar="CLASS", help="the class, e.g. 7B")
    add.add_argument(
        "--key", action="append", type=Path, default=[], metavar="FILE", help="a .pub file"
    )
    secret = add.add_mutually_exclusive_group()
    secret.add_argument("--password-prompt", action="store_true", help="type it (twice)")
    secret.add_argument("--password-stdin", action="store_true", help="read one line")
    secret.add_argument("--generate-password", action="store_true", help="a random one, printed")
    add_database_option(add)
    add.set_defaults(handler=run_add)

    for action, summary in (
        ("remove", "take students off the roster (their progress stays)"),
        ("disable", "stop students logging in for now (keys and password are kept)"),
        ("enable", "let disabled students log in again"),
    ):
        sub = actions.add_parser(action, help=summary)
        sub.add_argument("names", nargs="+", metavar="NAME")
        add_database_option(sub)
        sub.set_defaults(handler=run_change)
        if action == "remove":
            sub.add_argument(
                "--key",
                action="append",
                type=Path,
                default=[],
                metavar="FILE",
                help="only take this key (.pub file) away from the one NAME, e.g. a lost laptop's",
            )

    show = actions.add_parser("list", help="who is on the roster, with keys and passwords")
    show.add_argument("--class", dest="cohort", metavar="CLASS", help="only this class")
    add_database_option(show)
    show.set_defaults(handler=run_list)

    load = actions.add_parser("import", help="add a key roster or password roster file")
    load.add_argument("file", type=Path, metavar="FILE", help="NAME KEY... or NAME:HASH lines")
    load.add_argument("--class", dest="cohort", metavar="CLASS", help="put them all in CLASS")
    add_database_option(load)
    load.set_defaults(handler=run_import)

    export = actions.add_parser("export", help="write the keys (or hashes) as a roster file")
    export.add_argument("file", metavar="FILE", help="where to write (- for standard output)")
    export.add_argument("--class", dest="cohort", metavar="CLASS", help="only this class")
    export.add_argument(
        "--password-hashes",
        action="store_true",
        help="write the password hashes (NAME:HASH) instead of the keys: keep the file private",
    )
    add_database_option(export)
    export.set_defaults(handler=run_export)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _fail(message: str, status: int = 1) -> int:
    print(f"derivquest roster: {message}", file=sys.stderr)
    return status


def _open(args: argparse.Namespace) -> ProgressStore:
    from derivquest.progress import ProgressStore

    return ProgressStore(use_database(args))


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_add(args: argparse.Namespace) -> int:
    """Handle `derivquest roster add NAME [--class C] [--key FILE]... [--password-...]`."""
    from derivquest.progress import ProgressError
    from derivquest.progress.roster import NewStudent
    from derivquest.server.keys import read_public_keys
    from derivquest.server.roster_file import RosterError

    keys = []
    try:
        for path in args.key:
            keys += read_public_keys(path)
    except RosterError as error:
        return _fail("\n  ".join(str(problem) for problem in error.problems))
    try:
        secret = new_password_hash(args)
    except ValueError as error:
        return _fail(f"{error}; nothing was changed")
    password_hash, shown = secret if secret is not None else (None, None)
    student = NewStudent(args.name, args.cohort, tuple(keys), password_hash)
    try:
        with _open(args) as store:
            result = store.roster.add([student])
    except ProgressError as error:
        return _fail(str(error))
    name = args.name.strip()
    what = [_plural(result.keys_added, "new key")] if args.key else []
    if password_hash is not None:
        what.append("a password")
    if args.cohort:
        what.append(f"class {args.cohort.strip()}")
    verb = "added" if result.created else "updated"
    print(f"{verb} {name}" + (f": {', '.join(what)}" if what else ""))
    if shown is not None:
        print(f"{name} {shown}")
    if result.created and not keys and password_hash is None:
        print(f"note: {name} has no key or password yet, so cannot log in", file=sys.stderr)
    return 0


def run_change(args: argparse.Namespace) -> int:
    """Handle `derivquest roster remove|disable|enable NAME...`."""
    from derivquest.progress import ProgressError

    action = args.roster_action
    if action == "remove" and args.key:
        return _remove_keys(args)
    try:
        with _open(args) as store:
            if action == "remove":
                store.roster.remove(args.names)
            else:
                store.roster.set_enabled(args.names, action == "enable")
    except ProgressError as error:
        return _fail(str(error))
    done = {"remove": "removed", "disable": "disabled", "enable": "enabled"}[action]
    print(f"{done} {', '.join(name.strip() for name in args.names)}")
    return 0


def _remove_keys(args: argparse.Namespace) -> int:
    """Handle `derivquest roster remove NAME --key FILE...`: the student stays on the roster."""
    from derivquest.progress import ProgressError
    from derivquest.server.keys import read_public_keys
    from derivquest.server.roster_file import RosterError

    if len(args.names) != 1:
        return _fail("--key takes keys away from one NAME at a time", 2)
    name = args.names[0].strip()
    try:
        blobs = [key.blob for path in args.key for key in read_public_keys(path)]
    except RosterError as error:
        return _fail("\n  ".join(str(problem) for problem in error.problems))
    try:
        with _open(args) as store:
            removed = store.roster.remove_keys(name, blobs)
    except ProgressError as error:
        return _fail(str(error))
    if removed == 0:
        return _fail(f"{name} has none of those keys; nothing was changed")
    print(f"took {_plural(removed, 'key')} away from {name}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Handle `derivquest roster list [--class C]`."""
    from derivquest.progress import ProgressError

    try:
        with _open(args) as store:
            students = store.roster.students(args.cohort)
            where = store.location
    except ProgressError as error:
        return _fail(str(error))
    if not students:
        scope = f" in class {args.cohort}" if args.cohort else ""
        print(f"nobody is on the roster{scope} in {where}")
        return 0
    width = max(len(student.name) for student in students)
    for student in students:
        comments = ", ".join(key.comment or key.key_type for key in student.keys)
        keys = _plural(len(student.keys), "key") + (f" ({comments})" if comments else "")
        parts = [
            student.name.ljust(width),
            (student.cohort or "-").ljust(8),
            keys,
            "password" if student.has_password else "no password",
        ]
        if not student.enabled:
            parts.append("DISABLED")
        print("  ".join(parts))
    print(f"{_plural(len(students), 'student')} in {where}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Handle `derivquest roster import FILE [--class C]`: a key or password roster file."""
    from derivquest.progress import ProgressError
    from derivquest.server.roster_file import RosterError

    try:
        students = _read_roster_file(args.file, args.cohort)
    except RosterError as error:
        problems = "\n  ".join(str(problem) for problem in error.problems)
        return _fail(f"nothing was imported:\n  {problems}")
    if not students:
        return _fail(f"{args.file} lists nobody; nothing was imported")
    try:
        with _open(args) as store:
            result = store.roster.add(students)
    except ProgressError as error:
        return _fail(f"nothing was imported: {error}")
    print(
        f"imported {args.file}: {_plural(len(result.created), 'new student')},"
        f" {_plural(len(result.updated), 'student')} updated,"
        f" {_plural(result.keys_added, 'new key')}"
    )
    return 0


def _read_roster_file(path: Path, cohort: str | None) -> list[NewStudent]:
    """The students of a key roster (`NAME TYPE BASE64`) or password roster (`NAME:HASH`).

    Raises:
        RosterError: every problem of the file, by line.
    """
    from derivquest.progress.roster import NewStudent
    from derivquest.server.keys import parse_key_roster
    from derivquest.server.password_roster import parse_password_roster
    from derivquest.server.roster_file import read_roster

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # read_roster below says why
    entries = [line.strip() for line in text.splitlines()]
    entries = [line for line in entries if line and not line.startswith("#")]
    if entries and all(":scrypt$" in line.split(None, 1)[0] for line in entries):
        hashes = read_roster(path, parse_password_roster).hashes
        return [NewStudent(name, cohort, (), hashed.encode()) for name, hashed in hashes.items()]
    keys = read_roster(path, parse_key_roster).lines
    return [NewStudent(name, cohort, tuple(found)) for name, found in keys.items()]


def run_export(args: argparse.Namespace) -> int:
    """Handle `derivquest roster export FILE [--class C] [--password-hashes]`."""
    from derivquest.atomic import write_atomically
    from derivquest.progress import ProgressError

    try:
        with _open(args) as store:
            if args.password_hashes:
                hashes = store.roster.password_hashes(args.cohort)
                lines = [f"{name}:{encoded}" for name, encoded in hashes.items()]
                title = "password roster (NAME:HASH): keep it private"
            else:
                students = store.roster.students(args.cohort)
                lines = [f"{s.name} {key.line()}" for s in students for key in s.keys]
                title = "key roster (NAME KEY-TYPE BASE64 [comment])"
    except ProgressError as error:
        return _fail(str(error))
    text = "".join(f"{line}\n" for line in [f"# DerivQuest {title}", *lines])
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(Path(args.file), text)  # owner-only, like every roster file
    except OSError as error:
        return _fail(f"cannot write {args.file}: {error.strerror or error}")
    print(f"exported {_plural(len(lines), 'line')} to {args.file}")
    return 0
