"""A kind written only in tests/ (tests/kinds/word) joins every part of the game by registering.

This keeps docs/architecture.md's "Add a question kind" honest: nothing outside the kind's
folder was edited, yet the schema, the loader, the validator, the docs and drills know it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.content import load_catalog, validate_pack
from derivquest.content.docgen import field_tables
from derivquest.content.schema import json_schema
from derivquest.engine import JudgeService
from derivquest.game.drill import CatalogDrillSource
from derivquest.kinds.registry import UnknownKind, names, spec_for
from tests.kinds.word.registration import PACK, word_kind


@pytest.fixture
def registered() -> Iterator[None]:
    with word_kind(with_view=False):
        yield


def test_the_pack_loads_validates_and_drills(registered: None, judge_service: JudgeService) -> None:
    assert names()[-1] == "word"
    catalog = load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)
    assert not catalog.broken
    assert [item.question_id for item in CatalogDrillSource(catalog).drill_items()] == [
        "words/words/slope-word"
    ]
    report = validate_pack(PACK, judge_service)
    assert report.problems == () and report.questions == 1


def test_the_docs_and_the_json_schema_describe_it(registered: None) -> None:
    assert '### `kind = "word"`' in field_tables()
    assert "| `word` | Text | yes | the expected word, per language |" in field_tables()
    assert "WordQuestion" in json_schema()["$defs"]


def test_its_structure_problems_reach_the_validator(
    registered: None, tmp_path: Path, judge_service: JudgeService
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    level = folder / "levels" / "01-words.toml"
    level.write_text(
        level.read_text(encoding="utf-8").replace('en = "derivative"', 'en = "two words"'),
        encoding="utf-8",
    )
    problems = validate_pack(folder, judge_service).problems
    assert [(p.key, p.message) for p in problems] == [("questions[0].word", "the word has a space")]


def test_once_removed_it_is_unknown_again() -> None:
    with word_kind(with_view=False):
        assert spec_for("word").name == "word"
    with pytest.raises(UnknownKind):
        spec_for("word")
    catalog = load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)
    assert [problem.message for problem in catalog.broken[0].problems] == ["unknown kind 'word'"]
