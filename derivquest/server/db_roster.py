"""The roster in the progress database, as a server checks logins against it."""

from __future__ import annotations

import base64
import logging

from derivquest.progress import ProgressError, ProgressStore
from derivquest.server import passwords
from derivquest.server.passwords import PasswordHash, decoy_hash, verify_password

log = logging.getLogger("derivquest.server")


class DatabaseRoster:
    """Students, keys and password hashes read from the database at each login.

    Nothing is cached: `derivquest roster add` or `remove` on any machine applies to the
    next login on every server. Each lookup is one short read (a millisecond on a school's
    network); call it off the event loop, as a database may be slow or away.
    """

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        self._decoy_cost: int | None = None

    @property
    def location(self) -> str:
        """The database, for messages (a URL without its password, or a file)."""
        return self.store.location

    def count(self) -> int:
        """Students on the roster now.

        Raises:
            ProgressError: the database cannot be read.
        """
        return self.store.roster.count()

    def key_allowed(self, name: str, public_data: bytes) -> bool:
        """True when the key (its SSH wire encoding) is one of enabled student `name`'s.

        Raises:
            ProgressError: the database cannot be read.
        """
        found = self.store.roster.credentials(name)
        blob = base64.b64encode(public_data).decode("ascii")
        return found is not None and blob in found.key_blobs

    def password_ok(self, name: str, password: str) -> bool:
        """True when `password` is enabled student `name`'s; slow on purpose (scrypt).

        A name with no password (unknown, disabled, keys only) is checked against a decoy
        hash of the same cost, so the answer takes as long and reveals nobody.

        Raises:
            ProgressError: the database cannot be read.
        """
        found = self.store.roster.credentials(name)
        stored = None if found is None else found.password_hash
        if stored is not None:
            try:
                return verify_password(password, PasswordHash.decode(stored))
            except ValueError as error:
                log.error("the stored password hash of %r cannot be used: %s", name, error)
        verify_password(password, decoy_hash(self._cost()))
        return False

    def _cost(self) -> int:
        if self._decoy_cost is None:
            try:
                typical = self.store.roster.typical_hash()
                cost = PasswordHash.decode(typical).log2_n if typical else passwords.LOG2_N
            except (ValueError, ProgressError):
                cost = passwords.LOG2_N
            self._decoy_cost = cost
        return self._decoy_cost
