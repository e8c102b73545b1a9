"""The one name rule: profile names (spaces allowed) and login names (no spaces)."""

from __future__ import annotations

import pytest

from derivquest.progress.names import is_valid_name, name_problem


@pytest.mark.parametrize(
    ("name", "profile", "login"),
    [
        ("ana", True, True),
        ("Ana Rahman", True, False),
        ("রাহুল", True, True),
        ("ana.b_c-d", True, True),
        ("x" * 40, True, True),
        ("x" * 41, False, False),
        ("", False, False),
        (" ana", False, False),
        ("ana ", False, False),
        ("ana  b", False, False),
        ("-ana", False, False),
        ("ana:b", False, False),
        ("ana\tb", False, False),
    ],
)
def test_profile_and_login_names(name: str, profile: bool, login: bool) -> None:
    assert is_valid_name(name) is profile
    assert is_valid_name(name, spaces=False) is login


def test_the_problem_names_the_bad_character() -> None:
    problem = name_problem("ana@b")
    assert problem is not None and "'@'" in problem


def test_store_screen_and_server_share_the_rule() -> None:
    """The server's and the store's checks are this module's, not copies."""
    from derivquest.progress import profiles
    from derivquest.server import names

    assert names.MAX_NAME == 40
    assert names.name_problem("ana b") == name_problem("ana b", spaces=False, noun="student name")
    assert profiles.check_name.__globals__["name_problem"] is name_problem
