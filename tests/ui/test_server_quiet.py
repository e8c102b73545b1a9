"""A served game keeps still while nobody types; every game is warm before its first question."""

from __future__ import annotations

from typing import Any, cast

import pytest

from derivquest.content import Catalog
from derivquest.ui import warm
from derivquest.ui.screens.lesson import LessonScreen
from derivquest.ui.widgets.answer_input import AnswerBox
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle


@pytest.mark.parametrize(("served", "blinks"), [(True, False), (False, True)])
async def test_only_a_local_game_blinks_its_cursor(
    make_game: AppFactory, served: bool, blinks: bool
) -> None:
    app = make_game(served=served)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_level(pilot)
        box = app.screen.query_one(AnswerBox)
        assert box.has_focus
        await pilot.press("1", "backspace")  # a key restarts the blink cycle
        await settle(pilot)
        assert box.cursor_blink is blinks
        timer = box._blink_timer
        assert timer is not None and timer._active.is_set() is blinks


async def test_the_warm_ups_finish_before_the_first_lesson_shows(
    make_game: AppFactory, game_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm, "_warm", False)
    seen: list[bool] = []
    app = make_game(catalog=lambda: game_catalog)
    original = app.push_screen

    def push(screen: object, *args: object, **kwargs: object) -> object:
        if isinstance(screen, LessonScreen):  # a new player's first screen
            seen.append(warm.is_warm())
        return cast(Any, original)(screen, *args, **kwargs)

    monkeypatch.setattr(app, "push_screen", push)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
    assert seen and all(seen)
