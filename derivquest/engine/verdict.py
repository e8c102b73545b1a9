"""The judge's answer: correct, incorrect or invalid, with a message, a diagnosis and notes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from derivquest.engine.readings import ReadingNote

Status = Literal["correct", "incorrect", "invalid"]

EXIT_CODES: dict[Status, int] = {"correct": 0, "incorrect": 1, "invalid": 2}
"""Process exit status for each verdict, as `derivquest check` documents it."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of judging one answer."""

    status: Status
    message: str
    diagnosis: str | None = None
    """Stable mistake id (see `derivquest.engine.mistakes`) when the answer is incorrect."""
    parsed: str | None = None
    """The answer as the engine read it, pretty-printed in Unicode; None if unreadable."""
    column: int | None = None
    """For an invalid answer, the 1-based column of the problem, if it has one."""
    elapsed_ms: float = 0.0
    """Wall time the judgement took, in milliseconds."""
    notes: tuple[ReadingNote, ...] = ()
    """For a wrong answer: ambiguous parts whose other reading would make it right."""

    @property
    def correct(self) -> bool:
        """True when the answer is mathematically the expected one."""
        return self.status == "correct"

    def with_elapsed(self, elapsed_ms: float) -> Verdict:
        """Return a copy stamped with the time it took."""
        return replace(self, elapsed_ms=round(elapsed_ms, 3))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (the `--json` and `--jsonl` output)."""
        return asdict(self)
