"""The one rule for a player's name: the start screen, the progress store and the server use it."""

from __future__ import annotations

import unicodedata

MAX_NAME = 40
"""The longest name, in characters."""

PUNCTUATION = frozenset("._-")
"""The only non-alphanumeric characters a name may hold (besides spaces, where allowed)."""

NAME_RULE = f"1 to {MAX_NAME} letters, digits, '.', '_' or '-', starting with a letter or digit"
"""The rule in words, for error messages and the docs (profile names may also hold spaces)."""


def _allowed(char: str, spaces: bool) -> bool:
    # Letters of any script with their combining marks (Bengali vowel signs are marks), digits.
    if char == " ":
        return spaces
    return char in PUNCTUATION or unicodedata.category(char)[0] in "LMN"


def name_problem(name: str, *, spaces: bool = True, noun: str = "name") -> str | None:
    """Return why `name` cannot be a player's name, or None when it can.

    Args:
        name: the name exactly as it would be stored (strip it first).
        spaces: whether single spaces inside the name are allowed. A profile name may have
            them; a login name (SSH user names, roster files `name:hash` and `name key`, the
            `--profile` argument) may not.
        noun: what the message calls the name ("student name" on the server).
    """
    rule = NAME_RULE if not spaces else NAME_RULE.replace(" or '-'", ", '-' or spaces")
    if not 1 <= len(name) <= MAX_NAME:
        return f"a {noun} has {rule}"
    if unicodedata.category(name[0])[0] not in "LN":
        return f"a {noun} starts with a letter or digit, not {name[0]!r}"
    bad = next((char for char in name if not _allowed(char, spaces)), None)
    if bad is not None:
        return f"a {noun} cannot contain {bad!r} ({rule})"
    if name != name.strip() or "  " in name:
        return f"a {noun} has no spaces at its ends and no double spaces"
    return None


def is_valid_name(name: str, *, spaces: bool = True) -> bool:
    """True when `name` follows the rule (see `name_problem`)."""
    return name_problem(name, spaces=spaces) is None
