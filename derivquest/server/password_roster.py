"""The password roster: `NAME:scrypt$...` lines, written atomically by `serve passwd`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from derivquest.atomic import write_atomically
from derivquest.server import passwords
from derivquest.server.names import name_problem
from derivquest.server.passwords import PasswordHash, hash_password
from derivquest.server.roster_file import RosterError, RosterProblem, read_roster

_FIX = "set it again with `derivquest serve passwd FILE NAME`"


@dataclass(frozen=True, slots=True)
class PasswordRoster:
    """Each student's password hash."""

    hashes: Mapping[str, PasswordHash] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        """The students, sorted."""
        return sorted(self.hashes)


def parse_password_roster(text: str, path: Path) -> tuple[PasswordRoster, list[RosterProblem]]:
    """Parse `NAME:HASH` lines; blank lines and lines starting with `#` are skipped."""
    hashes: dict[str, PasswordHash] = {}
    problems: list[RosterProblem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, encoded = line.partition(":")
        if not colon:
            problems.append(RosterProblem(path, number, "expected NAME:HASH", _FIX))
            continue
        problem = name_problem(name)
        if problem is not None:
            problems.append(RosterProblem(path, number, problem))
            continue
        if name in hashes:
            problems.append(RosterProblem(path, number, f"{name!r} is listed twice", _FIX))
            continue
        try:
            hashes[name] = PasswordHash.decode(encoded)
        except ValueError as error:
            problems.append(RosterProblem(path, number, str(error), _FIX))
    return PasswordRoster(hashes), problems


def _replaced(path: Path, name: str, entry: str | None) -> tuple[list[str], bool]:
    """The file's lines with `name`'s entry replaced by `entry` (None: removed) in place.

    Comments and order are kept; returns the lines and whether `name` had an entry.
    """
    if not path.exists():
        return [], False
    read_roster(path, parse_password_roster)  # refuse to rewrite a broken file
    lines, found = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped.startswith("#") and stripped.partition(":")[0] == name:
            found = True
            if entry is not None:
                lines.append(entry)
            continue
        lines.append(line)
    return lines, found


def _write(path: Path, lines: list[str]) -> None:
    """Replace the file atomically, readable by its owner only (it holds password hashes)."""
    write_atomically(path, "".join(line + "\n" for line in lines))


def set_password(path: Path, name: str, password: str, log2_n: int | None = None) -> bool:
    """Add `name` to the roster at `path` (created if missing) or change their password.

    `log2_n` is the scrypt cost (default LOG2_N, read at call time so tests can lower it).

    Returns:
        True when the name was new.

    Raises:
        RosterError: the name breaks the rule, or the existing file has problems.
    """
    problem = name_problem(name)
    if problem is not None:
        raise RosterError([RosterProblem(path, 0, f"{name!r}: {problem}")])
    cost = passwords.LOG2_N if log2_n is None else log2_n
    entry = f"{name}:{hash_password(password, cost).encode()}"
    lines, found = _replaced(path, name, entry)
    if not lines:
        lines = ["# DerivQuest password roster: NAME:HASH, written by `derivquest serve passwd`"]
    _write(path, lines if found else [*lines, entry])
    return not found


def remove_student(path: Path, name: str) -> bool:
    """Remove `name` from the roster; False when they were not in it."""
    lines, found = _replaced(path, name, None)
    if found:
        _write(path, lines)
    return found
