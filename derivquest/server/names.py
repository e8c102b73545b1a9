"""Student names: the SSH login name, the roster name and the profile name are one string.

The rule itself is the progress layer's (`derivquest.progress.names`). A login name is a
profile name without spaces and without apostrophes: it travels in SSH user names
(`ssh amit@host`), in the roster files (`name:hash`, `name key`) and on a command line.
OpenSSH's client (9.6 and later) refuses a user name holding `'`, and a shell would need it
quoted, so a student called O'Brien logs in as `OBrien` or `O.Brien`. Names in any script
are welcome (`অমিত`, `अमित`, `José`, `李明`); control characters, bidi overrides, zero-width
characters, path separators and shell or file syntax (`:`, `/`, `@`, quotes) never pass.
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
