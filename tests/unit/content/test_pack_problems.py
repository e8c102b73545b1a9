"""Each broken fixture pack gives exactly the expected problem rows, at the expected lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.content.loader import load_pack
from derivquest.content.problems import Problem
from derivquest.content.validate import validate_pack
from derivquest.engine import JudgeService

Row = tuple[str, int, str, str, str]
"""(file relative to the pack, line, key, message, fix); a message ending in '...' is a
prefix (the rest is the engine's own wording, which this suite does not pin)."""

SCHEMA = "see docs/authoring.md or `derivquest pack schema` for this field"
SYNTAX = "fix the expression (see 'Expression syntax' in docs/authoring.md)"
NOT_LISTED = "use the id of a level listed in this pack's pack.toml"

LOAD_PROBLEMS: dict[str, list[Row]] = {
    "toml-syntax": [
        (
            "levels/01.toml",
            2,
            "",
            "invalid TOML: Illegal character '\\n' (column 15)",
            'check the quotes, brackets and "key = value" on this line',
        )
    ],
    "missing-field": [
        (
            "levels/01.toml",
            5,
            "questions[0].function",
            "required field is missing",
            "add function = ...",
        )
    ],
    "unknown-field": [
        (
            "levels/01.toml",
            5,
            "questions[0].function",
            "required field is missing",
            "add function = ...",
        ),
        (
            "levels/01.toml",
            10,
            "questions[0].functon",
            "unknown field 'functon'",
            "did you mean function?",
        ),
    ],
    "unknown-kind": [
        (
            "levels/01.toml",
            7,
            "questions[0].kind",
            "unknown kind 'integral'",
            "use one of: derivative, expression, numeric, choice, plot, graph",
        )
    ],
    "wrong-type": [
        (
            "levels/01.toml",
            11,
            "questions[0].abs_tol",
            "should be a valid number, not a string",
            SCHEMA,
        )
    ],
    "bad-id": [
        (
            "levels/01.toml",
            1,
            "id",
            "'Chain Rule' is not a valid value here",
            "use lowercase letters, digits and dashes, starting with a letter or digit",
        )
    ],
    "duplicate-question-id": [
        (
            "levels/01.toml",
            13,
            "questions[1].id",
            "question id 'q' is already used in this level",
            "give every question in a level its own id",
        )
    ],
    "duplicate-level-id": [
        (
            "levels/02.toml",
            1,
            "id",
            "level id 'level' is already used in {pack}/levels/01.toml",
            "give every level its own id",
        )
    ],
    "unknown-requires": [
        ("levels/01.toml", 3, "requires[0]", "requires unknown level 'basics'", NOT_LISTED)
    ],
    "requires-cycle": [
        (
            "levels/02.toml",
            3,
            "requires",
            "prerequisites form a cycle: alpha -> gamma -> beta -> alpha",
            "remove one of these requires so some level can be played first",
        )
    ],
    "missing-level-file": [
        (
            "pack.toml",
            9,
            "levels[1]",
            "level file 'levels/02-missing.toml' not found",
            "create the file or fix the path",
        )
    ],
    "format-version": [
        (
            "pack.toml",
            1,
            "format_version",
            "2 is not a format this DerivQuest reads",
            "use format_version = 1, or update DerivQuest",
        )
    ],
    "param-range": [
        (
            "levels/01.toml",
            13,
            "questions[0].params.n",
            "min (9) is larger than max (2)",
            "swap min and max",
        )
    ],
    "no-tolerance": [
        (
            "levels/01.toml",
            5,
            "questions[0]",
            "a numeric question needs a tolerance",
            "add abs_tol or rel_tol",
        )
    ],
    "unknown-language": [
        ("pack.toml", 6, "languages[1]", "'fr' is not allowed here", "use 'en' or 'bn'")
    ],
}
"""Packs that do not load at all: the game skips them and reports these rows."""

VALIDATOR_PROBLEMS: dict[str, list[Row]] = {
    "unreadable-expression": [
        (
            "levels/01.toml",
            10,
            "questions[0].function",
            "'x^^2' cannot be read: ...",
            SYNTAX,
        )
    ],
    "feedback-is-correct": [
        (
            "levels/01.toml",
            13,
            "questions[0].feedback[1].answer",
            "feedback answer '3*x*x' is a correct answer, so its note would never be shown",
            "write the wrong answer this note is for",
        )
    ],
    "choice-two-correct": [
        (
            "levels/01.toml",
            10,
            "questions[0].options",
            "2 options are marked correct; exactly one must be",
            "set correct = true on exactly one option",
        )
    ],
    "missing-translation": [
        (
            "levels/01.toml",
            8,
            "questions[0].prompt",
            "no bn text (pack.toml declares en, bn)",
            'write a table: { en = "...", bn = "..." }',
        )
    ],
    "unknown-placeholder": [
        (
            "levels/01.toml",
            8,
            "questions[0].prompt",
            "unknown placeholder {m}",
            "declare it under params, or use one of: {n}, {answer}, {function}",
        )
    ],
    "unused-param": [
        (
            "levels/01.toml",
            13,
            "questions[0].params.k",
            "parameter 'k' is never used",
            "use {k} in a template, or remove the parameter",
        )
    ],
    "numeric-undefined": [
        (
            "levels/01.toml",
            10,
            "questions[0].expected",
            "'ln((-1))' cannot be read: ...",
            SYNTAX,
        )
    ],
    "tangent-unsolvable": [
        (
            "levels/01.toml",
            14,
            "questions[0].plot.target",
            "no reachable x0 in -5..5 (steps of 0.5 from 0) has a slope within 0.1 of 100",
            "change target, tolerance, x_step or the x range",
        )
    ],
    "descent-unsolvable": [
        (
            "levels/01.toml",
            16,
            "questions[0].plot.max_steps",
            "no offered learning rate (0.001 to 1) brings w within 0.001 of y/x = 3 in 1 step",
            "allow more steps, a larger tolerance, or start w0 closer to y/x",
        )
    ],
    "gradient-check-unsolvable": [
        (
            "levels/01.toml",
            15,
            "questions[0].plot.tolerance",
            "no step h from 0.1 to 1e-12 gets within 1e-14 of f'(1); the best, h = 1e-05, "
            "is off by 5.86e-11",
            "use a larger tolerance",
        )
    ],
    "activation-unreachable": [
        (
            "levels/01.toml",
            14,
            "questions[0].plot.target",
            "the cursor (from 0 in steps of 0.5) never gets within 0.01 of 0.3",
            "change x_start or x_step, or make tolerance at least x_step / 2",
        )
    ],
    "bad-number-template": [
        (
            "levels/01.toml",
            14,
            "questions[0].plot.at",
            "'1/0' does not give a number: ...",
            "make the template give a finite number for every parameter value",
        )
    ],
}
"""Packs that load (the schema accepts them) but fail `derivquest pack validate`."""


def assert_rows(problems: tuple[Problem, ...], folder: Path, expected: list[Row]) -> None:
    assert len(problems) == len(expected), "\n".join(map(str, problems))
    for problem, (file, line, key, message, fix) in zip(problems, expected, strict=True):
        message = message.replace("{pack}", str(folder))
        assert problem.file == folder / file
        assert (problem.line, problem.key, problem.fix) == (line, key, fix)
        if message.endswith("..."):
            assert problem.message.startswith(message.removesuffix("...")), problem.message
            assert len(problem.message) > len(message), "the engine's reason is missing"
        else:
            assert problem.message == message


@pytest.mark.parametrize("name", sorted(LOAD_PROBLEMS))
def test_broken_pack_is_not_loaded(name: str, packs_dir: Path) -> None:
    folder = packs_dir / "broken" / name
    result = load_pack(folder)
    assert result.pack is None
    assert_rows(result.problems, folder, LOAD_PROBLEMS[name])


@pytest.mark.parametrize("name", sorted(LOAD_PROBLEMS))
def test_validator_reports_the_same_load_problems(
    name: str, packs_dir: Path, judge_service: JudgeService
) -> None:
    folder = packs_dir / "broken" / name
    assert_rows(validate_pack(folder, judge_service).problems, folder, LOAD_PROBLEMS[name])


@pytest.mark.parametrize("name", sorted(VALIDATOR_PROBLEMS))
def test_validator_finds_content_problem(
    name: str, packs_dir: Path, judge_service: JudgeService
) -> None:
    folder = packs_dir / "broken" / name
    assert load_pack(folder).pack is not None, "only the validator should catch this one"
    report = validate_pack(folder, judge_service)
    assert not report.ok
    assert_rows(report.problems, folder, VALIDATOR_PROBLEMS[name])


def test_every_broken_fixture_is_covered(packs_dir: Path) -> None:
    on_disk = {path.name for path in (packs_dir / "broken").iterdir()}
    assert on_disk == set(LOAD_PROBLEMS) | set(VALIDATOR_PROBLEMS)


def test_problem_row_format() -> None:
    problem = Problem(Path("p/levels/01.toml"), 7, "questions[0].kind", "bad", "do this")
    assert str(problem) == "p/levels/01.toml:7: questions[0].kind: bad (fix: do this)"
    whole_file = Problem(Path("p/pack.toml"), 1, "", "unreadable", "fix it")
    assert str(whole_file) == "p/pack.toml:1: unreadable (fix: fix it)"


def test_missing_manifest(tmp_path: Path) -> None:
    result = load_pack(tmp_path)
    assert result.pack is None
    assert [str(problem) for problem in result.problems] == [
        f"{tmp_path}:1: no pack.toml in this folder, so it is not a pack "
        "(fix: point at the pack folder, or create one with `derivquest pack new`)"
    ]


@pytest.mark.parametrize(
    ("level_path", "message"),
    [
        ("../outside.toml", "level path '../outside.toml' must stay inside the pack folder"),
        ("/etc/passwd.toml", "level path '/etc/passwd.toml' must stay inside the pack folder"),
        ("levels/01.txt", "level file 'levels/01.txt' is not a .toml file"),
    ],
)
def test_level_paths_stay_inside_the_pack(tmp_path: Path, level_path: str, message: str) -> None:
    (tmp_path / "pack.toml").write_text(
        'format_version = 1\nid = "p"\ntitle = "P"\nauthor = "a"\nversion = "1"\n'
        f'languages = ["en"]\nlevels = ["{level_path}"]\n',
        encoding="utf-8",
    )
    (problem,) = load_pack(tmp_path).problems
    assert (problem.line, problem.key, problem.message) == (7, "levels[0]", message)


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_bytes(b'id = "\xff"\n')
    (problem,) = load_pack(tmp_path).problems
    assert (problem.line, problem.message) == (1, "the file is not UTF-8 text")
