"""Profile rows: several players per machine, each with a stable id that seeds variants."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from derivquest.progress.dialect import Connection
from derivquest.progress.errors import ProfileError
from derivquest.progress.names import name_problem, normalized
from derivquest.progress.records import Profile

MAX_COHORT = 20
"""Longest class name, in characters."""

_COLUMNS = "id, name, player_id, created_at, cohort"


def check_name(name: str) -> str:
    """Return the name as stored (NFC, stripped), or raise ProfileError when it breaks the
    name rule."""
    clean = normalized(name)
    problem = name_problem(clean)
    if problem is not None:
        raise ProfileError(problem)
    return clean


def check_cohort(cohort: str) -> str:
    """Return the class name stripped, or raise ProfileError when empty, long or unprintable."""
    clean = cohort.strip()
    if not clean or len(clean) > MAX_COHORT:
        raise ProfileError(f"a class name has 1 to {MAX_COHORT} characters")
    if any(unicodedata.category(char).startswith(("C", "Z")) for char in clean):
        raise ProfileError("a class name cannot contain spaces or control characters")
    return clean


def _profile(row: Any) -> Profile:
    return Profile(id=row[0], name=row[1], player_id=row[2], created_at=row[3], cohort=row[4])


def all_profiles(connection: Connection) -> list[Profile]:
    """Return every profile, by name."""
    rows = connection.execute(f"SELECT {_COLUMNS} FROM profiles ORDER BY name")
    return [_profile(row) for row in rows]


def find(connection: Connection, name: str) -> Profile | None:
    """Return the profile called `name` (after stripping and composing, as names are stored),
    or None."""
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM profiles WHERE name = ?", (normalized(name),)
    ).fetchone()
    return None if row is None else _profile(row)


def ensure(connection: Connection, name: str, now: float, player_id: str | None = None) -> Profile:
    """Return the profile called `name`, creating it first if needed (in a write transaction).

    `player_id` is used for a new profile when no other profile has it (an import keeps
    the exported one, so variants stay the same); otherwise a fresh one is drawn.
    """
    clean = check_name(name)
    existing = find(connection, clean)
    if existing is not None:
        return existing
    taken = player_id is None or (
        connection.execute("SELECT 1 FROM profiles WHERE player_id = ?", (player_id,)).fetchone()
        is not None
    )
    chosen = uuid.uuid4().hex if taken or player_id is None else player_id
    connection.execute(
        "INSERT INTO profiles (name, player_id, created_at) VALUES (?, ?, ?)",
        (clean, chosen, now),
    )
    created = find(connection, clean)
    assert created is not None
    return created


def rename(connection: Connection, profile_id: int, new_name: str) -> Profile:
    """Rename a profile (in a write transaction)."""
    clean = check_name(new_name)
    other = find(connection, clean)
    if other is not None and other.id != profile_id:
        raise ProfileError(f"a profile called {clean!r} exists already")
    cursor = connection.execute("UPDATE profiles SET name = ? WHERE id = ?", (clean, profile_id))
    if cursor.rowcount == 0:
        raise ProfileError("that profile no longer exists")
    renamed = find(connection, clean)
    assert renamed is not None
    return renamed


def assign_cohort(connection: Connection, names: Iterable[str], cohort: str | None) -> int:
    """Put the named profiles in class `cohort` (None: in none); return how many (write txn).

    Raises:
        ProfileError: a name has no profile (then nobody is changed), or the class name is bad.
    """
    clean = None if cohort is None else check_cohort(cohort)
    found = [(name, find(connection, name)) for name in names]
    missing = [name for name, profile in found if profile is None]
    if missing:
        raise ProfileError(f"no profile called {', '.join(map(repr, missing))}")
    for _, profile in found:
        assert profile is not None
        connection.execute("UPDATE profiles SET cohort = ? WHERE id = ?", (clean, profile.id))
    return len(found)
