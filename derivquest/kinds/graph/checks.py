"""The validator's checks of a graph question, as Problem rows with file:line positions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from derivquest.content.content_checks import language_problems
from derivquest.content.fields import TextTable, text_strings
from derivquest.content.locator import KeyPath
from derivquest.content.problems import FileLines, Problem
from derivquest.content.templates import ParamValue, format_number, placeholders
from derivquest.content.variants import sample_variants
from derivquest.kinds.graph.compute import BadTemplate, UndefinedNode, compute
from derivquest.kinds.graph.graph import build_shape, shape_issues
from derivquest.kinds.graph.layout import GAP, PITCH_X, PITCH_Y, layout
from derivquest.kinds.graph.model import GraphQuestion

MAX_WIDTH = 78
"""Characters a graph may take across (80 columns less the lab's padding)."""
MAX_HEIGHT = 15
"""Lines a graph may take down: what is left of 24 rows after the prompt, status and keys."""

SAMPLES = 25
"""Variants drawn per randomised graph (as for every other kind)."""

EXHAUSTIVE_UP_TO = 64
"""Graphs with at most this many parameter combinations are checked on all of them."""

UNDEFINED: dict[str, str] = {
    "division-by-zero": "'{node}' divides {number} by zero",
    "log-domain": "'{node}' takes the log of {number}, which is not positive",
    "pow-domain": "'{node}' raises {number} to a power that has no real value",
    "relu-kink": "the input of relu '{node}' is exactly 0, where relu has no derivative",
    "no-real-value": "'{node}' has no real value",
    "too-large": "'{node}' is astronomically large (beyond 1e60)",
}
"""What each reason of `UndefinedNode` means, for authors (English, like every validator row)."""


def graph_problems(
    question: GraphQuestion,
    path: KeyPath,
    source: FileLines,
    languages: Sequence[str],
    full_id: str,
    *,
    samples: int = SAMPLES,
    exhaustive_up_to: int = EXHAUSTIVE_UP_TO,
) -> list[Problem]:
    """Return every problem of the graph question at `path` in `source`, not just the first."""
    problems = _text_problems(question, path, source, languages)
    issues = shape_issues(question)
    problems += [source.problem((*path, *i.path), i.message, i.fix) for i in issues]
    if issues or any(p.message.startswith("unknown placeholder") for p in problems):
        return problems  # the variants cannot be computed; the rows above say why
    return problems + _variant_problems(question, path, source, full_id, samples, exhaustive_up_to)


def _variant_problems(
    question: GraphQuestion,
    path: KeyPath,
    source: FileLines,
    full_id: str,
    samples: int,
    exhaustive_up_to: int,
) -> list[Problem]:
    shape = build_shape(question)
    index = {node.id: i for i, node in enumerate(question.nodes)}
    drawn = layout(shape)
    problems: list[Problem] = []
    if drawn.width > MAX_WIDTH or drawn.height > MAX_HEIGHT:
        problems.append(
            source.problem(
                (*path, "nodes"),
                f"the graph is {drawn.columns} columns × {drawn.slots} rows of nodes; "
                f"at most {(MAX_WIDTH + GAP) // PITCH_X} columns × {(MAX_HEIGHT + 1) // PITCH_Y} "
                "rows fit a 80x24 terminal",
                "split it into two questions, or use sum or mean nodes to make it shallower",
            )
        )
    reported: set[tuple[str, KeyPath]] = set()
    for values in sample_variants(question.params, full_id, samples, exhaustive_up_to):
        try:
            compute(shape, values)
        except UndefinedNode as error:
            where: KeyPath = ("nodes", index[error.node], "inputs")
            message = UNDEFINED[error.reason].format(node=error.node, number=error.number)
            fix = "change the parameters so this cannot happen (e.g. exclude = [...])"
            check = error.reason
        except BadTemplate as error:
            where, message = ("nodes", index[error.node], error.key), error.message
            fix, check = 'write a number, or a template such as "{w}/2"', "template"
        else:
            continue
        if (check, where) not in reported:
            reported.add((check, where))
            problems.append(source.problem((*path, *where), message + _with(values), fix))
    return problems


def _templates(question: GraphQuestion) -> Iterator[tuple[KeyPath, str | TextTable, bool]]:
    """(path, template, is a human text) for every template of a graph question."""
    yield ("prompt",), question.prompt, True
    for i, hint in enumerate(question.hints):
        yield ("hints", i), hint, True
    yield ("solution",), question.solution, True
    for i, node in enumerate(question.nodes):
        if node.hint is not None:
            yield ("nodes", i, "hint"), node.hint, True
        for key in ("value", "exponent"):
            value = getattr(node, key)
            if isinstance(value, str):
                yield ("nodes", i, key), value, False


def _text_problems(
    question: GraphQuestion, path: KeyPath, source: FileLines, languages: Sequence[str]
) -> list[Problem]:
    problems: list[Problem] = []
    used: set[str] = set()
    known = list(question.params)
    for where, template, human in _templates(question):
        if human:
            problems += language_problems(template, (*path, *where), source, languages)
        for language, string in text_strings(template):
            key = (*path, *where) if language is None else (*path, *where, language)
            for name in placeholders(string):
                used.add(name)
                if name not in known:
                    fix = "declare it under params" + (
                        ", or use one of: " + ", ".join(f"{{{n}}}" for n in known) if known else ""
                    )
                    problems.append(source.problem(key, f"unknown placeholder {{{name}}}", fix))
    for name in question.params:
        if name not in used:
            problems.append(
                source.problem(
                    (*path, "params", name),
                    f"parameter {name!r} is never used",
                    f"use {{{name}}} in a node's value or a text, or remove the parameter",
                )
            )
    return problems


def _with(values: dict[str, ParamValue]) -> str:
    if not values:
        return ""
    return " (with " + ", ".join(f"{k} = {format_number(v)}" for k, v in values.items()) + ")"
