"""docs/kinds/graph.md stays true: its example validates, its tables come from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivquest.kinds.graph.diagnosis import MISTAKES
from derivquest.kinds.graph.level_file import validate_graph_level
from derivquest.kinds.graph.model import GraphNode, GraphQuestion
from derivquest.kinds.graph.ops import OP_NAMES
from derivquest.kinds.graph.spec import DOCS, SPEC, field_table

PAGE = Path(__file__).parents[4] / DOCS
TEXT = PAGE.read_text(encoding="utf-8")


def test_complete_example_validates(tmp_path: Path) -> None:
    match = re.search(r"<!-- example: levels/01-neuron.toml -->\n```toml\n(.*?)```", TEXT, re.S)
    assert match is not None
    level = tmp_path / "01-neuron.toml"
    level.write_text(match.group(1), encoding="utf-8")
    assert validate_graph_level(level, "docs", ("en", "bn")) == []


@pytest.mark.parametrize("model", [GraphQuestion, GraphNode])
def test_field_tables_are_generated_from_the_model(model: type[GraphQuestion | GraphNode]) -> None:
    assert f"<!-- fields: {model.__name__} -->\n{field_table(model)}\n" in TEXT


def test_every_op_and_mistake_is_documented() -> None:
    for op in OP_NAMES:
        assert f"`{op}`" in TEXT, op
    for mistake in MISTAKES:
        assert f"| `{mistake}` |" in TEXT, mistake


def test_spec_names_this_kind() -> None:
    assert SPEC.name == "graph" and SPEC.model is GraphQuestion and SPEC.docs == DOCS
