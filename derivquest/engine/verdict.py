"""The judge's answer: correct, incorrect or invalid, with a message, a diagnosis and notes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from derivquest.engine.errors import EngineError
from derivquest.engine.readings import DomainNote, ReadingNote

Status = Literal["correct", "incorrect", "invalid"]


# -- diagnosis data (the presenter, `derivquest.engine.presenter`, turns it into sentences) --


@dataclass(frozen=True, slots=True)
class Witness:
    """A point where the answer and the expected answer differ, with both values there."""

    point: tuple[tuple[str, str], ...]
    """(variable, value) pairs, values formatted as numbers (language-neutral)."""
    yours: str | None
    """The answer's value there; None when the answer is undefined there."""
    right: str | None
    """The expected value; None when it must not be shown (a constant would give it away)."""


@dataclass(frozen=True, slots=True)
class TermAtFault:
    """Which term of the question's sum the slips were in, when the other terms are right."""

    index: int
    """1-based position of the term, in the order the question writes it."""
    count: int
    """How many terms of the sum depend on the variable."""


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
    domain_note: DomainNote | None = None
    """For a right answer judged for positive variables only that differs elsewhere."""
    # -- diagnosis data, for the presenter and the progress store --
    sentence_id: str | None = None
    """Key of the engine's sentence for this verdict (`engine.texts.VERDICTS`); None when
    `message` is the only text (a parse error, an author's feedback, a choice explanation)."""
    witness: Witness | None = None
    """Where a wrong answer differs, with both values."""
    slips: tuple[str, ...] = ()
    """Every mistake id of the diagnosis (one or two, fewest slips first); `diagnosis` is
    the first."""
    term_at_fault: TermAtFault | None = None
    """The term of the question's sum the slips are in, when the other terms are right."""
    values: tuple[tuple[str, str], ...] = ()
    """Extra template values for `sentence_id` (e.g. the number of a numeric answer)."""
    fingerprint: str | None = None
    """A short hash of the answer's values at the question's fixed points: equal answers
    written differently share it (see `engine.fingerprint`)."""

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


def invalid_verdict(error: EngineError, parsed: str | None = None) -> Verdict:
    """The ``invalid`` verdict for an engine error: its English message, and its message id
    and values for the presenter to write in the player's language."""
    return Verdict(
        "invalid",
        error.message,
        parsed=parsed,
        column=error.column,
        sentence_id=error.key,
        values=error.params,
    )
