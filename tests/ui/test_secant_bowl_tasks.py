"""The secant and bowl charts' tasks played with keys: a wrong and a right submission each,
what the chart shows is what the grader says, and the free charts from the map."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from textual_plotext import PlotextPlot

from derivquest.charts.bowl import BOWL_RATES
from derivquest.content import Catalog, load_catalog
from derivquest.progress import ProgressStore
from derivquest.ui.app import DerivQuestApp
from derivquest.ui.widgets.bowl_chart import BowlChart
from derivquest.ui.widgets.secant_chart import SecantChart
from tests.ui.conftest import FIXTURES, PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle, shown, to_map

CHART_TASKS = FIXTURES / "chart-tasks"
"""Two levels: the secant task (x^3 at a = 1, within 0.1) and the bowl task (5·w1² + 0.5·w2²)."""


def chart_tasks() -> Catalog:
    return load_catalog(extra=[CHART_TASKS], builtin=False, user=False, entry_points=False)


def status(app: DerivQuestApp) -> str:
    return shown(app, "ChartPanel > .status")


def solved(store: ProgressStore, question: str) -> tuple[bool, int]:
    profile = store.profile_named(PLAYER)
    assert profile is not None
    progress = store.question_progress(profile.id, f"chart-tasks/{question}")
    assert progress is not None
    return progress.solved, progress.attempts


async def open_bowl_level(pilot: Pilot[Any]) -> None:
    await to_map(pilot)
    await pilot.press("down", "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_secant_task_wrong_then_right(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game(catalog=chart_tasks())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        chart = app.screen.query_one(SecantChart)
        await pilot.press("down", "down")  # h = 0.25
        await settle(pilot)
        assert "secant slope (f(a+h) - f(a))/h = 3.8125   tangent f'(a) = 3   gap 0.812" in status(
            app
        )
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict") == (
            "h = 0.25: the secant's slope 3.8125 is 0.812 away from f'(1) = 3 (allowed: 0.1). "
            "Make h smaller."
        )
        await pilot.press("left", "right")  # a is the author's: the keys do nothing here
        await pilot.press("down", "down", "down")  # h = 1/32
        await settle(pilot)
        assert chart.view.a == 1 and chart.view.h == 0.03125
        assert "= 3.09473" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict") == (
            "Correct! h = 0.03125: the secant's slope 3.09473 is within 0.1 of f'(1) = 3."
        )
    assert solved(store, "secant/close-in") == (True, 2)


async def test_the_secant_task_from_the_left_in_bengali(make_game: AppFactory) -> None:
    app = make_game(catalog=chart_tasks(), language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("minus", *["down"] * 5)  # h = -1/32
        await settle(pilot)
        assert "secant-এর slope (f(a+h) - f(a))/h = 2.90723" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        verdict = shown(app, "#verdict")
        assert "h = -0.03125: secant-এর slope 2.90723, যা f'(1) = 3-এর 0.1-এর মধ্যে।" in verdict


async def test_the_bowl_task_too_slow_diverging_then_right(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game(catalog=chart_tasks())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_bowl_level(pilot)
        chart = app.screen.query_one(BowlChart)
        assert chart.view.learning_rate == BOWL_RATES[0]
        await pilot.press("left", "[")  # the start is the author's: these keys do nothing
        assert chart.view.start == (1, 4)
        await pilot.press(*["up"] * 11)  # 0.001 -> 0.25
        await pilot.press("r")
        await settle(pilot)
        assert chart.view.learning_rate == 0.25
        assert "DIVERGES along w1: |1 - 2·lr·5| = 1.5 > 1 (keep lr < 0.2)" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict").startswith("lr = 0.25 diverges along w1")
        await pilot.press(*["down"] * 6)  # 0.25 -> 0.05
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict").startswith("lr = 0.05 is too slow: after 40 steps")
        await pilot.press("up", "up", "up", "up", "r", "r", "r", "r")  # 0.15, 40 steps
        await settle(pilot)
        assert "converged to the minimum in 27 steps" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict").startswith(
            "Correct! lr = 0.15: w reached the minimum in 27 steps"
        )
    assert solved(store, "bowl/pick-rate") == (True, 3)


async def test_the_free_bowl_chart_draws_a_runaway_without_crashing(
    make_game: AppFactory,
) -> None:
    """Regression: a labelled series with every point past the window's edge made plotext
    raise IndexError while rendering the legend, which ended the game."""
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_chart("bowl")
        await settle(pilot)
        await pilot.press(*["up"] * 20, "r", "r")
        await settle(pilot)
        chart = app.screen.query_one(BowlChart)
        assert chart.view.learning_rate == BOWL_RATES[-1] and chart.view.diverged
        assert "DIVERGES along w1" in status(app)
        await pilot.press("right", "]")  # the free chart's start moves
        await settle(pilot)
        assert chart.view.start == (1.5, 4.5) and chart.view.steps == 0
        assert "←" in status(app)  # the start keys are named, as the footer has no room


async def test_the_free_secant_chart_moves_a_and_takes_a_typed_function(
    make_game: AppFactory,
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_chart("secant")
        await settle(pilot)
        assert "Secant to tangent" in str(app.screen.query_one(".screen-title", Static).render())
        await pilot.press("right", "down")  # a = 1.5, h = 0.5
        await settle(pilot)
        assert status(app).startswith("a = 1.5   h = 0.5")
        await pilot.press("tab")
        await settle(pilot)
        function = app.screen.query_one("#function")
        function.value = "x^2"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert "tangent f'(a) = 2" in status(app)  # a new chart for x^2, at a = 1


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def legend_markers(app: DerivQuestApp, labels: list[str]) -> list[str]:
    """The two marker cells plotext draws before each legend label, colours removed."""
    text = ANSI.sub("", app.screen.query_one(PlotextPlot).plt.build())
    markers = []
    for label in labels:
        line = next(line for line in text.splitlines() if f" {label}" in line)
        start = line.index(f" {label}")
        markers.append(line[start - 2 : start])
    return markers


@pytest.mark.parametrize(
    ("chart", "labels"),
    [
        ("secant", ["f(x) = x^3", "tangent at a = 1", "secant, h = 1", "(a, f(a))"]),
        ("bowl", ["contours of L", "path", "w now", "minimum"]),
    ],
)
async def test_series_differ_by_marker_not_only_colour(
    chart: str, labels: list[str], make_game: AppFactory
) -> None:
    """With NO_COLOR or 16 colours the legend must still tell the series apart."""
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)
        markers = legend_markers(app, labels)
    assert len(set(markers)) == len(labels), markers
    assert all(marker.strip() for marker in markers), markers
