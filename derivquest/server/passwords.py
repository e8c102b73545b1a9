"""Password hashes: scrypt with a per-user random salt, checked in constant time."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from dataclasses import dataclass

LOG2_N = 15
"""scrypt cost: N = 2**15 with r = 8 takes 32 MiB and about 0.2 s per check on one core."""

BLOCK_SIZE = 8
PARALLELISM = 1
SALT_BYTES = 16
HASH_BYTES = 32

_ENCODED = re.compile(
    r"scrypt\$ln=(?P<ln>\d{1,2}),r=(?P<r>\d{1,2}),p=(?P<p>\d{1,2})"
    r"\$(?P<salt>[A-Za-z0-9+/]+={0,2})\$(?P<hash>[A-Za-z0-9+/]+={0,2})"
)
"""`scrypt$ln=15,r=8,p=1$SALT$HASH` with standard base64: the cost travels with the hash."""


@dataclass(frozen=True, slots=True)
class PasswordHash:
    """A stored password: the scrypt parameters, the salt and the derived key."""

    log2_n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def encode(self) -> str:
        """The text stored in the roster."""
        salt = base64.b64encode(self.salt).decode("ascii")
        digest = base64.b64encode(self.digest).decode("ascii")
        return f"scrypt$ln={self.log2_n},r={self.r},p={self.p}${salt}${digest}"

    @classmethod
    def decode(cls, text: str) -> PasswordHash:
        """Read an encoded hash.

        Raises:
            ValueError: it is not an `scrypt$ln=..,r=..,p=..$SALT$HASH` string we can check.
        """
        match = _ENCODED.fullmatch(text)
        if match is None:
            raise ValueError("not an scrypt$ln=N,r=R,p=P$SALT$HASH password hash")
        log2_n, r, p = int(match["ln"]), int(match["r"]), int(match["p"])
        if not (1 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("scrypt parameters out of range (ln 1-20, r 1-32, p 1-16)")
        try:
            salt = base64.b64decode(match["salt"], validate=True)
            digest = base64.b64decode(match["hash"], validate=True)
        except binascii.Error:
            raise ValueError("the salt or hash is not valid base64") from None
        if len(salt) < 8 or len(digest) < 16:
            raise ValueError("the salt or hash is too short")
        return cls(log2_n, r, p, salt, digest)


def _derive(password: str, log2_n: int, r: int, p: int, salt: bytes, size: int) -> bytes:
    n = 2**log2_n
    # OpenSSL refuses to use more than maxmem; scrypt needs 128 * r * n bytes plus a little.
    memory = 128 * r * n * p + 2 * 1024 * 1024
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=size
    )


def hash_password(password: str, log2_n: int = LOG2_N) -> PasswordHash:
    """Hash `password` with a fresh random salt (tests pass a small `log2_n`)."""
    salt = os.urandom(SALT_BYTES)
    digest = _derive(password, log2_n, BLOCK_SIZE, PARALLELISM, salt, HASH_BYTES)
    return PasswordHash(log2_n, BLOCK_SIZE, PARALLELISM, salt, digest)


def verify_password(password: str, stored: PasswordHash) -> bool:
    """True when `password` matches; the comparison takes the same time wherever it differs."""
    digest = _derive(password, stored.log2_n, stored.r, stored.p, stored.salt, len(stored.digest))
    return hmac.compare_digest(digest, stored.digest)


def decoy_hash(log2_n: int = LOG2_N) -> PasswordHash:
    """A hash no password matches, checked for unknown names so they take as long as known ones.

    Without it a login as an unknown name would answer at once and reveal who is enrolled.
    """
    return PasswordHash(log2_n, BLOCK_SIZE, PARALLELISM, os.urandom(SALT_BYTES), bytes(HASH_BYTES))
