"""The start screen: typing always types a name; the list's keys need the list's focus."""

from __future__ import annotations

import pytest

from derivquest.progress import ProgressStore
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.start import StartScreen
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import settle


@pytest.mark.parametrize(
    "name",
    [
        "chloe",  # starts with c: once "continue as the last player"
        "hasan",  # starts with h: once "drill history"
        "dora",  # d, r, s, t, g, k, a: the map's keys
    ],
)
async def test_typing_on_the_start_screen_types_a_new_name(
    make_game: AppFactory, store: ProgressStore, name: str
) -> None:
    store.create_profile("Other")
    app = make_game(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await pilot.press(*name, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert app.session is not None
        profile = store.profile_named(name)
        assert profile is not None and app.session.profile_id == profile.id


async def test_tab_to_the_list_then_c_continues_as_the_last_player(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab")  # the list is before the name box
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        tester = store.profile_named(PLAYER)
        assert app.session is not None and tester is not None
        assert app.session.profile_id == tester.id
