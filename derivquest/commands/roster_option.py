"""The `--roster database` option of serve and web: admit the students of the database roster."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from derivquest.server.auth import Admission

HELP = (
    "admit the students added with `derivquest roster` to the progress database (--database);"
    " the default when that roster has students"
)


class EmptyRosterError(Exception):
    """`--roster database` was asked for and the roster has nobody on it."""


def add_roster_option(group: argparse._MutuallyExclusiveGroup) -> None:
    """Add `--roster database` to the group of ways in."""
    group.add_argument("--roster", choices=("database",), default=None, help=HELP)


def database_admission(*, explicit: bool) -> Admission | None:
    """The database roster as the way in; None when it was not asked for and is empty.

    Opens the progress store of $DERIVQUEST_DATABASE (set from --database) for the server's
    lifetime: each login reads the roster from it, so changes apply without a restart.

    Raises:
        EmptyRosterError: asked for (`explicit`) with nobody on the roster.
        ProgressError: the database cannot be opened or read.
    """
    from derivquest.progress import ProgressStore
    from derivquest.server.auth import Admission
    from derivquest.server.db_roster import DatabaseRoster

    store = ProgressStore.open()
    try:
        count = store.roster.count()
    except BaseException:
        store.close()
        raise
    if count == 0:
        store.close()
        if explicit:
            raise EmptyRosterError(
                f"nobody is on the roster in {store.location}: add students with"
                " `derivquest roster add NAME` or `derivquest roster import FILE`"
                " (with the same --database)"
            )
        return None
    return Admission.from_database(DatabaseRoster(store))
