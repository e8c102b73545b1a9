"""The charts' f(x) box: hostile functions are prepared off the UI thread and never freeze it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from rich.text import Text
from textual.widgets import Input, Static

from derivquest.charts.gradient_check import GradientCheckView
from derivquest.charts.tangent import TangentView
from derivquest.engine import JudgeService
from derivquest.engine.functions import ChartCurves
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel
from derivquest.ui.widgets.gradient_check_chart import GradientCheckChart
from derivquest.ui.widgets.tangent_chart import TangentChart
from tests.ui.conftest import AppFactory
from tests.ui.helpers import settle


def status(panel: ChartPanel) -> str:
    content = panel.query_one(".status", Static).render()
    return content.plain if isinstance(content, Text) else str(content)


async def type_function(pilot: object, app: object, text: str) -> None:
    box = app.screen.query_one("#function", Input)  # type: ignore[attr-defined]
    box.value = text
    box.focus()
    await pilot.press("enter")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("chart", "text"),
    [
        ("tangent", "2^2^2^2^2^x"),
        ("tangent", "x^x^x^x^x^x"),
        ("gradient-check", "e^e^e^e^e^x"),
        ("tangent", "(x+1)^1000 + (x+2)^1000"),
    ],
)
async def test_a_hostile_function_is_drawn_and_every_key_answers(
    make_game: AppFactory, chart: str, text: str
) -> None:
    app = make_game()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)
        await type_function(pilot, app, text)
        await settle(pilot)
        panel = app.screen.query_one(ChartPanel)
        assert panel.view.function == text  # type: ignore[attr-defined]
        assert panel.notice is None
        panel.focus()
        started = time.process_time()
        for key in ("left", "right", "left", "right", "down", "up"):
            await pilot.press(key)
        # Each key redraws with the bounded programs: far under a second of CPU for all six.
        assert time.process_time() - started < 3.0
        assert app.return_code is None  # still running


async def test_an_unreadable_function_keeps_the_chart_and_says_why(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_chart("tangent")
        await settle(pilot)
        before = app.screen.query_one(TangentChart)
        await type_function(pilot, app, "x^2 +* 3")
        await settle(pilot)
        problem = app.screen.query_one("#function-error", Static).render()
        assert "unexpected" in str(problem)
        assert app.screen.query_one(TangentChart) is before


SLOW = "+".join(f"e^sin({k}x)" for k in range(1, 36))
"""A readable function that takes the checker most of a second to prepare."""


@pytest.fixture
def slow_judge() -> Iterator[JudgeService]:
    """A checker with a 10 ms deadline: SLOW always overruns it, on any machine."""
    with JudgeService(deadline=0.01) as judge:
        judge.start()
        yield judge


def _rebuild(text: str, curves: ChartCurves) -> ChartPanel:
    return GradientCheckChart(GradientCheckView(text, curves=curves))


async def test_an_overrun_is_a_message_in_the_chart(
    make_game: AppFactory, slow_judge: JudgeService
) -> None:
    app = make_game()
    app.judge = slow_judge
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        chart = GradientCheckChart(GradientCheckView(SLOW))
        app.push_screen(ChartScreen("slow", chart, function=SLOW, rebuild=_rebuild))
        await settle(pilot)
        panel = app.screen.query_one(GradientCheckChart)
        assert status(panel) == "That function takes too long to draw; try a simpler one."
        await type_function(pilot, app, SLOW)
        await settle(pilot)
        problem = app.screen.query_one("#function-error", Static).render()
        assert "takes too long to draw" in str(problem)
        assert app.return_code is None


async def test_the_message_is_in_bengali_for_a_bengali_player(
    make_game: AppFactory, slow_judge: JudgeService
) -> None:
    app = make_game(language="bn")
    app.judge = slow_judge
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ChartScreen("slow", TangentChart(TangentView(SLOW))))
        await settle(pilot)
        assert "সময় লাগছে" in status(app.screen.query_one(TangentChart))
