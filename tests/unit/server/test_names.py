"""Student names: what a login name, roster name and profile name may be."""

from __future__ import annotations

import pytest

from derivquest.server.names import is_student_name, name_problem


@pytest.mark.parametrize(
    "name",
    ["ana", "Ana", "ana.b", "ana_b", "ana-b", "a", "7b", "x" * 40, "রাহুল", "অর্ক", "Zoë"],
)
def test_accepted(name: str) -> None:
    assert is_student_name(name)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "1 to 40"),
        ("x" * 41, "1 to 40"),
        ("-ana", "starts with a letter or digit"),
        (".ana", "starts with a letter or digit"),
        ("ana b", "' '"),
        ("ana:b", "':'"),
        ("ana@b", "'@'"),
        ("ana/b", "'/'"),
        ("ana\tb", "'\\t'"),
        ("ana\x1b[31m", "'\\x1b'"),
        ("ana\u200bb", "'\\u200b'"),  # zero-width space: two names that look the same
    ],
)
def test_refused_with_a_reason(name: str, fragment: str) -> None:
    problem = name_problem(name)
    assert problem is not None and fragment in problem


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("O'Brien", '"\'"'),  # OpenSSH 9.6+ refuses ' in a user name; a shell needs quotes
        ("O’Brien", "'’'"),
        ("ana\u202eb", "'\\u202e'"),  # bidi override: a name that reads backwards
        ("ana\u200db", "'\\u200d'"),  # zero-width joiner
        ("ana\u3164", "U+3164 HANGUL FILLER"),
        ("ana\\b", "'\\\\'"),
        ("ana b", "' '"),
    ],
)
def test_login_names_stay_safe_for_ssh_and_rosters(name: str, fragment: str) -> None:
    problem = name_problem(name)
    assert problem is not None and fragment in problem, problem


@pytest.mark.parametrize("name", ["অমিত", "अमित", "José", "李明", "Anne-Marie", "D.Rao", "OBrien"])
def test_login_names_in_any_script(name: str) -> None:
    assert is_student_name(name)
