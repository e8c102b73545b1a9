"""`derivquest check --jsonl` with hostile lines: each is judged (or refused) on its own."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import derivquest.engine
from derivquest.cli import main
from derivquest.engine import Verdict


class EchoJudge:
    """A stand-in checker that judges instantly: the command's line handling is under test."""

    instances: list[EchoJudge] = []

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.judged: list[tuple[str, str]] = []
        self.closed = False
        EchoJudge.instances.append(self)

    def __enter__(self) -> EchoJudge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.closed = True

    def check(self, expected: str, answer: str, variables: Sequence[str]) -> Verdict:
        self.judged.append((expected, answer))
        return Verdict("correct" if expected == answer else "incorrect", "judged")

    def check_derivative(
        self, function: str, answer: str, variable: str, variables: Sequence[str]
    ) -> Verdict:
        return self.check(f"d/d{variable} {function}", answer, variables)


def error_line(number: int, message: str) -> dict[str, Any]:
    return {
        "verdict": "invalid",
        "message": f"line {number}: {message}",
        "diagnosis": None,
        "parsed": None,
        "column": None,
        "elapsed_ms": 0.0,
        "error": True,
    }


GOOD = b'{"expected": "2x", "answer": "2x"}'

HOSTILE_LINES: list[tuple[str, bytes, str]] = [
    ("invalid UTF-8", b'{"expected": "x", "answer": "\xff\xfe"}', "not UTF-8 text (byte 30)"),
    ("truncated UTF-8", b'{"expected": "x", "answer": "\xe0\xa6"}', "not UTF-8 text (byte 30)"),
    (
        "40,000-deep JSON",
        b'{"expected": ' + b"[" * 40_000 + b"]" * 40_000 + b"}",
        "nested too deeply",
    ),
    ("not JSON", b"not json", "not valid JSON (Expecting value)"),
    ("a list", b'["expected", "answer"]', "each line must be a JSON object"),
    (
        "a number with 5,000 digits",
        b'{"expected": "x", "answer": "x", "n": ' + b"9" * 5000 + b"}",
        "not valid JSON (a number with too many digits)",
    ),
    (
        "expected is a number",
        b'{"expected": 3, "answer": "x"}',
        "needs a string 'expected' or 'function'",
    ),
    (
        "answer is a list",
        b'{"expected": "x", "answer": ["x"]}',
        "needs a string 'answer' and optional 'vars' (a list)",
    ),
    (
        "vars of numbers",
        b'{"expected": "x", "answer": "x", "vars": [1, 2]}',
        "'vars' must be a list of names",
    ),
    (
        "var is a list",
        b'{"expected": "x", "answer": "x", "var": ["x"]}',
        "'var' must be a name (a string)",
    ),
    (
        "1,000 vars",
        b'{"expected": "x", "answer": "x", "vars": "' + b",".join([b"x"] * 1000) + b'"}',
        "'vars' may name at most 26 variables",
    ),
    (
        "a 200 kB line",
        b'{"expected": "x", "answer": "' + b"x" * 200_000 + b'"}',
        "longer than 100000 bytes",
    ),
]


@pytest.fixture
def echo_judge(monkeypatch: pytest.MonkeyPatch) -> type[EchoJudge]:
    EchoJudge.instances = []
    monkeypatch.setattr(derivquest.engine, "JudgeService", EchoJudge)
    return EchoJudge


@pytest.mark.parametrize(
    ("line", "message"), [case[1:] for case in HOSTILE_LINES], ids=[c[0] for c in HOSTILE_LINES]
)
def test_one_bad_line_among_2000_is_reported_and_every_other_line_judged(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    echo_judge: type[EchoJudge],
    line: bytes,
    message: str,
) -> None:
    lines = [GOOD] * 2000
    lines[1347] = line
    source = tmp_path / "answers.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["check", "--jsonl", str(source)]) == 2
    output = [json.loads(out) for out in capsys.readouterr().out.splitlines()]
    assert len(output) == 2000
    assert output[1347] == error_line(1348, message)
    assert [o["verdict"] for o in output[:1347] + output[1348:]] == ["correct"] * 1999
    assert sum(len(judge.judged) for judge in echo_judge.instances) == 1999


def test_a_long_line_without_an_ending_newline_is_refused_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], echo_judge: type[EchoJudge]
) -> None:
    """A line of exactly the limit is read; one byte more is refused; the last line too."""
    limit = 100_000
    padding = b'{"expected": "x", "answer": "x", "pad": "'
    exact = padding + b"p" * (limit - len(padding) - 2) + b'"}'
    assert len(exact) == limit
    source = tmp_path / "answers.jsonl"
    source.write_bytes(exact + b"\n" + GOOD + b"\n" + b"x" * (limit + 1))
    assert main(["check", "--jsonl", str(source)]) == 2
    output = [json.loads(out) for out in capsys.readouterr().out.splitlines()]
    assert [o["verdict"] for o in output] == ["correct", "correct", "invalid"]
    assert output[2] == error_line(3, "longer than 100000 bytes")


def test_stdin_is_read_as_bytes_line_by_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], echo_judge: type[EchoJudge]
) -> None:
    data = GOOD + b"\n\xff\n\n" + GOOD + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "--jsonl", "-"]) == 2
    output = [json.loads(out) for out in capsys.readouterr().out.splitlines()]
    assert [o["verdict"] for o in output] == ["correct", "invalid", "correct"]
    assert output[1] == error_line(2, "not UTF-8 text (byte 1)")


def test_real_checker_judges_the_lines_around_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "answers.jsonl"
    source.write_bytes(
        b'{"function": "(3x+2)^5", "answer": "5(3x+2)^4"}\n'
        + b'{"a": '
        + b"[" * 5000
        + b"]" * 5000
        + b"}\n"
        + b'{"expected": "x", "answer": "x^2"}\n'
    )
    assert main(["check", "--jsonl", str(source)]) == 2
    output = [json.loads(out) for out in capsys.readouterr().out.splitlines()]
    assert [(o["verdict"], o["diagnosis"]) for o in output] == [
        ("incorrect", "chain-inner-missing"),
        ("invalid", None),
        ("incorrect", None),
    ]
    assert output[1]["message"] == "line 2: nested too deeply"


@pytest.mark.parametrize("deadline", ["nan", "inf", "-inf", "-1", "0", "1e12", "60.5"])
def test_a_deadline_that_is_not_a_sensible_number_of_seconds_is_refused(
    capsys: pytest.CaptureFixture[str], echo_judge: type[EchoJudge], deadline: str
) -> None:
    assert main(["check", f"--deadline={deadline}", "x", "x"]) == 2
    shown = f"{float(deadline):g}"
    assert capsys.readouterr().err == (
        f"derivquest check: --deadline must be a number of seconds above 0 and at most 60,"
        f" not {shown}\n"
    )
    assert echo_judge.instances == []  # no checker was started


@pytest.mark.parametrize("deadline", ["0.25", "60"])
def test_a_sensible_deadline_is_used(
    capsys: pytest.CaptureFixture[str], echo_judge: type[EchoJudge], deadline: str
) -> None:
    assert main(["check", f"--deadline={deadline}", "x", "x"]) == 0
    assert echo_judge.instances[0].deadline == float(deadline)
