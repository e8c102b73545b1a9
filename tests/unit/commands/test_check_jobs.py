"""`derivquest check --jsonl --jobs N`: several checkers at once, the output in input order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import derivquest.engine
from derivquest.cli import main
from tests.unit.commands.test_check_jsonl import EchoJudge

LINES = [
    {"function": "(3x+2)^5", "answer": "5(3x+2)^4"},
    {"function": "x^2 sin(x)", "answer": "2x cos(x)"},
    {"expected": "2x", "answer": "x+x"},
    "not json",
    {"function": "e^(2x)", "answer": "2e^(2x)"},
    {"function": "ln(x^2+1)", "answer": "1/(x^2+1)"},
    {
        "function": "sigmoid(w x)",
        "answer": "sigmoid(w x)(1-sigmoid(w x)) x",
        "var": "w",
        "vars": ["w", "x"],
    },
    {"expected": "1/x", "answer": "x^-1"},
    {"function": "x^3", "answer": "3x^2 +"},
    {"function": "tanh(3x)", "answer": "3(1-tanh(x)^2)"},
]


@pytest.fixture
def echo_judge(monkeypatch: pytest.MonkeyPatch) -> type[EchoJudge]:
    EchoJudge.instances = []
    monkeypatch.setattr(derivquest.engine, "JudgeService", EchoJudge)
    return EchoJudge


def write(tmp_path: Path, lines: list[Any]) -> Path:
    source = tmp_path / "answers.jsonl"
    text = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    source.write_text("\n".join(text) + "\n")
    return source


def judged(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for result in results:
        result.pop("elapsed_ms")
    return results


def test_two_jobs_give_what_one_gives_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, LINES * 2)
    assert main(["check", "--jsonl", str(source), "--jobs", "1", "--deadline", "30"]) == 2
    alone = judged(capsys)
    assert main(["check", "--jsonl", str(source), "--jobs", "2", "--deadline", "30"]) == 2
    together = judged(capsys)
    assert together == alone
    assert [r["verdict"] for r in alone[:10]] == [
        "incorrect", "incorrect", "correct", "invalid", "correct",
        "incorrect", "correct", "correct", "invalid", "incorrect",
    ]  # fmt: skip
    assert alone[0]["diagnosis"] == "chain-inner-missing"


def test_many_lines_keep_their_order_and_every_checker_is_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], echo_judge: type[EchoJudge]
) -> None:
    lines = [{"expected": str(n), "answer": str(n if n % 3 else n + 1)} for n in range(500)]
    source = write(tmp_path, lines)
    assert main(["check", "--jsonl", str(source), "--jobs", "3"]) == 0
    results = judged(capsys)
    assert [r["verdict"] for r in results] == [
        "correct" if n % 3 else "incorrect" for n in range(500)
    ]
    assert 1 <= len(echo_judge.instances) <= 3
    assert sum(len(judge.judged) for judge in echo_judge.instances) == 500
    assert all(judge.closed for judge in echo_judge.instances)


@pytest.mark.parametrize("jobs", ["0", "-2", "65"])
def test_a_number_of_jobs_out_of_range_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], echo_judge: type[EchoJudge], jobs: str
) -> None:
    source = write(tmp_path, LINES[:1])
    assert main(["check", "--jsonl", str(source), f"--jobs={jobs}"]) == 2
    assert capsys.readouterr().err == f"derivquest check: --jobs takes 1 to 64, not {jobs}\n"
    assert echo_judge.instances == []
