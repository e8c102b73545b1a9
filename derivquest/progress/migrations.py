"""The schema as a chain of migrations: the DDL of every version, applied in order, atomically."""

from __future__ import annotations

import sqlite3

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

V4_DIAGNOSES = """
ALTER TABLE attempts ADD COLUMN diagnosis TEXT;
ALTER TABLE attempts ADD COLUMN fingerprint TEXT;
CREATE INDEX attempts_by_diagnosis ON attempts(question_id, diagnosis)
    WHERE diagnosis IS NOT NULL;
"""
"""Version 4: each attempt keeps the judge's mistake id and the answer's fingerprint (its
values at the question's fixed points), so a teacher's report can count mistakes and group
equal wrong answers. Older attempts have neither (NULL): they were never diagnosed."""

MIGRATIONS: tuple[str, ...] = (V1_CORE, V2_DRILLS, V3_SKILLS, V4_DIAGNOSES)
"""MIGRATIONS[n] turns a version-n database into version n + 1 (0 is an empty file).
Never edit a shipped entry: add a new one."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes; stored in `PRAGMA user_version`."""


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
                for statement in statements(MIGRATIONS[version]):
                    connection.execute(statement)
                # PRAGMA takes no parameters; `version + 1` is an int we computed.
                connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return start
