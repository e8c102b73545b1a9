"""One rule for every text box: the cursor blinks in local play and is steady when served."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from derivquest.ui.widgets.answer_input import AnswerBox
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle


@pytest.mark.parametrize("served", [False, True])
async def test_the_answer_box_blinks_only_in_local_play(
    make_game: AppFactory, served: bool
) -> None:
    app = make_game(served=served)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert app.screen.query_one(AnswerBox).cursor_blink is not served


@pytest.mark.parametrize("served", [False, True])
async def test_the_name_box_blinks_only_in_local_play(make_game: AppFactory, served: bool) -> None:
    app = make_game(profile=None, served=served)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#new-profile", Input).cursor_blink is not served
