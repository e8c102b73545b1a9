"""The lesson screen scrolls with the keyboard, reopens from a question, and speaks Bengali."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from textual.containers import VerticalScroll

from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.lesson import LessonScreen
from derivquest.ui.screens.question import QuestionScreen
from derivquest.ui.widgets.answer_input import AnswerInput
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle, shown

LEVELS = Path(__file__).parents[2] / "levels" / "calculus-for-ml" / "levels"


def course_lesson(stem: str, language: str = "en") -> str:
    data = tomllib.loads((LEVELS / f"{stem}.toml").read_text(encoding="utf-8"))
    return str(data["lesson"][language])


def footer_keys(screen: object) -> dict[str, str]:
    """Key -> description of every binding the footer lists on the current screen."""
    assert isinstance(screen, (LessonScreen, QuestionScreen, CourseMapScreen))
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show
    }


async def test_a_long_lesson_scrolls_with_the_keyboard(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(LessonScreen("Tangent", course_lesson("14-tangent-visualizer")))
        await settle(pilot)
        view = app.screen.query_one(VerticalScroll)
        assert view.has_focus and view.max_scroll_y > 0
        bottom = view.max_scroll_y
        steps: list[tuple[str, Callable[[int], bool]]] = [
            ("down", lambda y: y == 1),
            ("pagedown", lambda y: y > 1),
            ("end", lambda y: y == bottom),
            ("up", lambda y: y == bottom - 1),
            ("pageup", lambda y: y < bottom - 1),
            ("home", lambda y: y == 0),
        ]
        for key, expected in steps:
            await pilot.press(key)
            await settle(pilot)
            assert expected(round(view.scroll_y)), (key, view.scroll_y)


async def test_ctrl_l_reopens_the_lesson_and_returns_to_the_same_draft(
    make_game: AppFactory,
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        question = app.screen
        assert isinstance(question, QuestionScreen)
        await pilot.press(*"15(3x+2")
        await settle(pilot)
        for leave in ("enter", "escape"):
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, LessonScreen) and app.screen.reopened
            assert footer_keys(app.screen)["enter"] == "back to the question"
            assert "escape" not in footer_keys(app.screen)
            await pilot.press(leave)
            await settle(pilot)
            shown: object = app.screen
            assert shown is question
            answer = question.query_one(AnswerInput)
            assert answer.value == "15(3x+2" and answer.has_focus_within
            assert question.run.index == 0
        await pilot.press(*")^4", "enter")  # still answers the same question
        await settle(pilot)
        assert question.run.play.finished


async def test_footer_keys_and_titles_follow_the_language(make_game: AppFactory) -> None:
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)  # a new player: the first lesson, greeted
        assert footer_keys(app.screen)["enter"] == "প্রশ্ন শুরু"
        assert shown(app, "#lesson-welcome").startswith(f"স্বাগতম, {PLAYER}!")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        keys = footer_keys(app.screen)
        assert keys["h"] == "ইতিহাস" and keys["ctrl+q"] == "বন্ধ" and keys["f1"] == "সাহায্য"
        assert "কোর্সের map" in str(app.screen.query_one(".screen-title").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert footer_keys(app.screen)["enter"] == "প্রশ্ন শুরু"
        await pilot.press("enter")
        await settle(pilot)
        keys = footer_keys(app.screen)
        assert keys["ctrl+l"] == "পাঠ" and keys["ctrl+g"] == "হাল ছাড়ুন"


async def test_english_footer_keys(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        keys = footer_keys(app.screen)
        assert keys["ctrl+l"] == "lesson" and keys["ctrl+g"] == "give up"


async def test_switching_language_translates_the_keys(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert footer_keys(app.screen)["ctrl+q"] == "quit"
        app.action_language("bn")
        await settle(pilot)
        keys = footer_keys(app.screen)
        assert keys["ctrl+q"] == "বন্ধ" and keys["h"] == "ইতিহাস"


async def test_keys_of_a_widget_mounted_later_are_translated(make_game: AppFactory) -> None:
    """A plot question mounts its chart after the screen shows: its keys are Bengali too."""
    from derivquest.charts.tangent import TangentView
    from derivquest.ui.widgets.tangent_chart import TangentChart

    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chart = TangentChart(TangentView("x^2"))
        await app.screen.mount(chart)
        chart.focus()
        await settle(pilot)
        assert footer_keys(app.screen)["left"] == "x0 বাঁয়ে"
