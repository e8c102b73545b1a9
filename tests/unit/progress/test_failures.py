"""A full disk, a read-only folder or a broken file gives a clear message and loses nothing."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from derivquest.progress import (
    ProgressError,
    ProgressStore,
    StoreCorruptError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
)
from derivquest.progress.backends.sqlite import SqliteDatabase
from tests.unit.progress.conftest import WallClock


def connection_of(store: ProgressStore) -> sqlite3.Connection:
    """The store's own connection, to inject a limit the way a real disk would impose it."""
    database = store._db  # fault injection needs the real connection
    assert isinstance(database, SqliteDatabase)
    return database.connection


def saved_answers(path: Path | None) -> list[str]:
    """The answers in the file, read by a separate connection."""
    assert path is not None, "a SQLite store"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [answer for (answer,) in connection.execute("SELECT answer FROM attempts")]


def test_disk_full_is_a_clear_error_and_keeps_what_was_saved(wall: WallClock) -> None:
    """With the file capped (PRAGMA max_page_count), a write fails as StoreFullError."""
    store = ProgressStore(now=wall)
    ana = store.create_profile("ana")
    saved = []
    for number in range(5):
        store.record_attempt(ana.id, "p/l/q", f"answer {number}", correct=True, seconds=1)
        saved.append(f"answer {number}")
    connection = connection_of(store)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreFullError) as caught:
        for number in range(1000):
            store.record_attempt(ana.id, f"p/l/q{number}", "y" * 3000, correct=True, seconds=1)
            saved.append("y" * 3000)
    message = str(caught.value)
    assert "disk is full" in message and "saved before is safe" in message
    assert "Traceback" not in message
    # the failed answer left no half-written counters behind, and the store still works
    store.record_attempt(ana.id, "p/l/q", "small", correct=True, seconds=1)
    saved.append("small")
    store.close()
    assert saved_answers(store.path) == saved
    with ProgressStore(now=wall) as reopened:
        progress = reopened.question_progress(reopened.create_profile("ana").id, "p/l/q")
        assert progress is not None and progress.attempts == 6


def test_read_only_data_is_a_clear_error(wall: WallClock) -> None:
    """A read-only database refuses writes with StoreReadOnlyError; saved answers stay.

    As an ordinary user the folder and file are chmod'ed read-only; root ignores file
    modes, so there the connection is switched to `query_only`, which fails writes with
    the same SQLITE_READONLY code a read-only file gives.
    """
    with ProgressStore(now=wall) as store:
        store.record_attempt(
            store.create_profile("ana").id, "p/l/q", "kept", correct=True, seconds=1
        )
        path = store.path
        assert path is not None
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [path.parent, *path.parent.iterdir()]}
        for item in modes:
            item.chmod(stat.S_IMODE(modes[item]) & ~0o222)
        try:
            with pytest.raises(ProgressError) as caught:
                with ProgressStore(now=wall) as store:
                    store.record_attempt(
                        store.create_profile("ana").id, "p/l/q", "lost", correct=True, seconds=1
                    )
        finally:
            for item, mode in modes.items():
                item.chmod(stat.S_IMODE(mode))
        assert isinstance(caught.value, StoreReadOnlyError | StoreUnavailableError)
    else:
        with ProgressStore(now=wall) as store:
            ana = store.create_profile("ana")
            connection_of(store).execute("PRAGMA query_only = ON")
            with pytest.raises(StoreReadOnlyError) as caught:
                store.record_attempt(ana.id, "p/l/q", "lost", correct=True, seconds=1)
    assert "read-only" in str(caught.value) or "writable" in str(caught.value)
    assert saved_answers(path) == ["kept"]


def test_a_data_folder_that_cannot_be_created(isolated_home: Path) -> None:
    """When DERIVQUEST_HOME is a file, opening says which folder and what to do."""
    isolated_home.parent.mkdir(parents=True, exist_ok=True)
    isolated_home.write_text("not a folder")
    with pytest.raises(StoreUnavailableError, match="DERIVQUEST_HOME"):
        ProgressStore()


def test_a_file_that_is_not_a_database(isolated_home: Path) -> None:
    """Garbage in the file is reported as not a progress database, and left as it was."""
    isolated_home.mkdir(parents=True)
    path = isolated_home / "progress.sqlite3"
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreCorruptError, match="not a DerivQuest progress database"):
        ProgressStore()
    assert path.read_bytes() == b"this is not SQLite" * 100
