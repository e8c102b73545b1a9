"""Student names: the SSH login name, the roster name and the profile name are one string.

The rule itself is the progress layer's (`derivquest.progress.names`); a login name is a
profile name without spaces, because it travels in SSH user names and roster files.
"""

from __future__ import annotations

from derivquest.progress.names import MAX_NAME, NAME_RULE
from derivquest.progress.names import name_problem as _profile_name_problem

__all__ = ["MAX_NAME", "NAME_RULE", "is_student_name", "name_problem"]


def name_problem(name: str) -> str | None:
    """Return why `name` cannot be a student's name, or None when it can."""
    return _profile_name_problem(name, spaces=False, noun="student name")


def is_student_name(name: str) -> bool:
    """True when `name` follows NAME_RULE."""
    return name_problem(name) is None
