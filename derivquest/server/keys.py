"""The key roster: `NAME ssh-ed25519 AAAA... [comment]`, one public key per line."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from derivquest.progress.roster import RosterKey
from derivquest.server.names import name_problem
from derivquest.server.roster_file import RosterError, RosterProblem

_KEY_PREFIXES = ("ssh-", "ecdsa-", "sk-", "rsa-")
"""How OpenSSH key types start; a line starting like this has no name in front."""

_FIX = "write the student's name, a space, then the whole line of their .pub file"


@dataclass(frozen=True, slots=True)
class KeyRoster:
    """Which public keys each student may log in with (a student may have several)."""

    keys: Mapping[str, frozenset[bytes]] = field(default_factory=dict)
    """Student name -> the keys' SSH wire encodings (`SSHKey.public_data`)."""
    lines: Mapping[str, tuple[RosterKey, ...]] = field(default_factory=dict)
    """Student name -> the keys as listed (type, base64, comment), in file order."""

    def allows(self, name: str, public_data: bytes) -> bool:
        """True when `public_data` is one of `name`'s keys."""
        return public_data in self.keys.get(name, frozenset())

    @property
    def names(self) -> list[str]:
        """The students, sorted."""
        return sorted(self.keys)


def _line_problem(fields: list[str]) -> tuple[str, str] | None:
    """Return (message, fix) when a line's fields are not `NAME TYPE BASE64 [comment]`."""
    if fields[0].startswith(_KEY_PREFIXES):
        return "the line starts with a key type, not a student name", _FIX
    if len(fields) < 3:
        return "expected NAME KEY-TYPE BASE64 [comment]", _FIX
    problem = name_problem(fields[0])
    return None if problem is None else (problem, "")


def parse_key_roster(text: str, path: Path) -> tuple[KeyRoster, list[RosterProblem]]:
    """Parse a key roster; blank lines and lines starting with `#` are skipped.

    Every line is checked and every problem is returned. A key listed for two different
    students is a problem: the key alone must say who is logging in.
    """
    from asyncssh import KeyImportError, import_public_key

    keys: dict[str, set[bytes]] = {}
    lines: dict[str, list[RosterKey]] = {}
    owner: dict[bytes, str] = {}
    problems: list[RosterProblem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        found = _line_problem(fields)
        if found is not None:
            problems.append(RosterProblem(path, number, *found))
            continue
        name, key_type, blob = fields[0], fields[1], fields[2]
        try:
            data = import_public_key(f"{key_type} {blob}").public_data
        except (KeyImportError, ValueError) as error:
            problems.append(RosterProblem(path, number, f"not a public key ({error})", _FIX))
            continue
        if owner.setdefault(data, name) != name:
            message = f"this key is listed for {owner[data]!r} and for {name!r}"
            problems.append(
                RosterProblem(path, number, message, "each student needs their own key")
            )
            continue
        if data not in keys.setdefault(name, set()):
            keys[name].add(data)
            lines.setdefault(name, []).append(_roster_key(data, fields[3:]))
    roster = KeyRoster(
        {name: frozenset(found) for name, found in keys.items()},
        {name: tuple(found) for name, found in lines.items()},
    )
    return roster, problems


def _roster_key(data: bytes, comment: list[str]) -> RosterKey:
    """A key as the database roster keeps it: its type and wire encoding from `data`."""
    # The wire encoding starts with the type's name: a 4-byte length, then the name.
    size = int.from_bytes(data[:4], "big")
    key_type = data[4 : 4 + size].decode("ascii")
    return RosterKey(key_type, base64.b64encode(data).decode("ascii"), " ".join(comment))


_PRIVATE = "-----BEGIN"
"""How a private key file starts (OpenSSH, PEM): never what a roster wants."""


def read_public_keys(path: Path) -> list[RosterKey]:
    """The public keys in a .pub (or authorized_keys-style) file, one per line.

    Raises:
        RosterError: the file cannot be read, holds a private key, has no key, or a line is
            not a public key; every problem is listed with its line.
    """
    from asyncssh import KeyImportError, import_public_key

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RosterError([RosterProblem(path, 0, f"cannot read: {error.strerror}")]) from None
    except UnicodeDecodeError:
        raise RosterError([RosterProblem(path, 0, "is not a public key file")]) from None
    if text.lstrip().startswith(_PRIVATE):
        message = "is a private key: give the .pub file (a private key is never shared)"
        raise RosterError([RosterProblem(path, 0, message)])
    found: list[RosterKey] = []
    problems: list[RosterProblem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        try:
            data = import_public_key(" ".join(fields[:2])).public_data
        except (KeyImportError, ValueError) as error:
            problems.append(RosterProblem(path, number, f"not a public key ({error})", _PUB_FIX))
            continue
        found.append(_roster_key(data, fields[2:]))
    if not found and not problems:
        problems.append(RosterProblem(path, 0, "holds no public key", _PUB_FIX))
    if problems:
        raise RosterError(problems)
    return found


_PUB_FIX = "give the student's .pub file, e.g. id_ed25519.pub"
