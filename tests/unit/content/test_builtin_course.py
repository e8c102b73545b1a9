"""The built-in course: validates clean, covers the lesson in order, and speaks Bengali."""

from __future__ import annotations

import re
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
    "reading-graphs",
    "ml-derivatives",
    "numerical-derivatives",
    "gradient-descent-backprop",
    "partial-derivatives",
    "neuron-by-hand",
    "backprop-lab",
    "losses",
    "vanishing-exploding",
    "common-mistakes",
    "practice",
    "assignment",
    "interview",
    "tangent-visualizer",
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


BENGALI_LETTER = re.compile(r"[\u0980-\u09FF]")
MATH_OR_PLACEHOLDER = re.compile(r"`[^`]*`|\{[a-z0-9_]+\}")

GLOSSARY_NEVER = [
    ("differentiate করুন", "derivative নিন"),
    ("Outer:", "বাইরের:"),
    ("Inner:", "ভেতরের:"),
    ("inner derivative", "ভেতরের derivative"),
    ("Inner derivative", "ভেতরের derivative"),
    ("উপরেরটা", "লব"),
    ("নিচেরটা", "হর"),
    ("কাটাকাটি যায়", "কাটাকাটি হয়ে যায়"),
    ("ফেটে যায়", "অসীমের দিকে ছোটে"),
    ("মসৃণ", "smooth"),
    ("সিঁড়ি", "ধাপ (step) function"),
    ("ছবিতে দেখুন", "a sentence about the shape"),
]
"""Forms docs/glossary.md rules out in Bengali texts, with what to write instead."""

FACTOR_NOUN = re.compile(r"\b[Ff]actor\b(?! কর)")
"""'factor' as a noun in Bengali text: the glossary says গুণক ('factor করা', to factorise, stays)."""


def _bengali_texts() -> Iterator[tuple[str, str]]:
    pack = _builtin().pack("calculus-for-ml")
    assert pack is not None
    for level in pack.levels:
        for path, table in _texts(level.model.model_dump(), level.id):
            yield path, table.get("bn", "")


def test_every_bengali_text_has_bengali_words_outside_math() -> None:
    untranslated = []
    for path, bn in _bengali_texts():
        prose = MATH_OR_PLACEHOLDER.sub("", bn)
        if re.search(r"[A-Za-z]{3,}", prose) and not BENGALI_LETTER.search(prose):
            untranslated.append(f"{path}: {bn[:60]!r}")
    assert untranslated == []


def test_bengali_texts_keep_to_the_glossary() -> None:
    drift = []
    for path, bn in _bengali_texts():
        drift += [f"{path}: {bad!r} (write {good!r})" for bad, good in GLOSSARY_NEVER if bad in bn]
        drift += [f"{path}: 'factor' (write 'গুণক')" for _ in FACTOR_NOUN.finditer(bn)]
    assert drift == []


# The issue 13 targets: `pack list --stats`, tested in tests/unit/content/test_course_stats.py.
