"""The SQLite backend: one connection in WAL mode, shared by threads under a lock."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from derivquest import paths
from derivquest.progress.database import Synchronous
from derivquest.progress.dialect import DialectName
from derivquest.progress.errors import (
    ProgressError,
    StoreVersionError,
    folder_error,
    translate,
)
from derivquest.progress.migrations import SCHEMA_VERSION, migrate

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's transaction before giving up."""


class SqliteDatabase:
    """A SQLite file opened for the progress store; every query goes through `read`/`write`.

    Thread safety: one connection, `check_same_thread=False`, and a lock held for the
    whole of each transaction. Transactions are a few inserts long, so worker threads that
    record answers wait well under a millisecond for each other. Other processes are
    separated by SQLite's own locking (WAL readers never block the one writer).
    """

    def __init__(self, path: Path, synchronous: Synchronous = "FULL") -> None:
        """Open (creating if needed) and migrate the database at `path`.

        Raises:
            ProgressError: the folder or file cannot be created, opened or migrated.
        """
        self.path = path
        """The database file."""
        self.location = str(path)
        """What messages call the database: its file."""
        self.dialect: DialectName = "sqlite"
        self._lock = threading.RLock()
        try:
            # Every answer is in here: the data folder 0700, the database (and so SQLite's
            # -wal and -shm files, which take its mode) 0600; looser ones are tightened.
            tighten = path.parent.absolute() == paths.data_dir().absolute()
            paths.make_private_folder(path.parent, tighten=tighten)
        except OSError as error:
            raise folder_error(error, path.parent) from error
        with contextlib.suppress(OSError):  # then SQLite's own error below says why
            paths.make_private_file(path)
            for companion in ("-wal", "-shm"):
                if path.with_name(path.name + companion).exists():
                    paths.make_private_file(path.with_name(path.name + companion))
        try:
            # `timeout` is SQLite's busy timeout; isolation_level=None: we issue BEGIN/COMMIT.
            self._connection: sqlite3.Connection | None = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise translate(error, path) from error
        try:
            self._configure(synchronous)
        except BaseException:
            self._connection.close()
            self._connection = None
            raise

    def _configure(self, synchronous: Synchronous) -> None:
        connection = self.connection
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # journal_mode=WAL is persistent and needs the write lock the first time.
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            connection.execute(f"PRAGMA synchronous = {synchronous}")
            migrate(connection)
        except ValueError as error:
            raise StoreVersionError(
                f"{self.path} was written by a newer DerivQuest (schema newer than "
                f"{SCHEMA_VERSION}); update DerivQuest to use it. Nothing was changed."
            ) from error
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection.

        Raises:
            ProgressError: the store was closed.
        """
        if self._connection is None:
            raise ProgressError(f"the progress store {self.path} is closed")
        return self._connection

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """Run the block as one IMMEDIATE transaction; it is committed when the block ends.

        IMMEDIATE takes the write lock at BEGIN, so the read-then-write steps inside can never
        meet another writer halfway (no SQLITE_BUSY upgrade deadlock, no lost update).

        Raises:
            ProgressError: the write failed; nothing of the block was saved.
        """
        return self._transaction("BEGIN IMMEDIATE")

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        """Run the block's queries in one read transaction (a consistent snapshot).

        Raises:
            ProgressError: the database could not be read.
        """
        return self._transaction("BEGIN")

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self.connection
            try:
                connection.execute(begin)
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback(connection)
                raise translate(error, self.path) from error
            except BaseException:
                self._rollback(connection)
                raise

    @staticmethod
    def _rollback(connection: sqlite3.Connection) -> None:
        # SQLite may already have rolled back (e.g. after SQLITE_FULL); then there is nothing.
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        """Close the connection (idempotent); later calls raise ProgressError."""
        with self._lock:
            if self._connection is not None:
                try:
                    self._connection.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass  # a read-only or full disk must not stop the game from quitting
                self._connection.close()
                self._connection = None
