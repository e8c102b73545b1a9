"""The roster in the database: who may log in to a school's servers, with which keys or password.

A student on the roster is a profile (its name is the login name, its class the profile's);
the roster adds the keys, the password hash and whether the student may log in now. Servers
look a student up at each login, so a change here takes effect at once on every server.
The hashes are made and checked by the server (derivquest/server/passwords.py): this layer
stores the encoded text and never sees a password.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from derivquest.progress import profiles as profile_rows
from derivquest.progress.database import Database
from derivquest.progress.dialect import Connection
from derivquest.progress.errors import ProfileError, RosterError
from derivquest.progress.names import name_problem

_BLOB = re.compile(r"[A-Za-z0-9+/]{16,16384}={0,2}")
"""A key's wire encoding in base64, as in a .pub file."""

_KEY_TYPE = re.compile(r"[a-z0-9][a-z0-9@.+-]{2,63}")
"""An OpenSSH key type name: ssh-ed25519, ecdsa-sha2-nistp256, sk-ssh-ed25519@openssh.com."""

MAX_HASH = 400
"""Longest encoded password hash stored (an scrypt hash is about 100 characters)."""

MAX_COMMENT = 200


@dataclass(frozen=True, slots=True)
class RosterKey:
    """One public key: its type, the base64 of its SSH wire encoding, and its comment."""

    key_type: str
    blob: str
    comment: str = ""

    def line(self) -> str:
        """The key as a .pub file line writes it."""
        return f"{self.key_type} {self.blob}" + (f" {self.comment}" if self.comment else "")


@dataclass(frozen=True, slots=True)
class NewStudent:
    """What `add` puts on the roster; None (or no keys) leaves what is stored as it is."""

    name: str
    cohort: str | None = None
    keys: tuple[RosterKey, ...] = ()
    password_hash: str | None = None
    """An encoded hash (`scrypt$...`), never the password."""


@dataclass(frozen=True, slots=True)
class Student:
    """One student on the roster, as `roster list` shows them."""

    name: str
    cohort: str | None
    keys: tuple[RosterKey, ...]
    has_password: bool
    enabled: bool


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a login is checked against: an enabled student's keys and password hash."""

    key_blobs: frozenset[str]
    password_hash: str | None


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add` changed: names new on the roster, and how many keys were new."""

    created: tuple[str, ...]
    updated: tuple[str, ...]
    keys_added: int


def check_key(key: RosterKey) -> RosterKey:
    """Return the key when its parts look like a public key's, else raise RosterError."""
    if not _KEY_TYPE.fullmatch(key.key_type) or not _BLOB.fullmatch(key.blob):
        raise RosterError(f"not a public key: {key.key_type[:40]!r} {key.blob[:20]!r}...")
    if len(key.comment) > MAX_COMMENT or any(not char.isprintable() for char in key.comment):
        raise RosterError("a key's comment is too long or has control characters")
    return key


def check_student_name(name: str) -> str:
    """Return the name stripped when it can be a login name (no spaces), else ProfileError."""
    clean = name.strip()
    problem = name_problem(clean, spaces=False, noun="student name")
    if problem is not None:
        raise ProfileError(f"{clean!r}: {problem}")
    return clean


def _check_hash(encoded: str) -> str:
    if not encoded or len(encoded) > MAX_HASH or any(char.isspace() for char in encoded):
        raise RosterError("not an encoded password hash (the server makes them: never a password)")
    return encoded


class Roster:
    """The roster table of one store (`store.roster`); every method is one transaction."""

    def __init__(self, database: Database, now: Callable[[], float]) -> None:
        self._db = database
        self._now = now

    def add(self, students: Sequence[NewStudent]) -> AddResult:
        """Put students on the roster or update them (class, more keys, a new password).

        All or nothing: one bad entry (a bad name or class, a key listed for another
        student, the same name twice) and nothing is changed. A student's profile is
        created when missing; keys already theirs are kept once.

        Raises:
            RosterError, ProfileError: the message names the entry and what is wrong.
        """
        names = [check_student_name(student.name) for student in students]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise RosterError(f"listed more than once: {', '.join(twice)}")
        for student in students:
            for key in student.keys:
                check_key(key)
            if student.password_hash is not None:
                _check_hash(student.password_hash)
            if student.cohort is not None:
                profile_rows.check_cohort(student.cohort)
        created: list[str] = []
        updated: list[str] = []
        keys_added = 0
        with self._db.write() as connection:
            for name, student in zip(names, students, strict=True):
                profile = profile_rows.ensure(connection, name, self._now())
                is_new = _upsert(connection, profile.id, student, self._now())
                (created if is_new else updated).append(name)
                if student.cohort is not None:
                    profile_rows.assign_cohort(connection, [name], student.cohort)
                keys_added += _add_keys(connection, profile.id, name, student.keys)
        return AddResult(tuple(created), tuple(updated), keys_added)

    def remove(self, names: Iterable[str]) -> None:
        """Take students off the roster (their progress stays); all or nothing.

        Raises:
            RosterError: a name is not on the roster (then nobody is removed).
        """
        with self._db.write() as connection:
            ids = _roster_ids(connection, names)
            for profile_id in ids:
                connection.execute("DELETE FROM roster WHERE profile_id = ?", (profile_id,))

    def set_enabled(self, names: Iterable[str], enabled: bool) -> None:
        """Let students log in again, or stop them for now (keys and password are kept).

        Raises:
            RosterError: a name is not on the roster (then nobody is changed).
        """
        with self._db.write() as connection:
            for profile_id in _roster_ids(connection, names):
                connection.execute(
                    "UPDATE roster SET enabled = ? WHERE profile_id = ?",
                    (1 if enabled else 0, profile_id),
                )

    def remove_keys(self, name: str, blobs: Iterable[str]) -> int:
        """Take keys away from one student; return how many were theirs.

        Raises:
            RosterError: the name is not on the roster.
        """
        with self._db.write() as connection:
            (profile_id,) = _roster_ids(connection, [name])
            removed = 0
            for blob in blobs:
                cursor = connection.execute(
                    "DELETE FROM roster_keys WHERE key_blob = ? AND profile_id = ?",
                    (blob, profile_id),
                )
                removed += cursor.rowcount
            return removed

    def students(self, cohort: str | None = None) -> list[Student]:
        """Every student on the roster (only class `cohort`'s when given), by name."""
        sql = (
            "SELECT profiles.id, profiles.name, profiles.cohort, roster.password, roster.enabled"
            " FROM roster JOIN profiles ON profiles.id = roster.profile_id"
        )
        parameters: tuple[str, ...] = ()
        if cohort is not None:
            sql += " WHERE profiles.cohort = ?"
            parameters = (cohort.strip(),)
        with self._db.read() as connection:
            rows = connection.execute(sql + " ORDER BY profiles.name", parameters).fetchall()
            keys: dict[int, list[RosterKey]] = {}
            for profile_id, key_type, blob, comment in connection.execute(
                "SELECT profile_id, key_type, key_blob, comment FROM roster_keys"
                " ORDER BY profile_id, key_type, key_blob"
            ):
                keys.setdefault(profile_id, []).append(RosterKey(key_type, blob, comment))
        return [
            Student(name, group, tuple(keys.get(pid, ())), password is not None, enabled == 1)
            for pid, name, group, password, enabled in rows
        ]

    def password_hashes(self, cohort: str | None = None) -> dict[str, str]:
        """Name -> encoded hash of every student with a password (class `cohort`'s only)."""
        sql = (
            "SELECT profiles.name, roster.password FROM roster"
            " JOIN profiles ON profiles.id = roster.profile_id WHERE roster.password IS NOT NULL"
        )
        parameters: tuple[str, ...] = ()
        if cohort is not None:
            sql += " AND profiles.cohort = ?"
            parameters = (cohort.strip(),)
        with self._db.read() as connection:
            rows = connection.execute(sql + " ORDER BY profiles.name", parameters).fetchall()
        return {str(name): str(encoded) for name, encoded in rows}

    def count(self) -> int:
        """How many students are on the roster (enabled or not)."""
        with self._db.read() as connection:
            return int(connection.execute("SELECT COUNT(*) FROM roster").fetchone()[0])

    def credentials(self, name: str) -> Credentials | None:
        """What `name` may log in with; None when not on the roster or disabled.

        Called at every login, so a change made with `derivquest roster` applies at once.
        """
        with self._db.read() as connection:
            row = connection.execute(
                "SELECT roster.profile_id, roster.password FROM roster"
                " JOIN profiles ON profiles.id = roster.profile_id"
                " WHERE profiles.name = ? AND roster.enabled = 1",
                (name,),
            ).fetchone()
            if row is None:
                return None
            blobs = connection.execute(
                "SELECT key_blob FROM roster_keys WHERE profile_id = ?", (row[0],)
            ).fetchall()
        return Credentials(frozenset(blob for (blob,) in blobs), row[1])

    def typical_hash(self) -> str | None:
        """One stored hash, so an unknown name's decoy check costs what a real one does."""
        with self._db.read() as connection:
            row = connection.execute(
                "SELECT password FROM roster WHERE password IS NOT NULL LIMIT 1"
            ).fetchone()
        return None if row is None else str(row[0])


def _upsert(connection: Connection, profile_id: int, student: NewStudent, now: float) -> bool:
    """Insert the roster row (or update its password); True when it is new."""
    exists = connection.execute(
        "SELECT 1 FROM roster WHERE profile_id = ?", (profile_id,)
    ).fetchone()
    if exists is None:
        connection.execute(
            "INSERT INTO roster (profile_id, password, enabled, added_at) VALUES (?, ?, 1, ?)",
            (profile_id, student.password_hash, now),
        )
        return True
    if student.password_hash is not None:
        connection.execute(
            "UPDATE roster SET password = ? WHERE profile_id = ?",
            (student.password_hash, profile_id),
        )
    return False


def _add_keys(connection: Connection, profile_id: int, name: str, keys: Iterable[RosterKey]) -> int:
    """Add keys to a student; return how many were new. A key must say who logs in."""
    added = 0
    for key in keys:
        row = connection.execute(
            "SELECT profiles.name FROM roster_keys"
            " JOIN profiles ON profiles.id = roster_keys.profile_id WHERE key_blob = ?",
            (key.blob,),
        ).fetchone()
        if row is not None and row[0] != name:
            raise RosterError(
                f"the key {key.key_type} ...{key.blob[-12:]} is already listed for {row[0]!r}: each"
                f" student needs their own key (nothing was changed)"
            )
        if row is None:
            connection.execute(
                "INSERT INTO roster_keys (key_blob, profile_id, key_type, comment)"
                " VALUES (?, ?, ?, ?)",
                (key.blob, profile_id, key.key_type, key.comment),
            )
            added += 1
    return added


def _roster_ids(connection: Connection, names: Iterable[str]) -> list[int]:
    """The profile ids of students on the roster; RosterError naming every one who is not."""
    found: list[int] = []
    missing: list[str] = []
    for name in names:
        row = connection.execute(
            "SELECT roster.profile_id FROM roster JOIN profiles ON profiles.id = roster.profile_id"
            " WHERE profiles.name = ?",
            (name.strip(),),
        ).fetchone()
        if row is None:
            missing.append(name)
        else:
            found.append(int(row[0]))
    if missing:
        raise RosterError(
            f"not on the roster: {', '.join(map(repr, missing))} (nothing was changed;"
            " `derivquest roster list` shows who is)"
        )
    return found
