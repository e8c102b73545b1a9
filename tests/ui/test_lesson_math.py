"""Lessons show a formula pretty-printed under its paragraph only where 2-D layout helps."""

from __future__ import annotations

import pytest

from derivquest.ui.screens.lesson import lesson_markdown, pretty_block


@pytest.mark.parametrize(
    ("formula", "picture"),
    [
        ("(3x+2)^5", "         5\n(3⋅x + 2) "),
        ("1/(1+e^(-x))", "   1   \n───────\n     -x\n1 + ℯ  "),
        ("(w*x - y)^2", "         2\n(w⋅x - y) "),
        ("2x + 1", None),  # one line already: nothing to add
        ("x^3", None),  # short: reads well inline
        ("d/dx f(x)", None),  # notation, not an expression
        ("f'(x) = 2x", None),
        ("sin(x))", None),  # unreadable: left as written
    ],
)
def test_pretty_block(formula: str, picture: str | None) -> None:
    assert pretty_block(formula) == picture


def test_pictures_follow_their_paragraph() -> None:
    text = "Differentiate `(3x+2)^5`.\nThen `2x`.\n\nNext paragraph."
    assert lesson_markdown(text) == (
        "Differentiate `(3x+2)^5`. Then `2x`.\n\n"
        "```\n         5\n(3⋅x + 2) \n```\n\n"
        "Next paragraph."
    )


def test_paragraphs_reflow_and_bullets_stay_items() -> None:
    text = "One long line\nwrapped by the author.\n• first point\ncontinued\n- second"
    assert lesson_markdown(text) == (
        "One long line wrapped by the author.\n- first point continued\n- second"
    )


def test_a_formula_is_pictured_once_per_lesson() -> None:
    text = "`(3x+2)^5` here.\n\nAnd `(3x+2)^5` again."
    assert lesson_markdown(text).count("(3⋅x + 2)") == 1
