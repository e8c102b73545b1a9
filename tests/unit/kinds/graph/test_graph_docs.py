"""docs/kinds/graph.md stays true: its example validates, its ops and mistakes are all there."""

from __future__ import annotations

import re
from pathlib import Path

from derivquest.content import validate_pack
from derivquest.content.docgen import sections
from derivquest.engine import JudgeService
from derivquest.kinds.graph.diagnosis import MISTAKES
from derivquest.kinds.graph.model import GraphNode, GraphQuestion
from derivquest.kinds.graph.ops import OP_NAMES
from derivquest.kinds.graph.spec import DOCS

ROOT = Path(__file__).parents[4]
TEXT = (ROOT / DOCS).read_text(encoding="utf-8")

MANIFEST = """format_version = 1
id = "docs"
title = { en = "Docs", bn = "Docs" }
author = "Tests"
version = "1.0.0"
languages = ["en", "bn"]
levels = ["levels/01-neuron.toml"]
"""


def test_complete_example_validates(judge_service: JudgeService, tmp_path: Path) -> None:
    match = re.search(r"<!-- example: levels/01-neuron.toml -->\n```toml\n(.*?)```", TEXT, re.S)
    assert match is not None
    (tmp_path / "levels").mkdir()
    (tmp_path / "levels" / "01-neuron.toml").write_text(match.group(1), encoding="utf-8")
    (tmp_path / "pack.toml").write_text(MANIFEST, encoding="utf-8")
    assert validate_pack(tmp_path, judge_service).problems == ()


def test_the_field_tables_are_generated_with_every_other_kind() -> None:
    models = [model for _, model, _ in sections()]
    assert GraphQuestion in models and GraphNode in models
    authoring = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert '### `kind = "graph"`' in authoring and "(kinds/graph.md)" in authoring


def test_every_op_and_mistake_is_documented() -> None:
    for op in OP_NAMES:
        assert f"`{op}`" in TEXT, op
    for mistake in MISTAKES:
        assert f"| `{mistake}` |" in TEXT, mistake
