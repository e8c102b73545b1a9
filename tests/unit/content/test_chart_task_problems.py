"""Bad author data for the secant and bowl charts: each gives one problem row at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.content.validate import validate_pack
from derivquest.engine import JudgeService

MANIFEST = """format_version = 1
id = "bad-charts"
title = "Bad charts"
author = "DerivQuest tests"
version = "1.0.0"
languages = ["en"]
levels = ["levels/01.toml"]
"""

LEVEL = """id = "one"
title = "One"
lesson = "A lesson."

[[questions]]
id = "task"
kind = "plot"
prompt = "Do the task."
hints = ["A hint."]
solution = "The solution."

[questions.plot]
"""

SECANT = {"chart": '"secant"', "function": '"x^3"', "a": "1", "h_start": "1", "tolerance": "0.1"}
BOWL = {
    "chart": '"bowl"',
    "a": "5",
    "b": "0.5",
    "w1_start": "1",
    "w2_start": "4",
    "max_steps": "40",
    "tolerance": "0.05",
}

Case = tuple[dict[str, str], dict[str, str], str, str, str]
"""(the chart's table, changes, key of the problem, message (a prefix if it ends in ...), fix)."""

CASES: dict[str, Case] = {
    "secant-f-undefined-at-a": (
        SECANT,
        {"function": '"ln(x)"', "a": "0"},
        "a",
        "f(0) is undefined: 'ln(x)' has no value at a",
        "pick an a where f is defined",
    ),
    "secant-no-tangent-at-a": (
        SECANT,
        {"function": '"sqrt(x)"', "a": "0"},
        "a",
        "f'(0) is undefined: f has no tangent at a",
        "pick an a where f is smooth",
    ),
    "secant-second-point-undefined": (
        SECANT,
        {"function": '"sqrt(1 - x)"', "a": "0.5"},
        "h_start",
        "f(a + h_start) = f(1.5) is undefined",
        "use a smaller h_start, or an a further inside f's domain",
    ),
    "secant-nothing-to-do": (
        SECANT,
        {"tolerance": "10"},
        "tolerance",
        "the first secant (h = 1) is already within 10 of f'(1) = 3: nothing to do",
        "use a larger h_start or a smaller tolerance",
    ),
    "secant-unsolvable": (
        SECANT,
        {"tolerance": "1e-12"},
        "tolerance",
        "no h from 1 down to 9.54e-07 gets the secant's slope within 1e-12 of f'(1) = 3...",
        "use a larger tolerance",
    ),
    "secant-unreadable": (
        SECANT,
        {"function": '"x^^2"'},
        "function",
        "'x^^2' cannot be read: ...",
        "fix the expression (see 'Expression syntax' in docs/authoring.md)",
    ),
    "bowl-a-not-positive": (
        BOWL,
        {"a": "0"},
        "a",
        "a = 0: the bowl needs a > 0 (else it has no bottom)",
        "use a positive a",
    ),
    "bowl-b-negative": (
        BOWL,
        {"b": "-1"},
        "b",
        "b = -1: the bowl needs b > 0 (else it has no bottom)",
        "use a positive b",
    ),
    "bowl-start-on-the-minimums-line": (
        BOWL,
        {"w1_start": "0"},
        "w1_start",
        "w1_start = c1 = 0: nothing moves along that direction, so it never shows a "
        "learning rate that is too large for it",
        "start away from c1",
    ),
    "bowl-already-there": (
        BOWL,
        {"tolerance": "5"},
        "tolerance",
        "the start is already within 5 of the minimum",
        "start further away or use a smaller tolerance",
    ),
    "bowl-unsolvable": (
        BOWL,
        {"max_steps": "3"},
        "max_steps",
        "no offered learning rate (0.001 to 1) brings w within 0.05 of (0, 0) in 3 steps",
        "allow more steps, a larger tolerance, or make a and b closer",
    ),
}


def write_pack(folder: Path, table: dict[str, str]) -> Path:
    (folder / "levels").mkdir(parents=True)
    (folder / "pack.toml").write_text(MANIFEST, encoding="utf-8")
    body = "".join(f"{key} = {value}\n" for key, value in table.items())
    level = folder / "levels" / "01.toml"
    level.write_text(LEVEL + body, encoding="utf-8")
    return level


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_author_data_is_one_row_at_its_line(
    name: str, tmp_path: Path, judge_service: JudgeService
) -> None:
    base, changes, key, message, fix = CASES[name]
    level = write_pack(tmp_path / name, {**base, **changes})
    report = validate_pack(tmp_path / name, judge_service)
    assert len(report.problems) == 1, "\n".join(map(str, report.problems))
    problem = report.problems[0]
    line = (
        level.read_text(encoding="utf-8")
        .splitlines()
        .index(f"{key} = {changes.get(key, base.get(key))}")
        + 1
    )
    assert (problem.file, problem.line, problem.key, problem.fix) == (
        level,
        line,
        f"questions[0].plot.{key}",
        fix,
    )
    if message.endswith("..."):
        assert problem.message.startswith(message.removesuffix("...")), problem.message
    else:
        assert problem.message == message


@pytest.mark.parametrize(
    ("base", "key"), [(SECANT, "h_start"), (SECANT, "tolerance"), (BOWL, "tolerance")]
)
def test_a_step_or_tolerance_of_zero_is_refused_by_the_schema_at_its_line(
    base: dict[str, str], key: str, tmp_path: Path, judge_service: JudgeService
) -> None:
    level = write_pack(tmp_path / "zero", {**base, key: "0"})
    report = validate_pack(tmp_path / "zero", judge_service)
    assert [(p.file, p.key) for p in report.problems] == [(level, f"questions[0].plot.{key}")]
    line = level.read_text(encoding="utf-8").splitlines().index(f"{key} = 0") + 1
    assert report.problems[0].line == line


@pytest.mark.parametrize("base", [SECANT, BOWL])
def test_good_tables_validate_clean(
    base: dict[str, str], tmp_path: Path, judge_service: JudgeService
) -> None:
    write_pack(tmp_path / "good", base)
    report = validate_pack(tmp_path / "good", judge_service)
    assert report.problems == ()
