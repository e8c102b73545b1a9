"""The schema as a chain of migrations: the DDL of every version, for SQLite and PostgreSQL.

How to add a version (docs/progress.md, "Migrations"): append one entry to MIGRATIONS. When
its SQL runs unchanged on both databases (e.g. `ALTER TABLE attempts ADD COLUMN note TEXT`;
portable types: TEXT, INTEGER, BIGINT, DOUBLE PRECISION) the entry is that string; otherwise
it is `Migration(sqlite=..., postgres=...)`. Never edit a shipped entry.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from derivquest.progress.dialect import DialectName


@dataclass(frozen=True, slots=True)
class Migration:
    """One version step written twice, where SQLite and PostgreSQL need different SQL."""

    sqlite: str
    postgres: str
    """PostgreSQL spelling: identity ids, DOUBLE PRECISION (its REAL is 4 bytes), no ROWID."""

    def script(self, dialect: DialectName) -> str:
        """The SQL for one database."""
        return self.sqlite if dialect == "sqlite" else self.postgres


Step = str | Migration
"""A migration: portable SQL (the same on both databases) or a `Migration` per dialect."""


V1_CORE = """
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    player_id TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    answered_at REAL NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    seconds REAL NOT NULL CHECK (seconds >= 0),
    hints_used INTEGER NOT NULL CHECK (hints_used >= 0),
    mode TEXT NOT NULL,
    variant_seed TEXT,
    skills TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX attempts_by_question ON attempts(profile_id, question_id);
CREATE TABLE questions (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    hints_used INTEGER NOT NULL,
    solved INTEGER NOT NULL,
    stars INTEGER NOT NULL,
    seconds REAL NOT NULL,
    first_solved_at REAL,
    last_attempt_at REAL NOT NULL,
    PRIMARY KEY (profile_id, question_id)
) WITHOUT ROWID;
CREATE TABLE levels (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    level_id TEXT NOT NULL,
    stars INTEGER NOT NULL,
    completions INTEGER NOT NULL,
    best_seconds REAL NOT NULL,
    last_completed_at REAL NOT NULL,
    PRIMARY KEY (profile_id, level_id)
) WITHOUT ROWID;
CREATE TABLE resume (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    question_id TEXT NOT NULL,
    variant_seed TEXT NOT NULL,
    round_number INTEGER NOT NULL,
    typed TEXT NOT NULL,
    hints_shown INTEGER NOT NULL,
    saved_at REAL NOT NULL,
    PRIMARY KEY (profile_id, slot)
) WITHOUT ROWID;
"""
"""Version 1: profiles, the attempt log (skills as a JSON list), per-question and per-level
progress, and resume points. Seeds are TEXT because variant seeds go up to 2**64 - 1."""

V2_DRILLS = """
CREATE TABLE drills (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    finished_at REAL NOT NULL,
    setting TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    skills TEXT NOT NULL,
    standard INTEGER NOT NULL CHECK (standard IN (0, 1)),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    score INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    best_streak INTEGER NOT NULL,
    seconds REAL NOT NULL
);
CREATE INDEX drills_by_setting ON drills(profile_id, setting, score);
CREATE INDEX drills_by_time ON drills(profile_id, finished_at);
CREATE TABLE drill_items (
    drill_id INTEGER NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    variant_seed TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('correct', 'wrong', 'skipped', 'unanswered')),
    seconds REAL NOT NULL,
    points INTEGER NOT NULL,
    PRIMARY KEY (drill_id, position)
) WITHOUT ROWID;
"""
"""Version 2: timed drills and the items each one served."""

V3_SKILLS = """
CREATE TABLE attempt_skills (
    attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    profile_id INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, skill)
) WITHOUT ROWID;
CREATE INDEX attempt_skills_by_skill ON attempt_skills(profile_id, skill, attempt_id);
INSERT OR IGNORE INTO attempt_skills (attempt_id, profile_id, skill)
    SELECT attempts.id, attempts.profile_id, skill.value
    FROM attempts, json_each(attempts.skills) AS skill
    WHERE json_valid(attempts.skills) AND skill.type = 'text';
ALTER TABLE attempts DROP COLUMN skills;
CREATE INDEX attempts_by_time ON attempts(profile_id, answered_at);
"""
"""Version 3: skills move from a JSON column to an indexed table, for mastery and review.
(Primary-key columns come first in WITHOUT ROWID tables: SQLite 3.40's integrity_check
wrongly reports NOT NULL errors for a column placed between them.)"""


V1_CORE_PG = """
CREATE TABLE profiles (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    player_id TEXT NOT NULL UNIQUE,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE attempts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    profile_id BIGINT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    answered_at DOUBLE PRECISION NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    seconds DOUBLE PRECISION NOT NULL CHECK (seconds >= 0),
    hints_used INTEGER NOT NULL CHECK (hints_used >= 0),
    mode TEXT NOT NULL,
    variant_seed TEXT,
    skills TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX attempts_by_question ON attempts(profile_id, question_id);
CREATE TABLE questions (
    profile_id BIGINT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    hints_used INTEGER NOT NULL,
    solved INTEGER NOT NULL,
    stars INTEGER NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    first_solved_at DOUBLE PRECISION,
    last_attempt_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (profile_id, question_id)
);
CREATE TABLE levels (
    profile_id BIGINT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    level_id TEXT NOT NULL,
    stars INTEGER NOT NULL,
    completions INTEGER NOT NULL,
    best_seconds DOUBLE PRECISION NOT NULL,
    last_completed_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (profile_id, level_id)
);
CREATE TABLE resume (
    profile_id BIGINT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    question_id TEXT NOT NULL,
    variant_seed TEXT NOT NULL,
    round_number INTEGER NOT NULL,
    typed TEXT NOT NULL,
    hints_shown INTEGER NOT NULL,
    saved_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (profile_id, slot)
);
"""
"""Version 1 for PostgreSQL: the same tables, columns and checks as V1_CORE."""

V2_DRILLS_PG = """
CREATE TABLE drills (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    profile_id BIGINT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    finished_at DOUBLE PRECISION NOT NULL,
    setting TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    skills TEXT NOT NULL,
    standard INTEGER NOT NULL CHECK (standard IN (0, 1)),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    score INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    best_streak INTEGER NOT NULL,
    seconds DOUBLE PRECISION NOT NULL
);
CREATE INDEX drills_by_setting ON drills(profile_id, setting, score);
CREATE INDEX drills_by_time ON drills(profile_id, finished_at);
CREATE TABLE drill_items (
    drill_id BIGINT NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    variant_seed TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('correct', 'wrong', 'skipped', 'unanswered')),
    seconds DOUBLE PRECISION NOT NULL,
    points INTEGER NOT NULL,
    PRIMARY KEY (drill_id, position)
);
"""
"""Version 2 for PostgreSQL."""

V3_SKILLS_PG = """
CREATE TABLE attempt_skills (
    attempt_id BIGINT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    profile_id BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, skill)
);
CREATE INDEX attempt_skills_by_skill ON attempt_skills(profile_id, skill, attempt_id);
INSERT INTO attempt_skills (attempt_id, profile_id, skill)
    SELECT attempts.id, attempts.profile_id, skill.value #>> '{}'
    FROM attempts, jsonb_array_elements(attempts.skills::jsonb) AS skill(value)
    WHERE jsonb_typeof(attempts.skills::jsonb) = 'array' AND jsonb_typeof(skill.value) = 'string'
    ON CONFLICT DO NOTHING;
ALTER TABLE attempts DROP COLUMN skills;
CREATE INDEX attempts_by_time ON attempts(profile_id, answered_at);
"""
"""Version 3 for PostgreSQL. (A PostgreSQL database only ever had the JSON column empty:
the backend came with version 3, but the chain stays whole.)"""

V4_DIAGNOSES = """
ALTER TABLE attempts ADD COLUMN diagnosis TEXT;
ALTER TABLE attempts ADD COLUMN fingerprint TEXT;
CREATE INDEX attempts_by_diagnosis ON attempts(question_id, diagnosis)
    WHERE diagnosis IS NOT NULL;
"""
"""Version 4: each attempt keeps the judge's mistake id and the answer's fingerprint (its
values at the question's fixed points), so a teacher's report can count mistakes and group
equal wrong answers. Older attempts have neither (NULL): they were never diagnosed."""

V5_CLASSES = """
ALTER TABLE profiles ADD COLUMN cohort TEXT;
CREATE INDEX profiles_by_cohort ON profiles(cohort);
"""
"""Version 5: each student's class (cohort, e.g. 7B), for a school's report by class.
Portable: the same SQL on SQLite and PostgreSQL."""

V6_ROSTER = """
CREATE TABLE roster (
    profile_id BIGINT NOT NULL PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
    password TEXT,
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    added_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE roster_keys (
    key_blob TEXT NOT NULL PRIMARY KEY,
    profile_id BIGINT NOT NULL REFERENCES roster(profile_id) ON DELETE CASCADE,
    key_type TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX roster_keys_by_profile ON roster_keys(profile_id);
"""
"""Version 6: the roster in the database, so every server of a school admits the same
students (docs/school.md). A student on the roster is a profile (name and class live there);
`password` is an encoded scrypt hash, never the password; a key (the base64 of its SSH wire
encoding) belongs to one student only. Portable: the same SQL on SQLite and PostgreSQL."""

MIGRATIONS: tuple[Step, ...] = (
    Migration(V1_CORE, V1_CORE_PG),
    Migration(V2_DRILLS, V2_DRILLS_PG),
    Migration(V3_SKILLS, V3_SKILLS_PG),
    V4_DIAGNOSES,  # portable: the same SQL on both (a partial index is fine in both)
    V5_CLASSES,
    V6_ROSTER,
)
"""MIGRATIONS[n] turns a version-n database into version n + 1 (0 is an empty file).
Never edit a shipped entry: add a new one."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes; stored in `PRAGMA user_version` (SQLite) or the
`derivquest_schema` table (PostgreSQL)."""


def script(step: Step, dialect: DialectName) -> str:
    """The SQL of one migration for one database."""
    return step if isinstance(step, str) else step.script(dialect)


def statements(script: str) -> list[str]:
    """Split a DDL script into complete statements (no statement here holds a literal ';')."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")
    return found


def schema_version(connection: sqlite3.Connection) -> int:
    """Return the database's `user_version`."""
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target`, one version per transaction; return the old version.

    Each step runs inside BEGIN IMMEDIATE and re-reads the version under the write lock, so
    two games opening an old database at once migrate it once. A kill in the middle of a step
    rolls that step back: the file is always at some whole version.

    Raises:
        sqlite3.Error: the caller translates it; `ValueError` when the file is newer.
    """
    start = schema_version(connection)
    if start > SCHEMA_VERSION:
        raise ValueError(f"schema version {start} is newer than {SCHEMA_VERSION}")
    while (version := schema_version(connection)) < target:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version < target:
                for statement in statements(script(MIGRATIONS[version], "sqlite")):
                    connection.execute(statement)
                # PRAGMA takes no parameters; `version + 1` is an int we computed.
                connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return start
