"""The three ways in, chosen explicitly: a key roster, a password roster, or open to anyone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from derivquest.server.keys import KeyRoster, parse_key_roster
from derivquest.server.password_roster import PasswordRoster, parse_password_roster
from derivquest.server.passwords import LOG2_N, decoy_hash, verify_password
from derivquest.server.roster_file import RosterFile

Mode = Literal["keys", "passwords", "open"]


@dataclass(frozen=True, slots=True)
class Admission:
    """Who may log in. The login name is the student's identity and profile name."""

    mode: Mode
    keys: RosterFile[KeyRoster] | None = None
    passwords: RosterFile[PasswordRoster] | None = None

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
    def open_to_anyone(cls) -> Admission:
        """Anyone may log in, under any valid name: for a closed network only."""
        return cls("open")

    def key_allowed(self, name: str, public_data: bytes) -> bool:
        """True when the key (its SSH wire encoding) is listed for `name`."""
        return self.keys is not None and self.keys.current().allows(name, public_data)

    def password_ok(self, name: str, password: str) -> bool:
        """True when `password` is `name`'s; slow on purpose (scrypt): call it off the loop.

        An unknown name is checked against a decoy hash so it takes as long as a known one.
        """
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
        return "OPEN: anyone who can reach this port may log in under any name"
