"""The answer box is restyled once per focus change, and never for a key typed or its blur's
validation (it has no validators)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import Input

from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle


async def test_the_answer_box_is_restyled_once_per_focus_change(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
        box = app.screen.query_one("#answer", Input)
        assert box.has_focus
        styled: list[DOMNode] = []
        apply = Stylesheet.apply

        def counted(stylesheet: Stylesheet, node: DOMNode, **options: Any) -> None:
            styled.append(node)
            apply(stylesheet, node, **options)

        monkeypatch.setattr(Stylesheet, "apply", counted)
        # Textual's validation of a box without validators only added a `-valid` class no
        # rule reads, restyling the box at the first key (and at the first blur).
        await pilot.press("1")
        await settle(pilot)
        assert box.value == "1" and styled.count(box) == 0, styled
        app.screen.set_focus(None)
        await settle(pilot)
        assert not box.has_focus and styled.count(box) == 1, styled
        styled.clear()
        box.focus()
        await settle(pilot)
        # With `RadioSet:focus-within` in the same rule as `Input:focus`, Textual restyled
        # the box (and its children) a second time for each change.
        assert box.has_focus and styled.count(box) == 1, styled
