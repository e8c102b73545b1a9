"""`derivquest report`: levels, stars, mastery, drill bests and last seen per student."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import UTC, datetime

import pytest

from derivquest.commands import report as report_command
from derivquest.progress import DrillSetting, DrillSummary, ProgressStore
from derivquest.progress.drill_results import DrillResultItem
from derivquest.server.report import StudentRow, class_report, to_csv, to_json, to_table

PACK = "calculus-for-ml"
LEVEL = f"{PACK}/rate-of-change"
Q1, Q2 = f"{LEVEL}/average-speed", f"{LEVEL}/loss-average-rate"
GONE = f"{PACK}/removed-level/q1"
"""A question no pack has any more: kept in the store, left out of the report."""

MONDAY = datetime(2025, 3, 10, 9, 30, tzinfo=UTC).timestamp()


class Clock:
    """The store's wall clock, moved by the test."""

    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> float:
        return self.now


def fill(store: ProgressStore, clock: Clock) -> None:
    """ana: a level, a drill, two skills; bo: one wrong answer; cy: never played."""
    ana, bo = store.create_profile("ana"), store.create_profile("bo")
    store.create_profile("cy")
    for correct in (False, True):
        store.record_attempt(ana.id, Q1, "24", correct=correct, seconds=5, skills=("rates",))
    store.record_attempt(ana.id, Q2, "-5", correct=True, seconds=4, skills=("rates", "loss"))
    store.record_level_result(ana.id, LEVEL, stars=2, seconds=60)
    item = DrillResultItem(Q1, 0, 1, "correct", 2.0, 100)
    clock.now += 3600
    store.drills.save(ana.id, DrillSummary(DrillSetting(3), (item,), 420, 1, True, 180.0))
    clock.now += 3600
    store.record_attempt(bo.id, Q1, "0", correct=False, seconds=9, skills=("rates",))
    clock.now += 3600
    store.record_attempt(bo.id, GONE, "1", correct=True, seconds=1, skills=("old",))


@pytest.fixture
def rows() -> list[StudentRow]:
    clock = Clock()
    with ProgressStore(now=clock) as store:
        fill(store, clock)
        return class_report(store, {Q1, Q2}, {LEVEL})


def test_rows(rows: list[StudentRow]) -> None:
    ana, bo, cy = rows
    assert (ana.name, ana.levels_completed, ana.stars, ana.questions_solved, ana.answers) == (
        "ana",
        1,
        2,
        2,
        3,
    )
    assert ana.level_stars == {LEVEL: 2}
    assert ana.mastery == {"loss": "attempted", "rates": "familiar"}
    assert ana.drill_bests == {"3m:all": 420}
    assert ana.last_seen == MONDAY + 3600  # the drill came after the answers
    assert (bo.levels_completed, bo.stars, bo.questions_solved, bo.answers) == (0, 0, 0, 1)
    assert bo.mastery == {"rates": "attempted"}  # the removed question's skill is left out
    assert bo.last_seen == MONDAY + 2 * 3600  # the removed question's answer is left out
    assert (cy.answers, cy.last_seen, cy.mastery, cy.drill_bests) == (0, None, {}, {})


def test_json(rows: list[StudentRow]) -> None:
    students = json.loads(to_json(rows, UTC))["students"]
    assert [student["name"] for student in students] == ["ana", "bo", "cy"]
    assert students[0] == {
        "name": "ana",
        "levels_completed": 1,
        "stars": 2,
        "questions_solved": 2,
        "answers": 3,
        "last_seen": "2025-03-10T10:30:00+00:00",
        "levels": {LEVEL: 2},
        "mastery": {"loss": "attempted", "rates": "familiar"},
        "drill_bests": {"3m:all": 420},
    }
    assert students[2]["last_seen"] is None


def test_csv(rows: list[StudentRow]) -> None:
    table = list(csv.reader(io.StringIO(to_csv(rows, UTC))))
    assert table == [
        [
            "name",
            "levels_completed",
            "stars",
            "questions_solved",
            "answers",
            "last_seen",
            "mastery:loss",
            "mastery:rates",
            "best:3m:all",
        ],
        ["ana", "1", "2", "2", "3", "2025-03-10T10:30:00+00:00", "attempted", "familiar", "420"],
        ["bo", "0", "0", "0", "1", "2025-03-10T11:30:00+00:00", "", "attempted", ""],
        ["cy", "0", "0", "0", "0", "", "", "", ""],
    ]


def test_table(rows: list[StudentRow]) -> None:
    assert to_table(rows, UTC).splitlines() == [
        "name  levels  stars  solved  answers  skills mastered  last seen",
        "ana   1       2      2       3        0/2              2025-03-10 10:30",
        "bo    0       0      0       1        0/1              2025-03-10 11:30",
        "cy    0       0      0       0        0/0              never",
    ]


def run(*argv: str) -> int:
    """Parse and run `derivquest report ...` the way cli.py does once it is registered."""
    parser = argparse.ArgumentParser(prog="derivquest")
    report_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", *argv])
    status: int = args.handler(args)
    return status


def test_the_command_reads_the_data_dir(capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock()
    with ProgressStore(now=clock) as store:
        fill(store, clock)
    assert run("--format", "json") == 0
    students = json.loads(capsys.readouterr().out)["students"]
    assert [(s["name"], s["levels_completed"], s["answers"]) for s in students] == [
        ("ana", 1, 3),
        ("bo", 0, 1),
        ("cy", 0, 0),
    ]
    assert run("--format", "csv") == 0
    assert capsys.readouterr().out.startswith("name,levels_completed,stars,")
    assert run() == 0
    assert capsys.readouterr().out.startswith("name  levels  stars")


def test_the_command_with_no_progress_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert run() == 1
    assert "no progress yet" in capsys.readouterr().err
