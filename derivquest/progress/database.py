"""The database the store runs on, whichever backend: its interface and how to open one."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Literal, Protocol

from derivquest.progress.dialect import Connection, DialectName

Synchronous = Literal["FULL", "NORMAL"]
"""How hard each SQLite COMMIT pushes to disk (see docs/progress.md, "Durability")."""


class Database(Protocol):
    """An open progress database: every query of the store goes through `read` or `write`.

    Both backends serialise writes (SQLite's write lock, a PostgreSQL advisory lock), so the
    read-then-write steps inside one `write` block never meet another writer halfway.
    """

    @property
    def dialect(self) -> DialectName:
        """Which SQL the database speaks."""
        ...

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a database server."""
        ...

    @property
    def location(self) -> str:
        """What messages call the database: a file, or a URL without its password."""
        ...

    def write(self) -> AbstractContextManager[Connection]:
        """Run the block as one transaction that writes; it is committed when the block ends.

        Raises:
            ProgressError: the write failed; nothing of the block was saved.
        """
        ...

    def read(self) -> AbstractContextManager[Connection]:
        """Run the block's queries in one read transaction (a consistent snapshot)."""
        ...

    def close(self) -> None:
        """Close the database (idempotent); later calls raise ProgressError."""
        ...


def open_database(
    location: Path | str, synchronous: Synchronous = "FULL", wait: float | None = None
) -> Database:
    """Open (creating and migrating if needed) a SQLite file or a `postgresql://` database.

    Args:
        location: a file path, or a PostgreSQL URL (`location.is_database_url`).
        synchronous: SQLite only.
        wait: PostgreSQL only: seconds to wait for a connection before giving up.

    Raises:
        ProgressError: the database cannot be opened, created or migrated.
    """
    from derivquest.progress.location import is_database_url

    if isinstance(location, str) and is_database_url(location):
        from derivquest.progress.backends.postgres import PostgresDatabase

        return PostgresDatabase(location, wait=wait)
    from derivquest.progress.backends.sqlite import SqliteDatabase

    return SqliteDatabase(Path(location), synchronous)
