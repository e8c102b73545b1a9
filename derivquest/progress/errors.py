"""The progress store's errors, each with a message a player can act on (never a traceback)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class ProgressError(Exception):
    """Progress could not be read or saved; `str(error)` is the message to show."""


class StoreFullError(ProgressError):
    """The disk (or the database's size limit) is full: the last write was not saved."""


class StoreReadOnlyError(ProgressError):
    """The data folder or database file cannot be written."""


class StoreUnavailableError(ProgressError):
    """The database cannot be opened or created at all."""


class StoreBusyError(ProgressError):
    """Another DerivQuest kept the database locked for longer than the busy timeout."""


class StoreCorruptError(ProgressError):
    """The file is not a DerivQuest progress database, or it is damaged."""


class StoreVersionError(ProgressError):
    """The database was written by a newer DerivQuest with a schema this one does not know."""


class ProfileError(ProgressError):
    """A profile name is invalid, taken or unknown."""


class RosterError(ProgressError):
    """A change to the database roster was refused (unknown student, a key taken...)."""


_SAFE = "everything saved before is safe"


def translate(error: sqlite3.Error, path: Path) -> ProgressError:
    """Return the ProgressError that explains a SQLite error about the database at `path`.

    Uses the extended result code name (Python 3.11+) rather than the message text, which
    changes between SQLite versions.
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL":
        return StoreFullError(
            f"cannot save progress: the disk is full ({path}). Free some space and try "
            f"again; {_SAFE}."
        )
    if name.startswith("SQLITE_READONLY"):
        return StoreReadOnlyError(
            f"cannot save progress: {path} is read-only. Make the folder writable or set "
            f"DERIVQUEST_HOME to a writable folder; {_SAFE}."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreBusyError(
            f"cannot save progress: another DerivQuest is holding {path} locked. Try again; "
            f"{_SAFE}."
        )
    if name == "SQLITE_CONSTRAINT_FOREIGNKEY":
        return ProfileError("that profile no longer exists (another game deleted it)")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StoreCorruptError(
            f"{path} is not a DerivQuest progress database or is damaged; move it away to "
            "start afresh (DerivQuest never deletes it)."
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return StoreUnavailableError(
            f"cannot open progress database {path}: check that the folder exists and is "
            "writable, or set DERIVQUEST_HOME."
        )
    if name.startswith("SQLITE_IOERR"):
        return StoreUnavailableError(
            f"cannot save progress: the disk reported an error for {path} ({error}); {_SAFE}."
        )
    return ProgressError(f"progress database error ({path}): {error}")


def folder_error(error: OSError, folder: Path) -> ProgressError:
    """Return the error for a data folder that cannot be created."""
    reason = error.strerror or str(error)
    if folder.exists() and not folder.is_dir():
        reason = "it exists but is not a folder"
    return StoreUnavailableError(
        f"cannot create the data folder {folder}: {reason}. Set DERIVQUEST_HOME to a writable "
        "folder."
    )
