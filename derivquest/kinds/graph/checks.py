"""The validator's checks of a graph question that need no engine: its shape, size and templates.

The common validator (`derivquest pack validate`) turns these into rows with file:line; a
variant that makes a node undefined is reported from `instance.build_instance`, whose
`GraphVariantError` points at the node.
"""

from __future__ import annotations

from collections.abc import Iterator

from derivquest.content.checks import StructureProblem, TemplateField
from derivquest.kinds.graph.graph import build_shape, shape_issues
from derivquest.kinds.graph.layout import GAP, PITCH_X, PITCH_Y, layout
from derivquest.kinds.graph.model import GraphQuestion

MAX_WIDTH = 78
"""Characters a graph may take across (80 columns less the lab's padding)."""
MAX_HEIGHT = 15
"""Lines a graph may take down: what is left of 24 rows after the prompt, status and keys."""


def shape_problems(question: GraphQuestion) -> Iterator[StructureProblem]:
    """Cycles, unknown ops and inputs, arity, nodes that do not reach the output, and size."""
    issues = shape_issues(question)
    for issue in issues:
        yield StructureProblem(issue.path, issue.message, issue.fix)
    if issues:
        return
    drawn = layout(build_shape(question))
    if drawn.width > MAX_WIDTH or drawn.height > MAX_HEIGHT:
        yield StructureProblem(
            ("nodes",),
            f"the graph is {drawn.columns} columns × {drawn.slots} rows of nodes; "
            f"at most {(MAX_WIDTH + GAP) // PITCH_X} columns × {(MAX_HEIGHT + 1) // PITCH_Y} "
            "rows fit a 80x24 terminal",
            "split it into two questions, or use sum or mean nodes to make it shallower",
        )


def graph_templates(question: GraphQuestion) -> Iterator[TemplateField]:
    """The node hints (texts) and the given values and exponents (numbers)."""
    for i, node in enumerate(question.nodes):
        if node.hint is not None:
            yield TemplateField(("nodes", i, "hint"), node.hint, "text")
        for key in ("value", "exponent"):
            value = getattr(node, key)
            if isinstance(value, str):
                yield TemplateField(("nodes", i, key), value, "number")
