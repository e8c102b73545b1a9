"""A returning player goes straight back to the question: no map is built under it."""

from __future__ import annotations

import pytest

from derivquest.game.session import MAP_SLOT, PLAY_SLOT
from derivquest.progress import ProgressStore
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle


async def _leave_at_a_question(make_game: AppFactory) -> str:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*"12")  # something typed: the place keeps it
        await settle(pilot)
        left_at = app.screen.run.play.ref.full_id
        await app.action_quit()
    return left_at


async def test_a_returning_player_is_at_the_question_with_no_map_under_it(
    make_game: AppFactory, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    left_at = await _leave_at_a_question(make_game)
    maps: list[CourseMapScreen] = []
    compose = CourseMapScreen.compose

    def counted(screen: CourseMapScreen) -> object:
        maps.append(screen)
        return compose(screen)

    monkeypatch.setattr(CourseMapScreen, "compose", counted)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.run.play.ref.full_id == left_at
        assert app.screen.run.play.typed == "12"
        assert maps == []  # nothing built that the player does not see
        profile = store.profile_named(PLAYER)
        assert profile is not None
        assert store.resume_point(profile.id, MAP_SLOT) is None  # still at the question
        assert store.resume_point(profile.id, PLAY_SLOT) is not None
        await pilot.press("escape")  # back to the map: built now, and current
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert len(maps) == 1
        assert store.resume_point(profile.id, MAP_SLOT) is not None
