"""The real `derivquest` command: help, version, and `check` with its exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from derivquest import __version__

pytestmark = pytest.mark.e2e


def derivquest(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script (falling back to ``python -m`` beside this Python)."""
    script = Path(sys.executable).parent / "derivquest"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_help_lists_subcommands() -> None:
    result = derivquest("--help")
    assert result.returncode == 0
    assert "check" in result.stdout


def test_version() -> None:
    result = derivquest("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"derivquest {__version__}")


@pytest.mark.parametrize(
    ("args", "status", "first_line"),
    [
        (["check", "15(3x+2)^4", "15(2+3x)^4"], 0, "correct: Correct."),
        (["check", "e^x", "2.718^x"], 1, "incorrect: Not quite: at x = "),
        (["check", "x", "sin(x))"], 2, "invalid: unexpected ')' at column 7"),
        (
            ["check", "--diff", "(3x+2)^5", "5(3x+2)^4"],
            1,
            "incorrect (chain-inner-missing): Chain rule:",
        ),
        (["check", "--vars", "w,x,y", "2x(wx-y)", "2wx^2-2xy"], 0, "correct: Correct."),
        (["check", "--diff", "w^2", "2w", "--var", "w"], 0, "correct: Correct."),
        (["check", "only-one"], 2, ""),
    ],
)
def test_check_exit_status_and_output(args: list[str], status: int, first_line: str) -> None:
    result = derivquest(*args)
    assert result.returncode == status
    assert result.stdout.startswith(first_line)


def test_check_json_output() -> None:
    result = derivquest("check", "--diff", "x^5", "x^4", "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["status"] == "incorrect"
    assert data["diagnosis"] == "power-rule-coefficient"
    assert data["parsed"] == " 4\nx "


def test_invalid_answer_shows_a_caret_under_the_column() -> None:
    result = derivquest("check", "x", "sin(x))")
    assert result.stdout.splitlines()[1:] == ["  sin(x))", "        ^"]


def test_jsonl_keeps_order_and_reports_every_line(tmp_path: Path) -> None:
    lines = [
        {"expected": "2x", "answer": "x+x"},
        {"function": "(3x+2)^5", "answer": "5(3x+2)^4"},
        {"function": "(w x - y)^2", "answer": "2x(wx-y)", "vars": ["w", "x", "y"], "var": "w"},
        {"expected": "x", "answer": "__import__('os')"},
    ]
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")
    result = derivquest("check", "--jsonl", str(source))
    output = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["verdict"] for o in output] == [
        "correct",
        "incorrect",
        "correct",
        "invalid",
        "invalid",
    ]
    assert output[1]["diagnosis"] == "chain-inner-missing"
    assert output[4]["message"] == "line 5: not valid JSON (Expecting value)"
    assert all(
        set(o) >= {"verdict", "message", "diagnosis", "parsed", "elapsed_ms"} for o in output
    )
    assert result.returncode == 2  # a line could not be read


def test_jsonl_from_stdin_all_judged_exits_zero() -> None:
    result = derivquest("check", "--jsonl", "-", stdin='{"expected": "x", "answer": "x^2"}\n')
    assert result.returncode == 0
    assert json.loads(result.stdout)["verdict"] == "incorrect"


def test_jsonl_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = derivquest("check", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
