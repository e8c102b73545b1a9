"""The start screen: typing always types a name; the list's keys need the list's focus."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from derivquest.progress import ProgressStore
from derivquest.progress.names import normalized
from derivquest.ui.screens.lesson import LessonScreen
from derivquest.ui.screens.start import StartScreen
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import settle, shown


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
        assert isinstance(app.screen, LessonScreen)  # a new player: the first lesson
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
        assert isinstance(app.screen, LessonScreen)  # Tester has not answered anything yet
        tester = store.profile_named(PLAYER)
        assert app.session is not None and tester is not None
        assert app.session.profile_id == tester.id


@pytest.mark.parametrize(
    "name",
    ["José O'Brien", "Anne-Marie", "D. Rao", "অমিত", "अमित", "李小龙", "  Jose\u0301 Ruiz "],
)
async def test_real_names_in_any_script_make_a_player(
    make_game: AppFactory, store: ProgressStore, name: str
) -> None:
    """The store's rule: typed names are composed (NFC) and stripped, then kept as typed."""
    app = make_game(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#new-profile", Input).value = name
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)  # greeted by the name as kept
        assert f"Welcome, {normalized(name)}!" in shown(app, "#lesson-welcome")
        profile = store.profile_named(normalized(name))
        assert profile is not None and profile.name == normalized(name)
        assert app.session is not None and app.session.profile_id == profile.id


@pytest.mark.parametrize(
    ("name", "language", "message"),
    [
        ("ana/b", "en", "A name cannot contain /"),
        ("ana\u202eb", "en", "A name cannot contain U+202E"),  # bidi override, named
        ("ana\u200bb", "bn", "নামে U+200B থাকতে পারে না"),  # zero-width space
        ("x" * 41, "bn", "নামে 1 থেকে 40টি অক্ষর"),
        ("-ana", "en", "starts with a letter or a digit, not -"),
        ("ana  b", "bn", "একটা করে space"),
        ("a" + "\u0301" * 6, "en", "At most 4 accents"),
    ],
)
async def test_a_refused_name_says_why_and_makes_nobody(
    make_game: AppFactory, store: ProgressStore, name: str, language: str, message: str
) -> None:
    app = make_game(profile=None, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#new-profile", Input).value = name
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert message in shown(app, "#start-message")
        assert [profile.name for profile in store.profiles()] == [PLAYER]
