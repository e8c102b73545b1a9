"""A served game's start turn: given back once the lesson is drawn, taken again on Enter
before the first question is built, then given back and closed once it is drawn."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from derivquest.ui import start_turn
from derivquest.ui.app import DerivQuestApp
from derivquest.ui.screens.lesson import LessonScreen
from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle


class RecordedTurn:
    """A turn that records what the game did with it, and what was on screen then."""

    def __init__(self, app: DerivQuestApp) -> None:
        self.events: list[tuple[str, str]] = []
        self.app = app
        self.grant = asyncio.Event()
        self.grant.set()

    def _seen(self, what: str) -> None:
        self.events.append((what, type(self.app.screen).__name__))

    def give_back(self) -> None:
        self._seen("give_back")

    async def take_again(self) -> None:
        self._seen("take_again")
        await self.grant.wait()
        self._seen("granted")

    def close(self) -> None:
        self._seen("close")


@pytest.fixture
def uninstall() -> Iterator[None]:
    yield
    start_turn.install(None)


def game_with_turn(make_game: AppFactory) -> tuple[DerivQuestApp, RecordedTurn]:
    """A game whose process has a (recorded) start turn, as a forked served game has."""
    app = make_game()
    turn = RecordedTurn(app)
    start_turn.install(turn)
    return app, turn


async def enter_while_the_class_is_busy(pilot: Pilot[None], turn: RecordedTurn) -> None:
    """Enter on the lesson while no turn is free: the question waits for one."""
    turn.grant.clear()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def test_a_new_players_turns_follow_the_lesson_then_the_first_question(
    make_game: AppFactory, uninstall: None
) -> None:
    app, turn = game_with_turn(make_game)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert turn.events == [("give_back", "LessonScreen")]  # the lesson is drawn
        await enter_while_the_class_is_busy(pilot, turn)
        assert isinstance(app.screen, LessonScreen)  # the lesson stays until the turn
        assert turn.events[-1] == ("take_again", "LessonScreen")
        turn.grant.set()
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert turn.events[1:] == [
            ("take_again", "LessonScreen"),
            ("granted", "LessonScreen"),
            ("give_back", "QuestionScreen"),
            ("close", "QuestionScreen"),
        ]
        assert start_turn.installed() is None  # started: no more turns


async def test_a_returning_player_gives_the_turn_back_at_the_question(
    make_game: AppFactory, uninstall: None
) -> None:
    first = make_game()
    async with first.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await first.action_quit()
    app, turn = game_with_turn(make_game)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert ("take_again", "LessonScreen") not in turn.events
        assert turn.events[-1] == ("close", "QuestionScreen")
        assert all(screen == "QuestionScreen" for _, screen in turn.events)


class BrokenTurn:
    def give_back(self) -> None:
        raise OSError("channel gone")

    async def take_again(self) -> None:
        raise OSError("channel gone")

    def close(self) -> None:
        raise OSError("channel gone")


async def test_a_broken_turn_never_stops_the_game(make_game: AppFactory, uninstall: None) -> None:
    start_turn.install(BrokenTurn())
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
    assert start_turn.installed() is None


async def test_without_a_turn_nothing_waits(make_game: AppFactory) -> None:
    start_turn.install(None)
    await start_turn.before_question()
    start_turn.drawn()
    start_turn.question_drawn()
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)


async def test_esc_while_waiting_for_the_turn_goes_to_the_map_and_stays(
    make_game: AppFactory, uninstall: None
) -> None:
    from derivquest.ui.screens.course_map import CourseMapScreen

    app, turn = game_with_turn(make_game)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await enter_while_the_class_is_busy(pilot, turn)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CourseMapScreen)
        turn.grant.set()  # the turn comes after the student left the lesson
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
