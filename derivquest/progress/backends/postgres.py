"""The PostgreSQL backend: a pool of psycopg connections, short transactions, one writer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from derivquest.progress.backends.postgres_errors import translate
from derivquest.progress.backends.postgres_schema import migrate
from derivquest.progress.dialect import Cursor, DialectName, Parameters, to_pyformat
from derivquest.progress.errors import ProgressError, StoreVersionError
from derivquest.progress.location import describe
from derivquest.progress.migrations import SCHEMA_VERSION

DEFAULT_WAIT = 5.0
"""Seconds to connect (libpq's connect_timeout) or to get a connection from a fresh pool;
a server that refuses connections is noticed after FIRST_WAIT."""

LOCK_TIMEOUT_MS = 10_000
"""How long a writer waits for another's transaction: SQLite's busy timeout, the same."""

WRITE_LOCK = 0x6465_7269_7602
"""Advisory lock key every write transaction holds ("deriv" + 2).

Writes are serialised, as in SQLite: the store's read-then-write steps (a profile made once
by two games, a drill's personal best, an import) stay correct without retry loops. Each is
a few statements long, so a school's answers queue for about a millisecond at most."""

FIRST_WAIT = 1.0
"""Seconds to wait for a pooled connection before asking the server directly (see _borrow)."""

POOL_SIZE = 2
"""Connections per process at most: a game saves one answer at a time (docs/school.md)."""

# The pool logs its reconnection attempts; in a game that has no log handler Python would
# print them over the screen. Commands that want them (serve) configure logging themselves.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


class PgConnection:
    """A psycopg connection that accepts the store's SQLite-style SQL (`?`, `:name`)."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self._raw = raw

    def execute(self, sql: str, parameters: Parameters = (), /) -> Cursor:
        """Run one statement with its placeholders rewritten for psycopg."""
        return self._raw.execute(to_pyformat(sql), parameters, prepare=None)

    def executemany(self, sql: str, parameters: Iterable[Parameters], /) -> Cursor:
        """Run one statement for each parameter set (in one round trip when it can)."""
        cursor = self._raw.cursor()
        cursor.executemany(to_pyformat(sql), list(parameters))
        return cursor


class PostgresDatabase:
    """A PostgreSQL database shared by every server of a school.

    Thread safety: each `read` or `write` borrows its own connection from the pool. A
    connection found broken (the server restarted) is replaced on the next borrow; while
    the server is away every call raises StoreUnavailableError after `wait` seconds.
    """

    def __init__(self, url: str, *, wait: float | None = None) -> None:
        """Connect, migrate under the advisory lock, then open the pool.

        Raises:
            ProgressError: the server cannot be reached, refuses us, or is from a newer
                DerivQuest.
        """
        self.location = describe(url)
        """The URL without its password."""
        self._url = url
        self._wait = DEFAULT_WAIT if wait is None else wait
        self._connect_timeout = max(2, round(self._wait))  # libpq's smallest useful value: 2
        self._swap = threading.Lock()
        try:
            with self._connect() as raw:
                migrate(raw)
        except ValueError as error:
            raise StoreVersionError(
                f"{self.location} was written by a newer DerivQuest (schema newer than "
                f"{SCHEMA_VERSION}); update DerivQuest to use it. Nothing was changed."
            ) from error
        except psycopg.Error as error:
            raise translate(error, self.location) from error
        self._pool: ConnectionPool[psycopg.Connection[Any]] | None = self._new_pool()

    def _connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self._url, autocommit=True, connect_timeout=self._connect_timeout)

    def _new_pool(self) -> ConnectionPool[psycopg.Connection[Any]]:
        pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            self._url,
            min_size=1,
            max_size=POOL_SIZE,
            kwargs={"autocommit": True, "connect_timeout": self._connect_timeout},
            configure=_configure,
            check=ConnectionPool.check_connection,
            timeout=self._wait,
            name="derivquest-progress",
            open=False,
        )
        pool.open(wait=False)
        return pool

    def _borrow(
        self,
    ) -> tuple[ConnectionPool[psycopg.Connection[Any]], psycopg.Connection[Any]]:
        """A connection and the pool to give it back to.

        When the pool has none within FIRST_WAIT, the server is asked directly. Away: that
        error is raised. Back: the pool may still be backing off between reconnection tries
        (seconds, growing with the length of the outage), so a fresh pool replaces it and
        the game saves at once. (A pool merely busy is replaced too, which costs nothing but
        new connections.)
        """
        pool = self._pool
        if pool is None:
            raise ProgressError(f"the progress store {self.location} is closed")
        try:
            return pool, pool.getconn(timeout=min(self._wait, FIRST_WAIT))
        except PoolTimeout:
            pass
        self._connect().close()  # raises when the server is away
        with self._swap:
            if self._pool is pool:
                self._pool = self._new_pool()
                # Closing waits for the old pool's threads: not on the player's time.
                threading.Thread(target=pool.close, daemon=True).start()
            current = self._pool
        if current is None:
            raise ProgressError(f"the progress store {self.location} is closed")
        return current, current.getconn(timeout=self._wait)

    @property
    def dialect(self) -> DialectName:
        """PostgreSQL."""
        return "postgres"

    @property
    def path(self) -> Path | None:
        """No file: the database lives on a server."""
        return None

    def write(self) -> AbstractContextManager[PgConnection]:
        """Run the block as one transaction holding the write lock; committed at its end.

        Raises:
            ProgressError: the write failed; nothing of the block was saved.
        """
        return self._transaction("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    def read(self) -> AbstractContextManager[PgConnection]:
        """Run the block's queries in one REPEATABLE READ snapshot."""
        return self._transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    @contextmanager
    def _transaction(self, *begin: str) -> Iterator[PgConnection]:
        try:
            pool, raw = self._borrow()
        except (psycopg.Error, PoolTimeout) as error:
            raise translate(error, self.location) from error
        try:
            for statement in begin:
                raw.execute(statement)
            yield PgConnection(raw)
            raw.execute("COMMIT")
        except psycopg.Error as error:
            _rollback(raw)
            raise translate(error, self.location) from error
        except BaseException:
            _rollback(raw)
            raise
        finally:
            pool.putconn(raw)  # a broken connection is discarded, a closed pool closes it

    def close(self) -> None:
        """Close the pool (idempotent); later calls raise ProgressError."""
        with self._swap:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()


def _configure(raw: psycopg.Connection[Any]) -> None:
    """Set up each new pooled connection: give up on locks as SQLite's busy timeout does."""
    raw.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")


def _rollback(raw: psycopg.Connection[Any]) -> None:
    # A broken connection cannot roll back; the server dropped the transaction already.
    if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        try:
            raw.execute("ROLLBACK")
        except psycopg.Error:
            pass
