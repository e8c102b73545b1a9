"""A teacher's roster file: every problem listed by line, reread when the file changes."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

log = logging.getLogger("derivquest.server")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """One thing wrong in a roster file, with where it is and how to fix it."""

    path: Path
    line: int
    """1-based line number (0: the file as a whole)."""
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}" + (f" ({self.fix})" if self.fix else "")


class RosterError(Exception):
    """A roster file that cannot be used; `problems` lists every problem, not just the first."""

    def __init__(self, problems: list[RosterProblem]) -> None:
        self.problems = problems
        """One row per problem, in file order."""
        super().__init__("\n".join(str(problem) for problem in problems))


Parser = Callable[[str, Path], tuple[T, list[RosterProblem]]]
"""Turns a file's text into a roster plus the problems found (an empty list: usable)."""


def read_roster(path: Path, parse: Parser[T]) -> T:
    """Read and parse a roster file.

    Raises:
        RosterError: the file cannot be read, is not UTF-8, or has any problem.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RosterError([RosterProblem(path, 0, f"cannot read: {error.strerror}")]) from None
    except UnicodeDecodeError:
        raise RosterError([RosterProblem(path, 0, "is not UTF-8 text")]) from None
    roster, problems = parse(text, path)
    if problems:
        raise RosterError(problems)
    return roster


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


class RosterFile(Generic[T]):
    """A roster read at start and reread at the next login after the file changes.

    A teacher can add a student (or run `serve passwd`) while the class plays. A changed file
    with problems is logged and the last good roster stays in force, so a half-edited file
    never locks the whole class out.
    """

    def __init__(self, path: Path, parse: Parser[T]) -> None:
        """Read the file now.

        Raises:
            RosterError: the file cannot be used (the server must not start).
        """
        self.path = path
        self._parse = parse
        self._stamp = _stamp(path)
        self._roster = read_roster(path, parse)

    def current(self) -> T:
        """Return the roster, rereading the file first if it changed since the last read."""
        stamp = _stamp(self.path)
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            try:
                self._roster = read_roster(self.path, self._parse)
                log.info("reread %s", self.path)
            except RosterError as error:
                log.error("kept the previous roster: %s", error)
        return self._roster
