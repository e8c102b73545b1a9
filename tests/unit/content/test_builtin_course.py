"""The built-in course: validates clean, covers the lesson in order, and speaks Bengali."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from derivquest.charts.registry import chart_ids
from derivquest.content import Catalog, load_catalog, validate_pack
from derivquest.engine import JudgeService
from derivquest.kinds.plot.spec import PlotQuestion
from derivquest.kinds.registry import names as kind_names
from derivquest.paths import builtin_levels_dir

COURSE = builtin_levels_dir() / "calculus-for-ml"

LEVEL_ORDER = [
    "rate-of-change",
    "limit-definition",
    "basic-rules",
    "combination-rules",
    "chain-rule",
    "higher-order",
    "ml-derivatives",
    "numerical-derivatives",
    "gradient-descent-backprop",
    "common-mistakes",
    "practice",
    "assignment",
    "interview",
    "tangent-visualizer",
    "backprop-lab",
]
"""The lesson's parts in the order the issue lists them."""


def _builtin() -> Catalog:
    return load_catalog(user=False, entry_points=False)


def test_the_validator_finds_nothing_wrong(judge_service: JudgeService) -> None:
    report = validate_pack(COURSE, judge_service)
    assert [f"{p.file}:{p.line}: {p.key}: {p.message}" for p in report.problems] == []
    assert report.ok


def test_levels_follow_the_lesson_in_order() -> None:
    pack = _builtin().pack("calculus-for-ml")
    assert pack is not None
    assert [level.id for level in pack.levels] == LEVEL_ORDER


def test_at_least_sixty_questions_most_of_them_randomised() -> None:
    refs = [ref for ref in _builtin().questions() if ref.pack.id == "calculus-for-ml"]
    randomised = [ref for ref in refs if ref.question.params]
    assert len(refs) >= 60
    assert len(randomised) > len(refs) / 2


def test_every_kind_of_question_and_chart_is_used() -> None:
    refs = list(_builtin().questions())
    kinds = {ref.question.kind_name for ref in refs}
    charts = {ref.question.chart for ref in refs if isinstance(ref.question, PlotQuestion)}
    assert kinds == set(kind_names())
    assert charts == set(chart_ids())


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Yield every per-language text table inside a dumped model."""
    if isinstance(value, dict):
        if "en" in value and all(isinstance(v, str) for v in value.values()):
            yield path, value
            return
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def test_every_text_of_every_question_has_bengali() -> None:
    pack = _builtin().pack("calculus-for-ml")
    assert pack is not None
    missing = []
    checked = 0
    for level in pack.levels:
        for path, table in _texts(level.model.model_dump(), level.id):
            checked += 1
            if not table.get("bn", "").strip():
                missing.append(path)
    assert missing == []
    assert checked > 500  # lessons, prompts, hints, solutions, options, explanations
