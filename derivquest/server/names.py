"""Student names: the SSH login name, the roster name and the profile name are one string."""

from __future__ import annotations

import unicodedata

MAX_NAME = 40
"""The longest name, in characters (the progress store's limit for profile names)."""

NAME_RULE = f"1 to {MAX_NAME} letters, digits, '.', '_' or '-', starting with a letter or digit"
"""The rule in words, for error messages and the docs."""

_PUNCTUATION = frozenset("._-")


def _allowed(char: str) -> bool:
    # Letters of any script with their combining marks (Bengali vowel signs are marks), digits.
    return char in _PUNCTUATION or unicodedata.category(char)[0] in "LMN"


def name_problem(name: str) -> str | None:
    """Return why `name` cannot be a student's name, or None when it can.

    The name travels in SSH user names, roster files (`name:hash`, `name key`) and the game's
    `--profile` argument, so spaces, `:`, `@`, control characters and a leading `-` are out.
    """
    if not 1 <= len(name) <= MAX_NAME:
        return f"a student name has {NAME_RULE}"
    if unicodedata.category(name[0])[0] not in "LN":
        return f"a student name starts with a letter or digit, not {name[0]!r}"
    bad = next((char for char in name if not _allowed(char)), None)
    if bad is not None:
        return f"a student name cannot contain {bad!r} ({NAME_RULE})"
    return None


def is_student_name(name: str) -> bool:
    """True when `name` follows NAME_RULE."""
    return name_problem(name) is None
