"""Graphs for the graph kind's tests: the fixture pack's five examples and small inline ones."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from derivquest.content.loader import PackRead, read_pack
from derivquest.content.templates import ParamValue
from derivquest.kinds.graph.instance import GraphInstance, build_instance
from derivquest.kinds.graph.model import GraphQuestion

PACK = Path(__file__).parents[3] / "fixtures" / "packs" / "backprop-lab"
"""The Backprop Lab's example pack."""

LEVELS = {
    "neuron": "01-neuron.toml",
    "fan-out": "02-fan-out.toml",
    "two-layer": "03-two-layer.toml",
    "micrograd": "04-micrograd.toml",
    "mse-batch": "05-mse-batch.toml",
}


@functools.cache
def _pack() -> PackRead:
    return read_pack(PACK)


def example(level: str) -> GraphQuestion:
    """The question of one example level of the pack (read by the common pack loader)."""
    read = _pack()
    assert not read.problems, read.problems
    file = PACK / "levels" / LEVELS[level]
    found = next(model for model, lines in read.levels if lines.file == file)
    question = found.model.questions[0]
    assert isinstance(question, GraphQuestion)
    return question


def example_instance(level: str, **params: ParamValue) -> GraphInstance:
    """An example graph with these parameter values."""
    return build_instance(example(level), params)


def example_in(language: str, level: str, **params: ParamValue) -> GraphInstance:
    """An example graph with these parameter values, its texts in `language`."""
    return build_instance(example(level), params, language)


def question(nodes: str, extra: str = "") -> GraphQuestion:
    """A graph question from TOML node tables (`[[nodes]]`), with defaults for the texts."""
    text = f'kind = "graph"\nid = "q"\nprompt = "p"\nsolution = "s"\n{extra}\n{nodes}'
    return GraphQuestion.model_validate(tomllib.loads(text))


def nodes_toml(*rows: str) -> str:
    """`[[nodes]]` tables from one-line bodies such as 'id = "x"\\nop = "input"\\nvalue = 2'."""
    return "\n".join(f"[[nodes]]\n{row}\n" for row in rows)
