"""Pictures of the secant and bowl charts at 80x24: each docstring says what must show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from derivquest.ui.app import DerivQuestApp
from tests.ui.conftest import AppFactory
from tests.ui.helpers import settle, to_map

SnapCompare = Callable[..., bool]


def _chart(app: DerivQuestApp, chart: str, keys: tuple[str, ...]) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_secant_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """f(x) = x^3 at a = 1 after two presses of Down (h = 0.25): the cubic, the dotted
    tangent (slope 3), the secant in + through (1, 1) and (1.25, 1.953), both points marked;
    the legend names the four series; the status reads quotient 3.8125, f'(a) = 3, gap 0.812;
    the footer's chart keys fit 80 columns."""
    app = make_game()
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_chart(app, "secant", ("down",) * 2)
    )


def test_bowl_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """L = 5·w1² + 0.5·w2² from (1, 4) with lr raised to 0.15 and 20 steps run: four dotted
    elliptic contours, the path in o zig-zagging across w1 while it creeps down w2, the
    minimum marked +; the status shows the factors -0.5 and 0.85 and the zig-zag line."""
    app = make_game()
    keys = ("up",) * 7 + ("r", "r")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_chart(app, "bowl", keys))


def test_bowl_chart_diverging_in_bengali(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The same bowl in Bengali at lr 0.25 after one run: the path leaves the window along
    w1, the title, legend, status and footer keys are in Bengali, and the status says it
    diverges along w1 (|1 - 2·lr·5| = 1.5 > 1, keep lr < 0.2)."""
    app = make_game(language="bn")
    keys = ("up",) * 9 + ("r",)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_chart(app, "bowl", keys))


def test_bowl_task_in_bengali(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The bowl plot question in Bengali, lr raised to 0.3 and submitted: the prompt, the
    chart with the path running away along w1, the status saying it diverges, and the
    verdict in Bengali (|1 - 2·lr·5| = 2 > 1, keep lr below 0.2)."""
    from derivquest.content import load_catalog
    from tests.ui.conftest import FIXTURES

    catalog = load_catalog(
        extra=[FIXTURES / "chart-tasks"], builtin=False, user=False, entry_points=False
    )
    app = make_game(catalog=catalog, language="bn")

    async def run_before(pilot: Pilot[Any]) -> None:
        await to_map(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["up"] * 12, "r", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
