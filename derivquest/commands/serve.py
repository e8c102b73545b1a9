"""`derivquest serve`: the classroom server over SSH, and `serve passwd` for its password roster."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from derivquest.commands.database_option import add_database_option, use_database
from derivquest.commands.roster_option import (
    EmptyRosterError,
    add_roster_option,
    database_admission,
)
from derivquest.languages import LANGUAGES

if TYPE_CHECKING:
    from derivquest.server.config import ServerConfig

HELP = """\
Let a class play over SSH: students need only an SSH client (docs/server.md).

  derivquest serve --authorized-keys class.keys      # NAME ssh-ed25519 AAAA... per line
  derivquest serve --passwords class.passwd          # made with `serve passwd`
  derivquest serve --roster database --database URL # students added with `derivquest roster`
  derivquest serve --open                            # anyone, any name: closed networks only
  derivquest serve passwd class.passwd ana           # set ana's password (asks twice)
  derivquest serve passwd class.passwd ana ben --generate   # random ones, printed

With no option, the database roster is used when it has students. Students type:
ssh -p 2222 NAME@SERVER. Their progress is saved under NAME in this
machine's data directory; `derivquest report` shows the class. Stop with Ctrl+C or SIGTERM.
"""

MIN_PASSWORD = 6
"""Shortest password `serve passwd` accepts."""

_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
"""Generated passwords avoid characters that look alike (l/1, o/0)."""


def register(subcommands: Any) -> None:
    """Add the `serve` subcommand and its `passwd` action."""
    parser = subcommands.add_parser(
        "serve",
        help="run a classroom server students reach with ssh",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=2222, help="port (0: any free one)")
    parser.add_argument(
        "--host-key",
        type=Path,
        metavar="FILE",
        help="host key file (default: made in the data folder); several servers behind one "
        "name share one (docs/school.md)",
    )
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--authorized-keys", type=Path, metavar="FILE", help="key roster")
    who.add_argument("--passwords", type=Path, metavar="FILE", help="password roster")
    add_roster_option(who)
    who.add_argument("--open", action="store_true", help="no login: anyone, under any name")
    limits = add_limit_options(parser)
    limits.add_argument(
        "--checkers",
        choices=("shared", "per-game"),
        default="shared",
        help="answer checkers: one warm pool for every game (shared, the default) or one "
        "process in each game (per-game)",
    )
    game = add_game_options(parser)
    game.add_argument(
        "--spawn",
        choices=("fork", "fresh"),
        default="fork",
        help="fork: each game is forked from one warm, pre-loaded game (fast, shares memory);"
        " fresh: each game starts a new interpreter (docs/server.md)",
    )
    game.add_argument(
        "--start-turns",
        type=_turns,
        default=None,
        metavar="N",
        help="forked games that start at once when a class logs in together; the others "
        "wait their turn, first come first served (default: one per core; 0: all at once)",
    )
    add_database_option(game)
    parser.set_defaults(handler=run)

    actions = parser.add_subparsers(dest="serve_action", metavar="ACTION")
    passwd = actions.add_parser("passwd", help="set, generate or remove students' passwords")
    passwd.add_argument("file", type=Path, metavar="FILE", help="the password roster")
    passwd.add_argument("names", nargs="+", metavar="NAME")
    passwd.add_argument("--generate", action="store_true", help="random passwords, printed")
    passwd.add_argument("--remove", action="store_true", help="take the names off the roster")
    passwd.set_defaults(handler=run_passwd)


def add_limit_options(parser: argparse.ArgumentParser) -> Any:
    """The limits every classroom server (`serve`, `web`) takes; returns their group."""
    limits = parser.add_argument_group("limits (docs/server.md)")
    limits.add_argument(
        "--max-sessions", type=int, default=40, metavar="N", help="games at once (40)"
    )
    limits.add_argument(
        "--max-per-address",
        type=int,
        default=0,
        metavar="N",
        help="connections at once from one address (0: no limit, right for a school's NAT)",
    )
    limits.add_argument(
        "--idle-minutes", type=float, default=15.0, metavar="M", help="close idle sessions (15)"
    )
    limits.add_argument(
        "--fail-delay",
        type=float,
        default=1.0,
        metavar="S",
        help="wait after a wrong password, doubling up to 8 s (1)",
    )
    limits.add_argument(
        "--max-failures",
        type=int,
        default=30,
        metavar="N",
        help="failed logins from one address in 5 min before it is locked out (30)",
    )
    limits.add_argument(
        "--game-memory-mb",
        type=int,
        default=2048,
        metavar="MB",
        help="address space each game (and its answer checker) may use (2048)",
    )
    limits.add_argument(
        "--game-cpu-minutes",
        type=float,
        default=30.0,
        metavar="M",
        help="processor time each game may use in all (30)",
    )
    return limits


def add_game_options(parser: argparse.ArgumentParser) -> Any:
    """The options of the games a classroom server runs; returns their group."""
    game = parser.add_argument_group("the game")
    game.add_argument("--lang", choices=LANGUAGES, default="en", help="course language")
    game.add_argument(
        "--pack", action="append", type=Path, default=[], metavar="PATH", help="also load a pack"
    )
    return game


def _fail(message: str, status: int = 2) -> int:
    print(f"derivquest serve: {message}", file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    """Handle `derivquest serve`."""
    import asyncio

    from derivquest.progress import ProgressError
    from derivquest.server.roster_file import RosterError

    if sys.platform == "win32":  # pseudo-terminals and process groups are POSIX
        return _fail("the classroom server runs on Linux (or macOS), not Windows")
    if not 0 <= args.port <= 65535:
        return _fail("--port takes 0 to 65535")
    if min(args.max_sessions, args.idle_minutes, args.max_failures) <= 0:
        return _fail("--max-sessions, --idle-minutes and --max-failures must be positive")
    if args.fail_delay < 0 or args.max_per_address < 0:
        return _fail("--fail-delay and --max-per-address cannot be negative")
    if not 512 <= args.game_memory_mb <= 1_048_576 or not 0 < args.game_cpu_minutes <= 10_000:
        return _fail("--game-memory-mb takes 512 or more, --game-cpu-minutes a positive number")
    use_database(args)  # before the roster: it may be in that database
    try:
        config = server_config(args)
    except RosterError as error:
        problems = "\n  ".join(str(problem) for problem in error.problems)
        return _fail(f"the roster cannot be used:\n  {problems}")
    except (EmptyRosterError, ProgressError) as error:
        return _fail(f"the database roster cannot be used: {error}", 1)
    if config is None:
        return _fail(
            "choose who may log in: --authorized-keys FILE, --passwords FILE,"
            " --roster database (students added with `derivquest roster add`) or --open"
        )
    if args.passwords is not None and args.passwords.stat().st_mode & 0o077:
        print(
            f"derivquest serve: warning: {args.passwords} can be read by other users"
            f" (chmod 600 {args.passwords})",
            file=sys.stderr,
        )
    problem = check_store(config.home)
    if problem is not None:
        return _fail(problem, 1)
    configure_logging()
    from derivquest.server.runner import serve

    try:
        return asyncio.run(serve(config))
    except ValueError as error:  # the host key file is not a key
        return _fail(str(error), 1)
    except OSError as error:  # the port is taken, or the host key cannot be written
        where = f" ({error.filename})" if error.filename else ""
        return _fail(f"cannot start the server: {error.strerror or error}{where}", 1)


def server_config(args: argparse.Namespace) -> ServerConfig | None:
    """The ServerConfig the options describe, or None when no admission mode was chosen."""
    from derivquest import paths
    from derivquest.server.auth import Admission
    from derivquest.server.config import ServerConfig
    from derivquest.server.limits import Limits

    if args.authorized_keys is not None:
        admission = Admission.with_keys(args.authorized_keys)
    elif args.passwords is not None:
        admission = Admission.with_passwords(args.passwords)
    elif args.open:
        admission = Admission.open_to_anyone()
    else:
        found = database_admission(explicit=getattr(args, "roster", None) == "database")
        if found is None:
            return None
        admission = found
    options = ["--lang", args.lang]
    for pack in args.pack:
        options += ["--pack", str(pack.resolve())]
    limits = Limits(
        max_sessions=args.max_sessions,
        max_per_address=args.max_per_address,
        idle_timeout=args.idle_minutes * 60,
        failure_delay=args.fail_delay,
        max_failures=args.max_failures,
        game_memory=args.game_memory_mb * 1024 * 1024,
        game_cpu=args.game_cpu_minutes * 60,
    )
    return ServerConfig(
        admission=admission,
        home=paths.data_dir().expanduser().resolve(),
        host=args.host,
        port=args.port,
        limits=limits,
        game_options=tuple(options),
        # `derivquest web` shares this function and has no SSH host key option.
        host_key=getattr(args, "host_key", None),
        adopt_orphans=True,  # this process runs nothing but the server
        spawn=getattr(args, "spawn", "fork"),
        start_turns=getattr(args, "start_turns", None),
        # `derivquest web` shares this function and has no --checkers option.
        checkers=getattr(args, "checkers", "per-game"),
    )


def _turns(text: str) -> int:
    """`--start-turns`: a whole number, 0 or more."""
    try:
        turns = int(text)
    except ValueError:
        turns = -1
    if turns < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a whole number of games, got {text!r}")
    return turns


def check_store(home: Path) -> str | None:
    """Open the progress store once, so a broken one is reported before anyone logs in."""
    from derivquest.progress import ProgressError, ProgressStore

    try:
        home.mkdir(parents=True, exist_ok=True)
        ProgressStore.open().close()
    except (OSError, ProgressError) as error:
        return f"cannot use the progress store: {error}"
    return None


def configure_logging() -> None:
    import logging

    logging.basicConfig(format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("derivquest.server").setLevel(logging.INFO)
    logging.getLogger("asyncssh").setLevel(logging.WARNING)


def run_passwd(args: argparse.Namespace) -> int:
    """Handle `derivquest serve passwd FILE NAME... [--generate | --remove]`."""
    from derivquest.server.password_roster import remove_student, set_password
    from derivquest.server.roster_file import RosterError

    if args.generate and args.remove:
        return _fail("give --generate or --remove, not both")
    if not (args.generate or args.remove) and len(args.names) != 1:
        return _fail("give one NAME to type a password for (or use --generate)")
    try:
        for name in args.names:
            if args.remove:
                found = remove_student(args.file, name)
                print(f"removed {name}" if found else f"{name} was not in {args.file}")
                continue
            password = new_password() if args.generate else _ask_password(name)
            if password is None:
                return 1
            added = set_password(args.file, name, password)
            if args.generate:
                print(f"{name} {password}")
            else:
                print(f"{'added' if added else 'changed the password of'} {name} in {args.file}")
    except RosterError as error:
        return _fail("\n  ".join(str(problem) for problem in error.problems))
    except OSError as error:
        return _fail(f"cannot write {args.file}: {error.strerror}", 1)
    return 0


def new_password() -> str:
    """Ten characters from a 32-letter alphabet: 50 bits, easy to read out to a student."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(10))


def _ask_password(name: str) -> str | None:
    """Ask twice on a terminal; read one line otherwise (for scripts). None: not set."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("again: ") != first:
            _fail("the two passwords differ; nothing was changed", 1)
            return None
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if len(first) < MIN_PASSWORD:
        _fail(f"a password has at least {MIN_PASSWORD} characters; nothing was changed", 1)
        return None
    return first
