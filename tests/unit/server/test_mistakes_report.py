"""`derivquest report --mistakes`: the sections as table, CSV (neutralised) and JSON."""

from __future__ import annotations

import argparse
import csv
import io
import json

import pytest

from derivquest.commands import report as report_command
from derivquest.engine.presenter import mistake_sentence
from derivquest.progress import ProgressStore
from derivquest.progress.mistakes import MistakeReport, NamedMistake, RepeatedMistake, WrongAnswer
from derivquest.server.mistakes_report import sentence, to_csv, to_json, to_table

Q1 = "calculus-for-ml/chain-rule/linear-power"
CHAIN = "chain-inner-missing"

REPORT = MistakeReport(
    by_question=[NamedMistake(Q1, CHAIN, 4, 3)],
    by_skill=[NamedMistake("chain", CHAIN, 5, 3)],
    unnamed=[WrongAnswer(Q1, "abc123", "=HYPERLINK(1)\x1b[31m", 2, 2)],
    repeated=[RepeatedMistake("-ana", CHAIN, (Q1, "p/l/q2"), 2, 0.0)],
)


def test_json_has_every_section_with_sentences() -> None:
    document = json.loads(to_json(REPORT))
    assert document["by_question"] == [
        {
            "question": Q1,
            "diagnosis": CHAIN,
            "sentence": mistake_sentence(CHAIN),
            "answers": 4,
            "students": 3,
        }
    ]
    assert document["by_skill"][0]["skill"] == "chain"
    assert document["unnamed"][0]["example"] == "=HYPERLINK(1)\x1b[31m"
    assert document["repeated"][0]["questions"] == [Q1, "p/l/q2"]
    assert json.loads(to_json(REPORT, language="bn"))["by_question"][0]["sentence"] == (
        mistake_sentence(CHAIN, "bn")
    )


def test_csv_cells_are_neutralised() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(REPORT))))
    assert [row["section"] for row in rows] == ["question", "skill", "unnamed", "repeated"]
    assert rows[2]["example"] == "'=HYPERLINK(1)\ufffd[31m"
    assert rows[3]["name"] == "'-ana"
    assert rows[3]["questions"] == f"{Q1} p/l/q2"
    assert "\x1b" not in to_csv(REPORT)


def test_table_shows_the_sentence_and_no_escape_codes() -> None:
    table = to_table(REPORT)
    assert f"{CHAIN}: {mistake_sentence(CHAIN)}" in table
    assert "e.g. =HYPERLINK(1)\ufffd[31m  [abc123]" in table
    assert "-ana: chain-inner-missing on 2 questions (2 answers)" in table
    assert "\x1b" not in table
    assert to_table(MistakeReport([], [], [], [])).count("  none") == 4


def test_an_unknown_mistake_id_shows_as_itself() -> None:
    assert sentence("from-a-newer-version") == "from-a-newer-version"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="derivquest")
    report_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", *argv])
    status: int = args.handler(args)
    return status


def test_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressStore() as store:
        ana, bo = store.create_profile("ana"), store.create_profile("bo")
        for profile in (ana.id, bo.id):
            store.record_attempt(profile, Q1, "cos(x^2)", correct=False, seconds=2, diagnosis=CHAIN)
        # A question no pack has: not counted.
        store.record_attempt(ana.id, "gone/l/q", "1", correct=False, seconds=2, diagnosis=CHAIN)
    assert run("--mistakes", "--format", "json") == 0
    document = json.loads(capsys.readouterr().out)
    assert [(r["question"], r["answers"], r["students"]) for r in document["by_question"]] == [
        (Q1, 2, 2)
    ]
    assert run("--mistakes", "--level", "calculus-for-ml/rate-of-change") == 0
    assert "Named mistakes by question:\n  none" in capsys.readouterr().out
    assert run("--mistakes", "--format", "csv") == 0
    assert capsys.readouterr().out.startswith("section,group,diagnosis,")


def test_ids_from_an_imported_file_cannot_reach_the_terminal_raw() -> None:
    hostile = "\x1b]0;owned\x07"
    report = MistakeReport(
        by_question=[NamedMistake(Q1, hostile, 1, 1)],
        by_skill=[],
        unnamed=[WrongAnswer(Q1, hostile, "x", 1, 1)],
        repeated=[RepeatedMistake("ana", hostile, (Q1, Q1), 2, 0.0)],
    )
    for text in (to_table(report), to_csv(report)):
        assert "\x1b" not in text and "\x07" not in text
