"""Reading notes: where typed text has two plausible readings, which one the parser took.

The parser records a note for each ambiguous construct (``1/2x``, ``e^2x``, ``x^1/2``,
``cos x e^x``, ``sin x^2``); the judge re-reads a wrong answer the other way and, when that
reading would be right, puts the note in the verdict. A note is data (no SymPy here, so a
verdict carrying one crosses the worker pipe and becomes JSON unchanged); ``describe_reading``
writes the sentence in the player's language.
"""

from __future__ import annotations

from dataclasses import dataclass

CONSTRUCTS = (
    "division-then-product",
    "exponent-then-product",
    "exponent-then-division",
    "function-of-a-product",
    "function-of-a-power",
)
"""Stable ids of the ambiguous constructs, one per rule of the grammar that decides them."""


@dataclass(frozen=True, slots=True)
class ReadingNote:
    """One ambiguous construct in an answer and its other reading."""

    construct: str
    """Which ambiguity (one of ``CONSTRUCTS``)."""
    typed: str
    """The part of the answer as typed, e.g. ``1/2x``."""
    read: str
    """How DerivQuest read that part, in the typed syntax, e.g. ``x/2``."""
    alternative: str
    """The same part written for the other reading, e.g. ``1/(2x)``."""
    column: int
    """1-based column where the typed part starts."""
    answer: str
    """The whole answer with the other reading written out (what the judge re-checks)."""


SENTENCES: dict[str, str] = {
    "en": "You typed {typed}, which reads as {read}; for {alternative} type {alternative}.",
    "bn": "আপনি লিখেছেন {typed}, যা পড়া হয় {read} হিসেবে; {alternative} বোঝাতে চাইলে "
    "লিখুন {alternative}।",
}
"""The note's sentence per language; the game falls back to English."""


@dataclass(frozen=True, slots=True)
class DomainNote:
    """The answer was judged for positive variables only, and differs elsewhere.

    The expected answer has no real value on a whole sign pattern (√(xy) with x > 0 > y), so
    the question is about positive quantities (see ``engine.domain``); the answer is right
    there but not where some variable is negative (``√(y/x)/2`` for x, y < 0).
    """

    positive: tuple[str, ...]
    """The variables judged positive."""
    undefined: tuple[tuple[str, int], ...]
    """A sign pattern (variable, +1/-1) where the expected answer has no real value."""
    where: tuple[tuple[str, str], ...]
    """A point, formatted, where the answer differs from the expected one."""


DOMAIN_SENTENCES: dict[str, str] = {
    "en": "Judged for positive {names}, as the question has no real value where {pattern}; "
    "elsewhere your answer is not the same (at {where}).",
    "bn": "{names} ধনাত্মক ধরে বিচার করা হয়েছে, কারণ {pattern} হলে প্রশ্নটির কোনো বাস্তব মান "
    "নেই; অন্য জায়গায় আপনার উত্তর একই নয় ({where} হলে)।",
}
"""The domain note's sentence per language."""

AND: dict[str, str] = {"en": " and ", "bn": " ও "}
"""The word joining the last two names of a list."""


def describe_domain(note: DomainNote, language: str = "en") -> str:
    """Return the player-facing sentence for a domain note."""
    template = DOMAIN_SENTENCES.get(language, DOMAIN_SENTENCES["en"])
    joiner = AND.get(language, AND["en"])
    pattern = joiner.join(f"{name} {'>' if sign > 0 else '<'} 0" for name, sign in note.undefined)
    return template.format(
        names=_listed(note.positive, joiner),
        pattern=pattern,
        where=", ".join(f"{name} = {value}" for name, value in note.where),
    )


def _listed(names: tuple[str, ...], joiner: str) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + joiner + names[-1]


def describe_reading(note: ReadingNote, language: str = "en") -> str:
    """Return the player-facing sentence for a reading note."""
    template = SENTENCES.get(language, SENTENCES["en"])
    return template.format(typed=note.typed, read=note.read, alternative=note.alternative)


def insert_brackets(text: str, start: int, end: int) -> str:
    """Return ``text`` with ``(`` before index ``start`` and ``)`` before index ``end``.

    Spaces just before the ``(`` go, so ``cos x`` becomes ``cos(x)``, not ``cos (x)``.
    """
    return f"{text[:start].rstrip()}({text[start:end]}){text[end:]}"
