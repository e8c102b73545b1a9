"""The ways in, chosen explicitly: a key or password roster file, the database roster, or open."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from derivquest.progress import ProgressError
from derivquest.server.db_roster import DatabaseRoster
from derivquest.server.keys import KeyRoster, parse_key_roster
from derivquest.server.password_roster import PasswordRoster, parse_password_roster
from derivquest.server.passwords import LOG2_N, decoy_hash, verify_password
from derivquest.server.roster_file import RosterFile

Mode = Literal["keys", "passwords", "database", "open"]

log = logging.getLogger("derivquest.server")


@dataclass(frozen=True, slots=True)
class Admission:
    """Who may log in. The login name is the student's identity and profile name."""

    mode: Mode
    keys: RosterFile[KeyRoster] | None = None
    passwords: RosterFile[PasswordRoster] | None = None
    database: DatabaseRoster | None = None

    @classmethod
    def with_keys(cls, path: Path) -> Admission:
        """Students log in with a public key listed under their name.

        Raises:
            RosterError: the roster cannot be read or has problems.
        """
        return cls("keys", keys=RosterFile(path, parse_key_roster))

    @classmethod
    def with_passwords(cls, path: Path) -> Admission:
        """Students log in with the password set for their name by `serve passwd`.

        Raises:
            RosterError: the roster cannot be read or has problems.
        """
        return cls("passwords", passwords=RosterFile(path, parse_password_roster))

    @classmethod
    def from_database(cls, roster: DatabaseRoster) -> Admission:
        """Students log in with a key or a password kept in the database roster.

        Looked up at each login, so every server of a school admits the same students and
        `derivquest roster` changes apply without a restart (docs/school.md).
        """
        return cls("database", database=roster)

    @classmethod
    def open_to_anyone(cls) -> Admission:
        """Anyone may log in, under any valid name: for a closed network only."""
        return cls("open")

    def close(self) -> None:
        """Release the database roster's connection (a file roster holds nothing open)."""
        if self.database is not None:
            self.database.store.close()

    @property
    def accepts_keys(self) -> bool:
        """Whether a public key can log a student in."""
        return self.mode in ("keys", "database")

    @property
    def accepts_passwords(self) -> bool:
        """Whether a password can log a student in."""
        return self.mode in ("passwords", "database")

    def key_allowed(self, name: str, public_data: bytes) -> bool:
        """True when the key (its SSH wire encoding) is listed for `name`.

        With the database roster this reads the database: call it off the event loop. A
        database that cannot be read admits nobody (and the server's log says why).
        """
        if self.database is not None:
            try:
                return self.database.key_allowed(name, public_data)
            except ProgressError as error:
                log.error("%s: cannot check the key in the roster: %s", name, error)
                return False
        return self.keys is not None and self.keys.current().allows(name, public_data)

    def password_ok(self, name: str, password: str) -> bool:
        """True when `password` is `name`'s; slow on purpose (scrypt): call it off the loop.

        An unknown name is checked against a decoy hash so it takes as long as a known one.
        A database roster that cannot be read admits nobody (the log says why).
        """
        try:
            return self.check_password(name, password)
        except ProgressError as error:
            log.error("%s: cannot check the password in the roster: %s", name, error)
            return False

    def check_password(self, name: str, password: str) -> bool:
        """`password_ok`, but a database that cannot be read raises instead of refusing.

        Raises:
            ProgressError: the database roster cannot be read (say so to the student).
        """
        if self.database is not None:
            return self.database.password_ok(name, password)
        if self.passwords is None:
            return False
        hashes = self.passwords.current().hashes
        stored = hashes.get(name)
        if stored is None:
            cost = next(iter(hashes.values())).log2_n if hashes else LOG2_N
            verify_password(password, decoy_hash(cost))
            return False
        return verify_password(password, stored)

    def describe(self) -> str:
        """One line for the server's start-up output."""
        if self.keys is not None:
            count = len(self.keys.current().names)
            return f"public keys of {count} students from {self.keys.path}"
        if self.passwords is not None:
            count = len(self.passwords.current().names)
            return f"passwords of {count} students from {self.passwords.path}"
        if self.database is not None:
            where = self.database.location
            try:
                count = self.database.count()
            except ProgressError:
                return f"keys and passwords from the roster in {where} (cannot read it now)"
            return (
                f"keys and passwords of {count} students from the roster in {where}"
                " (read at each login)"
            )
        return "OPEN: anyone who can reach this port may log in under any name"
