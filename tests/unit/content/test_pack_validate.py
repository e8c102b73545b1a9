"""The validator over whole packs: clean packs pass, problems are reported once each."""

from __future__ import annotations

from pathlib import Path

from derivquest.content.starter import write_starter
from derivquest.content.validate import validate_pack, validate_packs
from derivquest.engine import JudgeService

MANIFEST = """\
format_version = 1
id = "scratch"
title = "Scratch"
author = "tests"
version = "1"
languages = ["en"]
levels = ["levels/01.toml"]
"""

LEVEL_HEAD = """\
id = "level"
title = "Level"
lesson = "A lesson."

[[questions]]
id = "q"
prompt = "How much is `sqrt({a})`?"
solution = "See."
"""


def write_pack(folder: Path, questions: str) -> Path:
    (folder / "levels").mkdir(parents=True)
    (folder / "pack.toml").write_text(MANIFEST, encoding="utf-8")
    (folder / "levels" / "01.toml").write_text(LEVEL_HEAD + questions, encoding="utf-8")
    return folder


def test_good_pack_is_clean(packs_dir: Path, judge_service: JudgeService) -> None:
    report = validate_pack(packs_dir / "good-pack", judge_service)
    assert report.problems == ()
    assert report.ok
    assert report.pack_id == "good-pack"
    # rules: power 6*3 + chain 4 + 1 + slope 11 + 1; plots: tangent 4 + 3
    assert (report.questions, report.variants) == (9, 42)


def test_starter_pack_is_clean(tmp_path: Path, judge_service: JudgeService) -> None:
    folder = tmp_path / "my-pack"
    write_starter(folder, "my-pack")
    report = validate_pack(folder, judge_service)
    assert report.problems == ()
    assert report.questions == 3


def test_a_failing_variant_is_reported_once_with_its_values(
    tmp_path: Path, judge_service: JudgeService
) -> None:
    folder = write_pack(
        tmp_path / "scratch",
        'kind = "numeric"\nexpected = "sqrt({a})"\nabs_tol = 0.1\n\n'
        "[questions.params]\na = { min = -3, max = 3 }\n",
    )
    (problem,) = validate_pack(folder, judge_service).problems
    assert problem.key == "questions[0].expected"
    assert problem.line == 10
    assert problem.message.startswith("'sqrt((-3))' cannot be read: ")
    assert problem.message.endswith(" (with a = -3)")


def test_every_problem_not_just_the_first(tmp_path: Path, judge_service: JudgeService) -> None:
    folder = write_pack(
        tmp_path / "scratch",
        'kind = "derivative"\nfunction = "x^^{a}"\nfeedback = [{ answer = "(", text = "?" }]\n'
        "\n[questions.params]\na = { min = 2, max = 3 }\nb = { min = 1, max = 2 }\n\n"
        '[[questions]]\nid = "q"\nkind = "choice"\nprompt = "?"\nsolution = "{nope}"\n'
        'options = [{ text = "1", explanation = "." }, { text = "2", explanation = "." }]\n',
    )
    keys = [problem.key for problem in validate_pack(folder, judge_service).problems]
    assert keys == [
        "questions[0].function",
        "questions[0].params.b",
        "questions[1].id",
        "questions[1].solution",
        "questions[1].options",
    ]


def test_one_service_for_several_packs(packs_dir: Path, tmp_path: Path) -> None:
    starter = tmp_path / "starter"
    write_starter(starter, "starter")
    broken = packs_dir / "broken" / "choice-two-correct"
    reports = validate_packs([starter, broken])
    assert [(report.pack_id, report.ok) for report in reports] == [
        ("starter", True),
        ("choice-two-correct", False),
    ]
