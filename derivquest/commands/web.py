"""`derivquest web`: the classroom server in a browser tab (docs/web.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from derivquest.commands.database_option import add_database_option, use_database
from derivquest.commands.roster_option import EmptyRosterError, add_roster_option
from derivquest.commands.serve import (
    add_game_options,
    add_limit_options,
    check_store,
    configure_logging,
    server_config,
)

HELP = """\
Let a class play in a web browser: nothing to install, not even an SSH client (docs/web.md).

  derivquest web --passwords class.passwd     # made with `derivquest serve passwd`
  derivquest web --roster database --database URL   # students added with `derivquest roster`
  derivquest web --open                       # anyone, any name: closed networks only

With no option, the database roster is used when it has students (those with a password
can log in here). Students open http://SERVER:8000/ and log in with their name and
password. Their progress is saved under that name, the same as with `derivquest serve`.
Stop with Ctrl+C or SIGTERM.
"""


def register(subcommands: Any) -> None:
    """Add the `web` subcommand."""
    parser = subcommands.add_parser(
        "web",
        help="run a classroom server students reach with a web browser",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port (0: any free one)")
    parser.add_argument(
        "--https-proxy",
        action="store_true",
        help="students reach this server through an HTTPS reverse proxy (docs/web.md)",
    )
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--passwords", type=Path, metavar="FILE", help="password roster")
    add_roster_option(who)
    who.add_argument("--open", action="store_true", help="no login: anyone, under any name")
    add_database_option(parser)  # a school's PostgreSQL database, as for `serve`
    add_limit_options(parser)  # the same limits and game options as `serve`
    add_game_options(parser)
    parser.set_defaults(handler=run, authorized_keys=None)


def _fail(message: str, status: int = 2) -> int:
    print(f"derivquest web: {message}", file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    """Handle `derivquest web`."""
    import asyncio

    from derivquest.progress import ProgressError
    from derivquest.server.roster_file import RosterError

    if sys.platform == "win32":  # process groups and signals are POSIX
        return _fail("the web server runs on Linux (or macOS), not Windows")
    if not 0 <= args.port <= 65535:
        return _fail("--port takes 0 to 65535")
    if min(args.max_sessions, args.idle_minutes, args.max_failures) <= 0:
        return _fail("--max-sessions, --idle-minutes and --max-failures must be positive")
    if args.fail_delay < 0 or args.max_per_address < 0:
        return _fail("--fail-delay and --max-per-address cannot be negative")
    if not 512 <= args.game_memory_mb <= 1_048_576 or not 0 < args.game_cpu_minutes <= 10_000:
        return _fail("--game-memory-mb takes 512 or more, --game-cpu-minutes a positive number")
    use_database(args)  # the games inherit it (DERIVQUEST_DATABASE is passed on), the roster too
    try:
        config = server_config(args)
    except RosterError as error:
        problems = "\n  ".join(str(problem) for problem in error.problems)
        return _fail(f"the roster cannot be used:\n  {problems}")
    except (EmptyRosterError, ProgressError) as error:
        return _fail(f"the database roster cannot be used: {error}", 1)
    if config is None:
        return _fail(
            "choose who may log in: --passwords FILE, --roster database (students added with"
            " `derivquest roster add`) or --open"
        )
    problem = check_store(config.home)
    if problem is not None:
        return _fail(problem, 1)
    configure_logging()
    from derivquest.server.web.runner import serve_web

    try:
        return asyncio.run(serve_web(config, args.lang, args.https_proxy))
    except OSError as error:  # the port is taken
        return _fail(f"cannot start the server: {error.strerror or error}", 1)
