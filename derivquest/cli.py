"""The `derivquest` command: plays the game by default, with subcommands for tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from derivquest import __version__
from derivquest.commands import check as check_command
from derivquest.commands import class_view as class_command
from derivquest.commands import drill as drill_command
from derivquest.commands import pack as pack_command
from derivquest.commands import play as play_command
from derivquest.commands import progress as progress_command
from derivquest.commands import report as report_command
from derivquest.commands import roster as roster_command
from derivquest.commands import serve as serve_command
from derivquest.commands import web as web_command


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="derivquest",
        description="Learn derivatives as machine learning uses them, in your terminal.",
        epilog="Data lives in $DERIVQUEST_HOME (default: your platform's user data folder).",
    )
    parser.add_argument("--version", action="version", version=f"derivquest {__version__}")
    play_command.add_play_options(parser)
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    play_command.register(subcommands)
    check_command.register(subcommands)
    drill_command.register(subcommands)
    pack_command.register(subcommands)
    progress_command.register(subcommands)
    serve_command.register(subcommands)
    report_command.register(subcommands)
    web_command.register(subcommands)
    class_command.register(subcommands)
    roster_command.register(subcommands)
    return parser


_built: argparse.ArgumentParser | None = None


def shared_parser() -> argparse.ArgumentParser:
    """The argument parser, built once per process: the classroom server's zygote builds it
    before forking, so no student's game spends a hundredth of a second building it again."""
    global _built
    if _built is None:
        _built = build_parser()
    return _built


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the process exit status."""
    args = shared_parser().parse_args(argv)
    # No command means play: `derivquest --lang bn` starts the Bengali course.
    handler = getattr(args, "handler", play_command.run)
    try:
        status: int = handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: a message, never a traceback
        from derivquest.errorlog import crash_message, log_error

        where = f"derivquest {getattr(args, 'command', None) or 'play'}"
        print(crash_message(error, log_error(error, where)), file=sys.stderr)
        return 1
    return status
