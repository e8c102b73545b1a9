"""`progress import` of hostile files: each field bounded and placed, nothing imported."""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from derivquest.commands import progress as progress_command
from derivquest.commands import report as report_command
from derivquest.progress import ProgressStore
from derivquest.progress.export_format import ImportFormatError, parse_document

NAME_RULE = (
    "(1 to 40 letters of any script, digits, single spaces, '.', '_', '-' or apostrophes,"
    " starting with a letter or digit)"
)
"""The one profile-name rule (derivquest.progress.names), as its messages end."""

Q1 = "calc/power/q1"

VALID: dict[str, Any] = {
    "format": "derivquest-progress",
    "version": 1,
    "exported_at": "2025-03-10T12:00:00Z",
    "profiles": [
        {
            "name": "ana",
            "player_id": "p-ana",
            "created_at": "2025-03-10T11:00:00Z",
            "attempts": [
                {
                    "uid": "a1",
                    "question_id": Q1,
                    "answered_at": "2025-03-10T11:30:00+06:00",
                    "answer": "2x",
                    "correct": True,
                    "seconds": 3.5,
                    "hints_used": 1,
                    "mode": "play",
                    "skills": ["power"],
                }
            ],
            "levels": [
                {
                    "level_id": "calc/power",
                    "stars": 3,
                    "completions": 1,
                    "best_seconds": 9.0,
                    "last_completed_at": "2025-03-10T11:31:00Z",
                }
            ],
            "resume": [
                {
                    "slot": "play",
                    "question_id": Q1,
                    "variant_seed": 7,
                    "typed": "2x +",
                    "saved_at": "2025-03-10T11:32:00Z",
                }
            ],
            "drills": [
                {
                    "uid": "d1",
                    "finished_at": "2025-03-10T11:40:00Z",
                    "minutes": 3,
                    "skills": ["power"],
                    "completed": True,
                    "score": 100,
                    "best_streak": 1,
                    "seconds": 180.0,
                    "items": [
                        {
                            "position": 1,
                            "question_id": Q1,
                            "variant_seed": 3,
                            "outcome": "correct",
                            "seconds": 2.0,
                            "points": 100,
                        }
                    ],
                }
            ],
        }
    ],
}
"""A valid export with one record of every kind; each case below breaks one field of it."""

TIME = "must be a time from 1970-01-01 to 9998-12-31 (UTC)"
CONTROL_ID = "control characters are not allowed in an id"

# (path into VALID, hostile value, expected problem line)
HOSTILE: list[tuple[tuple[str | int, ...], object, str]] = [
    (
        ("profiles", 0, "attempts", 0, "hints_used"),
        10**30,
        "profile 1, attempt 1, hints_used: should be less than or equal to 1000000",
    ),
    (
        ("profiles", 0, "attempts", 0, "hints_used"),
        -1,
        "profile 1, attempt 1, hints_used: should be greater than or equal to 0",
    ),
    (
        ("profiles", 0, "attempts", 0, "seconds"),
        1e300,
        "profile 1, attempt 1, seconds: should be less than or equal to 10000000",
    ),
    (
        ("profiles", 0, "attempts", 0, "answered_at"),
        "0001-01-01T00:00:00+14:00",
        f"profile 1, attempt 1, answered_at: {TIME}",
    ),
    (
        ("profiles", 0, "attempts", 0, "answered_at"),
        "9999-12-31T23:00:00-05:00",
        f"profile 1, attempt 1, answered_at: {TIME}",
    ),
    (
        ("profiles", 0, "attempts", 0, "answered_at"),
        "1969-12-31T23:59:59Z",
        f"profile 1, attempt 1, answered_at: {TIME}",
    ),
    (("profiles", 0, "created_at"), "9999-01-01T00:00:00Z", f"profile 1, created_at: {TIME}"),
    (("exported_at",), "0001-01-01T00:00:00Z", f"exported_at: {TIME}"),
    (
        ("profiles", 0, "attempts", 0, "question_id"),
        "calc/power/q\x1b[2J",
        f"profile 1, attempt 1, question_id: {CONTROL_ID}",
    ),
    (("profiles", 0, "attempts", 0, "uid"), "a\x00", f"profile 1, attempt 1, uid: {CONTROL_ID}"),
    (("profiles", 0, "player_id"), "p\u202eana", f"profile 1, player_id: {CONTROL_ID}"),
    (
        ("profiles", 0, "attempts", 0, "skills", 0),
        "power\x07",
        f"profile 1, attempt 1, skill 1: {CONTROL_ID}",
    ),
    (
        ("profiles", 0, "attempts", 0, "answer"),
        "2x\x1b]0;pwned\x07",
        "profile 1, attempt 1, answer: control characters are not allowed",
    ),
    (
        ("profiles", 0, "attempts", 0, "answer"),
        "x" * 2001,
        "profile 1, attempt 1, answer: should have at most 2000 characters",
    ),
    (
        ("profiles", 0, "attempts", 0, "question_id"),
        "a/b/" + "c" * 200,
        "profile 1, attempt 1, question_id: should have at most 200 characters",
    ),
    (
        ("profiles", 0, "name"),
        "ana\x1b[31m",
        f"profile 1, name: a name cannot contain '\\x1b' {NAME_RULE}",
    ),
    (
        ("profiles", 0, "name"),
        "a" * 41,
        f"profile 1, name: a name has {NAME_RULE[1:-1]}",
    ),
    (
        ("profiles", 0, "levels", 0, "stars"),
        4,
        "profile 1, level 1, stars: should be less than or equal to 3",
    ),
    (
        ("profiles", 0, "levels", 0, "completions"),
        2**63,
        "profile 1, level 1, completions: should be less than or equal to 1000000",
    ),
    (
        ("profiles", 0, "resume", 0, "round_number"),
        10**20,
        "profile 1, resume 1, round_number: should be less than or equal to 1000000",
    ),
    (("profiles", 0, "resume", 0, "slot"), "play\n", f"profile 1, resume 1, slot: {CONTROL_ID}"),
    (
        ("profiles", 0, "drills", 0, "minutes"),
        10**9,
        "profile 1, drill 1, minutes: should be less than or equal to 1440",
    ),
    (
        ("profiles", 0, "drills", 0, "skills", 0),
        "a+b",
        "profile 1, drill 1, skill 1: a skill name cannot contain + or :",
    ),
    (
        ("profiles", 0, "drills", 0, "items", 0, "points"),
        10**30,
        "profile 1, drill 1, item 1, points: should be less than or equal to 1000000",
    ),
    (
        ("profiles", 0, "drills", 0, "items", 0, "position"),
        0,
        "profile 1, drill 1, item 1, position: should be greater than or equal to 1",
    ),
]


def run(command: Any, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="derivquest")
    command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status


def changed(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


def stored() -> str:
    """Everything in the store, to compare before and after a refused import."""
    with ProgressStore() as store:
        return store.export_document().model_dump_json(exclude={"exported_at"})


@pytest.fixture
def before() -> str:
    with ProgressStore() as store:
        profile = store.create_profile("bo")
        store.record_attempt(profile.id, Q1, "x", correct=False, seconds=1)
    return stored()


@pytest.mark.parametrize(
    ("path", "value", "problem"), HOSTILE, ids=[f"{c[0][-1]}={str(c[1])[:20]!r}" for c in HOSTILE]
)
def test_a_hostile_field_is_refused_with_its_place_and_nothing_is_imported(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    before: str,
    path: tuple[str | int, ...],
    value: object,
    problem: str,
) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(changed(path, value)), encoding="utf-8")
    assert run(progress_command, "progress", "import", str(source)) == 1
    assert capsys.readouterr().err == (
        "derivquest progress: not a valid DerivQuest progress export (1 problem; nothing was"
        f" imported):\n  {problem}\n"
    )
    assert stored() == before


def test_every_problem_of_every_record_is_listed() -> None:
    """Not only the first bad profile name: each one, with its place."""
    document = copy.deepcopy(VALID)
    second = copy.deepcopy(document["profiles"][0])
    second["name"], second["player_id"] = "bo\x1b", "p-bo"
    document["profiles"][0]["name"] = "ana\x00"
    document["profiles"].append(second)
    second["attempts"].append(dict(second["attempts"][0], uid="a2", hints_used=10**30))
    with pytest.raises(ImportFormatError) as caught:
        parse_document(json.dumps(document))
    assert caught.value.problems == [
        f"profile 1, name: a name cannot contain '\\x00' {NAME_RULE}",
        f"profile 2, name: a name cannot contain '\\x1b' {NAME_RULE}",
        "profile 2, attempt 2, hints_used: should be less than or equal to 1000000",
    ]


def test_deeply_nested_json_is_one_problem_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: str
) -> None:
    source = tmp_path / "deep.json"
    source.write_text('{"profiles": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert run(progress_command, "progress", "import", str(source)) == 1
    err = capsys.readouterr().err
    assert "(file): Invalid JSON: recursion limit exceeded" in err
    assert stored() == before


def test_a_file_over_the_size_limit_is_not_read(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    before: str,
) -> None:
    monkeypatch.setattr(progress_command, "MAX_IMPORT_BYTES", 1_000_000)
    source = tmp_path / "huge.json"
    with open(source, "wb") as handle:
        handle.truncate(1_000_001)
    assert run(progress_command, "progress", "import", str(source)) == 1
    assert capsys.readouterr().err == (
        f"derivquest progress: {source} is too large to import (the limit is 1 MB);"
        " nothing was imported\n"
    )
    assert stored() == before


def test_the_limits_themselves_import_and_every_command_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The earliest and latest times and the largest counts are accepted, and do not break
    `progress show`, `export` (the backup) or `report` afterwards."""
    document = changed(("profiles", 0, "attempts", 0, "answered_at"), "1970-01-01T00:00:00Z")
    attempt = document["profiles"][0]["attempts"][0]
    attempt["hints_used"], attempt["seconds"] = 1_000_000, 10_000_000
    document["profiles"][0]["levels"][0]["last_completed_at"] = "9998-12-31T23:59:59Z"
    document["profiles"][0]["created_at"] = "9998-12-31T23:59:59-00:00"
    source = tmp_path / "limits.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    assert run(progress_command, "progress", "import", str(source)) == 0
    assert run(progress_command, "progress", "show") == 0
    assert run(progress_command, "progress", "export", str(tmp_path / "backup.json")) == 0
    assert run(report_command, "report", "--format", "csv") == 0
    capsys.readouterr()
    backup = parse_document((tmp_path / "backup.json").read_bytes())
    assert backup.profiles[0].attempts[0].hints_used == 1_000_000
