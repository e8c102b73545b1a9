"""Migrations: every earlier schema version upgrades, keeping its data, to today's schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from derivquest.progress import ProgressStore, StoreVersionError
from derivquest.progress.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, script, statements
from tests.unit.progress.conftest import NOON, WallClock


def build(path: Path, version: int) -> sqlite3.Connection:
    """Create a database at `version` by running the first `version` DDL scripts."""
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=version)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == version
    return connection


def schema(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every table and index with its SQL, as SQLite stores it."""
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [(name, sql) for name, sql in rows]


def fill_v1(connection: sqlite3.Connection) -> None:
    """Write data the way version 1 did (skills as a JSON column)."""
    connection.execute("INSERT INTO profiles VALUES (1, 'ana', 'p1', ?)", (NOON,))
    for number, (correct, skills) in enumerate(
        [(1, ["chain", "power"]), (0, ["chain"]), (1, [])], start=1
    ):
        connection.execute(
            "INSERT INTO attempts (uid, profile_id, question_id, answered_at, answer, correct,"
            " seconds, hints_used, mode, variant_seed, skills)"
            " VALUES (?, 1, 'calc/power/q1', ?, 'x', ?, 2.0, 0, 'play', '18446744073709551615', ?)",
            (f"u{number}", NOON + number, correct, json.dumps(skills)),
        )
    connection.execute(
        "INSERT INTO questions VALUES (1, 'calc/power/q1', 3, 2, 0, 1, 3, 6.0, ?, ?)",
        (NOON + 1, NOON + 3),
    )
    connection.execute("INSERT INTO levels VALUES (1, 'calc/power', 2, 1, 30.0, ?)", (NOON,))
    connection.execute(
        "INSERT INTO resume VALUES (1, 'play', 'calc/power/q2', '7', 0, 'typed', 1, ?)", (NOON,)
    )


def test_a_version_1_database_migrates_with_its_data(tmp_path: Path) -> None:
    """v1 data survives: counters, levels, resume, and skills move to their own table."""
    path = tmp_path / "progress.sqlite3"
    connection = build(path, 1)
    fill_v1(connection)
    connection.close()
    with ProgressStore(path, now=WallClock()) as store:
        ana = store.profile_named("ana")
        assert ana is not None
        question = store.question_progress(ana.id, "calc/power/q1")
        assert question is not None and (question.attempts, question.stars) == (3, 3)
        summary = store.summary(ana.id, {"calc/power/q1"})
        assert summary.levels["calc/power"].stars == 2
        resume = store.resume_point(ana.id)
        assert resume is not None and (resume.typed, resume.variant_seed) == ("typed", 7)
        mastery = store.skills.mastery(ana.id)
        assert {skill: m.answers for skill, m in mastery.items()} == {"chain": 2, "power": 1}
        assert store.drills.history(ana.id) == []
        exported = store.export_document().profiles[0].attempts
        assert [a.skills for a in exported] == [["chain", "power"], ["chain"], []]
        assert exported[0].variant_seed == 2**64 - 1


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_every_version_reaches_the_current_schema(tmp_path: Path, version: int) -> None:
    """From each earlier version, opening the store gives exactly a fresh store's schema."""
    old = build(tmp_path / "old.sqlite3", version)
    old.close()
    with ProgressStore(tmp_path / "old.sqlite3", now=WallClock()):
        pass
    with ProgressStore(tmp_path / "fresh.sqlite3", now=WallClock()):
        pass
    migrated = sqlite3.connect(tmp_path / "old.sqlite3")
    fresh = sqlite3.connect(tmp_path / "fresh.sqlite3")
    assert schema(migrated) == schema(fresh)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert migrated.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    migrated.close()
    fresh.close()


def test_a_failing_step_leaves_the_previous_version(tmp_path: Path) -> None:
    """A migration that breaks half-way is rolled back whole: the file stays at v1."""
    connection = build(tmp_path / "p.sqlite3", 1)
    connection.execute("CREATE TABLE drill_items (x)")  # step 2 fails on its last statement
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    assert "drills" not in names and "drills_by_setting" not in names
    connection.close()


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    """A file from a newer DerivQuest raises StoreVersionError and is not changed."""
    path = tmp_path / "p.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreVersionError, match="newer DerivQuest"):
        ProgressStore(path)
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_scripts_split_into_statements() -> None:
    """Every migration, in both dialects, splits into complete statements."""
    for step in MIGRATIONS:
        for dialect in ("sqlite", "postgres"):
            found = statements(script(step, dialect))
            assert found and all(sqlite3.complete_statement(s) for s in found)
    with pytest.raises(ValueError, match="incomplete"):
        statements("CREATE TABLE t (a")
