"""The pack model of a `graph` question: its nodes as data (unknown keys are errors)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from derivquest.content.fields import Model, NumberOrTemplate, PositiveFloat, Text, rule_error
from derivquest.content.schema import QuestionBase
from derivquest.kinds.graph.ops import LEAVES, OP_NAMES

NODE_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9]*$"
"""Node ids: a letter, then letters and digits. Letters-only ids can be typed in answers."""

NodeId = Annotated[str, Field(pattern=NODE_ID_PATTERN, max_length=8)]

Entry = Literal["value", "grad"]
"""What a learner fills in at a node: its forward value or its gradient ∂L/∂node."""

DEFAULT_ABS_TOL = 0.005
"""An entry within this of the exact number is right (learners round to 2-3 decimals)."""
DEFAULT_REL_TOL = 0.01
"""... or within this fraction of it."""


class GraphNode(Model):
    """One node: an input or parameter with a given value, or an operation on other nodes."""

    id: NodeId = Field(description="unique in the graph; letters-only ids may be typed in answers")
    op: str = Field(
        description="input, param, or an operation: " + ", ".join(OP_NAMES[2:]),
        json_schema_extra={"enum": list(OP_NAMES)},
    )
    inputs: list[NodeId] = Field(
        default=[], description="the nodes this one reads, in order (these are the edges)"
    )
    value: NumberOrTemplate | None = Field(
        default=None, description='input and param: the given value, e.g. 2 or "{w}"'
    )
    exponent: NumberOrTemplate | None = Field(
        default=None, description="pow only: the exponent, a number or template"
    )
    ask: list[Entry] = Field(
        default=[], description='what the learner fills in here: "value", "grad" or both'
    )
    hint: Text | None = Field(default=None, description="a hint for this node (template)")

    @model_validator(mode="after")
    def _check_shape(self) -> GraphNode:
        leaf = self.op in LEAVES
        if leaf and self.value is None:
            raise rule_error(f"{self.op} node '{self.id}' has no value", "add value = ...")
        if not leaf and self.value is not None and self.op in OP_NAMES:
            raise rule_error(
                f"'{self.id}' is an operation: its value is computed",
                "remove value, or make it an input or param",
            )
        if leaf and self.inputs:
            raise rule_error(f"{self.op} node '{self.id}' cannot have inputs", "remove inputs")
        if leaf and "value" in self.ask:
            raise rule_error(
                f"the value of {self.op} node '{self.id}' is given, so it cannot be asked",
                'ask only "grad" here',
            )
        if (self.op == "pow") != (self.exponent is not None):
            raise rule_error(
                "exponent belongs to pow nodes, and every pow node needs one",
                "add exponent to the pow node, or remove it from this one",
            )
        if len(set(self.ask)) != len(self.ask):
            raise rule_error("ask lists an entry twice", "list each entry once")
        return self


class GraphQuestion(QuestionBase):
    """Fill in a computational graph's values forward and its gradients backward."""

    kind: Literal["graph"] = Field(description="picks this table")
    nodes: list[GraphNode] = Field(
        min_length=2, max_length=24, description="the graph's nodes, in any order"
    )
    output: NodeId | None = Field(
        default=None, description="the loss node whose gradient is 1; default: the only sink"
    )
    check: NodeId | None = Field(
        default=None,
        description="the param whose gradient is checked numerically at the end; "
        "default: the first param",
    )
    abs_tol: PositiveFloat = Field(default=DEFAULT_ABS_TOL, description="allowed absolute error")
    rel_tol: PositiveFloat = Field(default=DEFAULT_REL_TOL, description="allowed relative error")
