"""`report --format csv` is safe to open in a spreadsheet and to print on a terminal."""

from __future__ import annotations

import csv
import io

import pytest

from derivquest.server.report import StudentRow, csv_cell, to_csv


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("ana", "ana"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "\ufffdx"),
        ("a\x1b[2Jb", "a\ufffd[2Jb"),
        ("\x9b31m", "\ufffd31m"),
        ("x\ny\r", "x\ufffdy\ufffd"),
        ("\x1b=1", "\ufffd=1"),
        ("অনা", "অনা"),
        ("", ""),
        (3, 3),
        (-3, -3),
    ],
)
def test_a_cell_is_neutralised(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_names_skills_and_settings_reach_the_csv_neutralised() -> None:
    row = StudentRow(
        name="=cmd|' /C calc'!A0",
        levels_completed=1,
        stars=-1,
        questions_solved=0,
        answers=0,
        last_seen=None,
        mastery={"power\x1b[31m": "familiar", "-chain": "new"},
        drill_bests={"3m:@x": 5},
    )
    text = to_csv([row])
    assert "\x1b" not in text
    assert list(csv.reader(io.StringIO(text))) == [
        [
            "name",
            "levels_completed",
            "stars",
            "questions_solved",
            "answers",
            "last_seen",
            "mastery:-chain",
            "mastery:power\ufffd[31m",
            "best:3m:@x",
        ],
        ["'=cmd|' /C calc'!A0", "1", "-1", "0", "0", "", "new", "familiar", "5"],
    ]
