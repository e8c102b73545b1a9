"""PostgreSQL's errors as the store's own, with the same messages the SQLite backend gives."""

from __future__ import annotations

import psycopg
from psycopg import errors as pg
from psycopg_pool import PoolTimeout

from derivquest.progress.errors import (
    ProfileError,
    ProgressError,
    StoreBusyError,
    StoreCorruptError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
)

_SAFE = "everything saved before is safe"


def _reason(error: Exception) -> str:
    """The first line of libpq's message (the rest repeats the socket or host)."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def translate(error: Exception, where: str) -> ProgressError:
    """Return the ProgressError that explains a psycopg or pool error about `where`.

    Goes by SQLSTATE class (psycopg's exception classes), never by message text.
    """
    if isinstance(error, pg.DiskFull | pg.OutOfMemory):
        return StoreFullError(
            f"cannot save progress: the database server {where} is out of space. Tell the "
            f"teacher; {_SAFE}."
        )
    if isinstance(error, pg.ReadOnlySqlTransaction | pg.InsufficientPrivilege):
        return StoreReadOnlyError(
            f"cannot save progress: {where} is read-only for this user (a standby, or no "
            f"write permission); {_SAFE}."
        )
    if isinstance(error, pg.LockNotAvailable | pg.QueryCanceled | pg.DeadlockDetected):
        return StoreBusyError(
            f"cannot save progress: another DerivQuest is holding {where} locked. Try again; "
            f"{_SAFE}."
        )
    if isinstance(error, pg.ForeignKeyViolation):
        return ProfileError("that profile no longer exists (another game deleted it)")
    if isinstance(error, pg.DuplicateTable | pg.DuplicateObject):
        return StoreCorruptError(
            f"{where} already holds another program's tables; give DerivQuest a database "
            "of its own (nothing was changed)."
        )
    if isinstance(error, pg.UndefinedTable | pg.UndefinedColumn):
        return StoreCorruptError(
            f"{where} is not a DerivQuest progress database or is damaged (a table or column "
            "is missing); point --database at another database (DerivQuest never drops one)."
        )
    if isinstance(error, PoolTimeout | psycopg.OperationalError | psycopg.InterfaceError):
        return StoreUnavailableError(
            f"cannot reach the progress database {where} ({_reason(error)}): this was not "
            f"saved; try again in a moment; {_SAFE}."
        )
    return ProgressError(f"progress database error ({where}): {_reason(error)}")
