"""Classes (cohorts): a class per student, set with `progress class`, read by `report --class`."""

from __future__ import annotations

import json

import pytest

from derivquest.cli import main
from derivquest.progress import ProfileError, ProgressStore

Q1 = "calc-for-ml/slopes/q1"


def cli(database: str | None, *argv: str) -> int:
    """Run `derivquest ...` on the test's database (the default file when None)."""
    return main([*argv, *(("--database", database) if database else ())])


@pytest.mark.parametrize(
    ("given", "stored"),
    [("7B", "7B"), ("  7B ", "7B"), ("Year-10/Maths", "Year-10/Maths"), ("সপ্তম-খ", "সপ্তম-খ")],
)
def test_a_class_is_stored_stripped(store: ProgressStore, given: str, stored: str) -> None:
    """A class name is kept as typed, without surrounding spaces, on either backend."""
    store.create_profile("ana")
    assert store.assign_class(["ana"], given) == 1
    profile = store.profile_named("ana")
    assert profile is not None and profile.cohort == stored


@pytest.mark.parametrize(
    ("cohort", "message"),
    [
        ("", "1 to 20 characters"),
        ("x" * 21, "1 to 20 characters"),
        ("7 B", "spaces or control characters"),
        ("7B\n", "1 to 20|spaces"),
        ("7\x1bB", "spaces or control characters"),
    ],
)
def test_a_bad_class_name_is_refused(store: ProgressStore, cohort: str, message: str) -> None:
    """Empty, long, spaced or unprintable class names are refused; nothing changes."""
    store.create_profile("ana")
    if cohort == "7B\n":  # stripped to a good name: accepted
        assert store.assign_class(["ana"], cohort) == 1
        return
    with pytest.raises(ProfileError, match=message):
        store.assign_class(["ana"], cohort)
    assert store.profiles()[0].cohort is None


def test_an_unknown_student_changes_nobody(store: ProgressStore) -> None:
    """All or nothing: one unknown name and no profile is moved."""
    store.create_profile("ana")
    with pytest.raises(ProfileError, match="'zed'"):
        store.assign_class(["ana", "zed"], "7B")
    assert [p.cohort for p in store.profiles()] == [None]


def test_report_by_class(
    store: ProgressStore, database: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`progress class 7B ana bo`, then `report --class 7B` lists exactly ana and bo."""
    for name in ("ana", "bo", "cy"):
        profile = store.create_profile(name)
        store.record_attempt(profile.id, Q1, "1", correct=True, seconds=3)
    assert cli(database, "progress", "class", "7B", "ana", "bo") == 0
    assert cli(database, "progress", "class", "7C", "cy") == 0
    assert "2 students put in class 7B" in capsys.readouterr().out
    assert cli(database, "report", "--class", "7B", "--format", "json") == 0
    students = json.loads(capsys.readouterr().out)["students"]
    assert [s["name"] for s in students] == ["ana", "bo"]
    assert cli(database, "report", "--format", "json") == 0
    assert len(json.loads(capsys.readouterr().out)["students"]) == 3
    assert cli(database, "progress", "class", "--remove", "7C", "ana") == 1
    assert "not in class 7C: ana" in capsys.readouterr().err
    assert cli(database, "progress", "class", "--remove", "7B", "bo") == 0
    assert "1 student taken out of class 7B" in capsys.readouterr().out
    assert cli(database, "report", "--class", "7B", "--format", "json") == 0
    students = json.loads(capsys.readouterr().out)["students"]
    assert [s["name"] for s in students] == ["ana"]
