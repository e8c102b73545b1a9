"""The one rule for a player's name: the start screen, the progress store and the server use it.

A name is written in any script: letters with their combining marks (Bengali and Devanagari
vowel signs and viramas, accents), digits, single spaces inside a profile name, and the
punctuation real names carry (``José O'Brien``, ``Anne-Marie``, ``D. Rao``). What is refused
is what makes two names look alike or breaks the files and commands they travel in: control
characters, bidi overrides, zero-width and other invisible characters, path separators and
other symbols, spaces at the ends or doubled, marks stacked without end, and names over
`MAX_NAME` characters. Names are compared in Unicode's composed form (NFC): `normalized`
turns what a player typed into it.

A login name (SSH user names, the roster files ``name:hash`` and ``name key``, the
``--profile`` of a served game) is a profile name without spaces and without apostrophes:
OpenSSH's client (9.6 and later) refuses a user name with ``'`` on its command line, and a
shell needs it quoted, so ``O'Brien`` logs in as ``OBrien`` or ``O.Brien``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

MAX_NAME: Final = 40
"""The longest name, in characters (code points, after NFC)."""

MAX_MARKS: Final = 4
"""The most combining marks in a row: Devanagari क्षि needs two, "Zalgo" text dozens."""

PUNCTUATION: Final = frozenset("._-'’")
"""The non-alphanumeric characters a profile name may hold (besides single spaces)."""

APOSTROPHES: Final = frozenset("'’")
"""Allowed in profile names, not in login names (see the module's docstring)."""

NAME_RULE: Final = (
    f"1 to {MAX_NAME} letters of any script, digits, '.', '_' or '-', starting with a letter"
    " or digit"
)
"""The login-name rule in words, for error messages and the docs."""

PROFILE_RULE: Final = (
    f"1 to {MAX_NAME} letters of any script, digits, single spaces, '.', '_', '-' or"
    " apostrophes, starting with a letter or digit"
)
"""The profile-name rule in words."""

_INVISIBLE: Final = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers: letters that draw nothing
    (0x17B4, 0x17B5),  # Khmer inherent vowels, invisible
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, joiners, direction marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0x1D173, 0x1D17A),  # musical formatting
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
"""Default-ignorable characters that are letters or marks by category: two names that differ
only by one of them look the same."""

FaultKind = Literal["length", "start", "character", "mark", "marks", "spaces", "form"]


@dataclass(frozen=True, slots=True)
class NameFault:
    """Why a name is refused, as data: the start screen says it in the player's language."""

    kind: FaultKind
    character: str = ""
    """The offending character (kinds "start", "character" and "mark")."""


def normalized(text: str) -> str:
    """What a player typed, as names are stored: NFC, without spaces at the ends."""
    return unicodedata.normalize("NFC", text).strip()


def _invisible(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _INVISIBLE)


def _kind(char: str) -> str:
    """'letter', 'digit', 'mark', 'space', 'punctuation' (allowed) or 'other'."""
    if _invisible(char):
        return "other"
    category = unicodedata.category(char)
    if category[0] == "L":
        return "letter"
    if category == "Nd":
        return "digit"
    if category[0] == "M":
        return "mark"
    if char == " ":
        return "space"
    if char in PUNCTUATION:
        return "punctuation"
    return "other"


def name_fault(name: str, *, spaces: bool = True) -> NameFault | None:
    """Why `name` cannot be a name, or None when it can.

    Args:
        name: the name exactly as it would be stored (`normalized` first).
        spaces: a profile name (single inner spaces and apostrophes allowed) or a login
            name (neither).
    """
    if not 1 <= len(name) <= MAX_NAME:
        return NameFault("length")
    kinds = [_kind(char) for char in name]
    if kinds[0] not in ("letter", "digit"):
        return NameFault("start", name[0])
    marks = 0
    for char, kind, before in zip(name, kinds, ["letter", *kinds], strict=False):
        if kind == "other" or (not spaces and (kind == "space" or char in APOSTROPHES)):
            return NameFault("character", char)
        marks = marks + 1 if kind == "mark" else 0
        if kind == "mark" and before not in ("letter", "mark"):
            return NameFault("mark", char)
        if marks > MAX_MARKS:
            return NameFault("marks", char)
    if name != name.strip() or "  " in name:
        return NameFault("spaces")
    if unicodedata.normalize("NFC", name) != name:
        return NameFault("form")
    return None


def describe(fault: NameFault, *, spaces: bool = True, noun: str = "name") -> str:
    """The fault in an English sentence (logs, the command line, the server)."""
    rule = PROFILE_RULE if spaces else NAME_RULE
    char = fault.character
    if char and _invisible(char) and char.isprintable():  # repr would show a blank: name it
        char = f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
    match fault.kind:
        case "length":
            return f"a {noun} has {rule}"
        case "start":
            return f"a {noun} starts with a letter or digit, not {char!r}"
        case "character":
            return f"a {noun} cannot contain {char!r} ({rule})"
        case "mark":
            return f"a {noun} has marks (accents, vowel signs) only on letters, not {char!r}"
        case "marks":
            return f"a {noun} has at most {MAX_MARKS} marks (accents, vowel signs) in a row"
        case "spaces":
            return f"a {noun} has no spaces at its ends and no double spaces"
        case "form":
            return f"a {noun} is stored in Unicode's composed form (NFC)"


def name_problem(name: str, *, spaces: bool = True, noun: str = "name") -> str | None:
    """Return why `name` cannot be a player's name, in English, or None when it can.

    Args:
        name: the name exactly as it would be stored (`normalized` first).
        spaces: whether the name is a profile name (single inner spaces and apostrophes
            allowed) or a login name (SSH user names, roster files, the served game's
            ``--profile``: neither).
        noun: what the message calls the name ("student name" on the server).
    """
    fault = name_fault(name, spaces=spaces)
    return None if fault is None else describe(fault, spaces=spaces, noun=noun)


def is_valid_name(name: str, *, spaces: bool = True) -> bool:
    """True when `name` follows the rule (see `name_fault`)."""
    return name_fault(name, spaces=spaces) is None
