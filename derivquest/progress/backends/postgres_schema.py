"""Migrating a PostgreSQL database: the shared chain, once, under an advisory lock."""

from __future__ import annotations

import psycopg

from derivquest.progress.migrations import MIGRATIONS, SCHEMA_VERSION, script, statements

MIGRATE_LOCK = 0x6465_7269_7601
"""Advisory lock key held while migrating ("deriv" + 1): servers starting at once wait."""

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS derivquest_schema (
    one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    version INTEGER NOT NULL
)
"""
"""PostgreSQL has no `user_version`: the schema version is this one-row table."""


def schema_version(connection: psycopg.Connection[tuple[object, ...]]) -> int:
    """Return the database's schema version (0: nothing of DerivQuest's yet)."""
    exists = connection.execute("SELECT to_regclass('derivquest_schema')").fetchone()
    if exists is None or exists[0] is None:
        return 0
    row = connection.execute("SELECT version FROM derivquest_schema").fetchone()
    return 0 if row is None else int(str(row[0]))


def migrate(
    connection: psycopg.Connection[tuple[object, ...]], target: int = SCHEMA_VERSION
) -> int:
    """Bring the database up to `target`, one version per transaction; return the old version.

    `connection` is in autocommit mode. Each step takes the advisory lock inside its
    transaction and re-reads the version, so several servers starting at once migrate once.
    PostgreSQL's DDL is transactional: a step either happens whole or not at all.

    Raises:
        psycopg.Error: the caller translates it; `ValueError` when the database is newer.
    """
    start = schema_version(connection)
    if start > SCHEMA_VERSION:
        raise ValueError(f"schema version {start} is newer than {SCHEMA_VERSION}")
    while schema_version(connection) < target:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            connection.execute(VERSION_TABLE)
            version = schema_version(connection)
            if version > SCHEMA_VERSION:
                raise ValueError(f"schema version {version} is newer than {SCHEMA_VERSION}")
            if version < target:
                for statement in statements(script(MIGRATIONS[version], "postgres")):
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO derivquest_schema (version) VALUES (%s)"
                    " ON CONFLICT (one) DO UPDATE SET version = excluded.version",
                    (version + 1,),
                )
    return start
