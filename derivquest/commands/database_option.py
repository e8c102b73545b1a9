"""The `--database` option shared by play, serve, report and progress: which store to use."""

from __future__ import annotations

import argparse
import os

from derivquest.progress.location import DATABASE_ENV

HELP = (
    "progress database: a postgresql:// URL (a school's shared database, docs/school.md) or "
    f"a SQLite file (default: ${DATABASE_ENV}, else the data folder's progress.sqlite3)"
)


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """Add `--database URL`."""
    parser.add_argument("--database", metavar="URL", default=None, help=HELP)


def use_database(args: argparse.Namespace) -> str | None:
    """Apply `--database` for this process and every game it starts; return the choice.

    The choice travels in the environment: the store reads it when opened without a path,
    and the classroom server passes it on to each student's game (never on a command line,
    where other users of the machine could read a password).
    """
    chosen: str | None = getattr(args, "database", None)
    if chosen:
        os.environ[DATABASE_ENV] = chosen
    return chosen or os.environ.get(DATABASE_ENV) or None
