"""Pictures of the screens at 80x24: each docstring says what the snapshot must show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from derivquest.content import load_catalog
from derivquest.progress import ProgressStore
from derivquest.ui.app import DerivQuestApp
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle, to_map

SnapCompare = Callable[..., bool]


def _profile(store: ProgressStore) -> int:
    profile = store.profile_named(PLAYER)
    assert profile is not None
    return profile.id


def test_course_map(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The built-in course on the map: 19 levels in the lesson's order, the first open
    (0/8), every other one locked, the first level's details on the right, the chart keys
    in the footer."""
    app = make_game(catalog=load_catalog(user=False, entry_points=False))
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_map)


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_new_player_starts_at_the_first_lesson(
    snap_compare: SnapCompare, make_game: AppFactory, language: str
) -> None:
    """A player who has answered nothing starts in the built-in course's first lesson: its
    title, a bold welcome by name that says Enter starts the questions and Esc shows the
    map, then the lesson text; in Bengali too, laid out at 80x24."""
    app = make_game(catalog=load_catalog(user=False, entry_points=False), language=language)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_lesson(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The first test level's lesson: its title bar, the chain-rule text with the example,
    and Enter (start the questions) and Esc in the footer."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await to_map(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_question_with_live_preview(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """A derivative question with '15(3x+2)^4' typed and not yet submitted: under the box
    the preview shows it pretty-printed (15⋅(3⋅x + 2) with a raised 4); no verdict yet; the
    last line says "Enter: check your answer" and the footer fits 80 columns."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press(*"15(3x+2)^4")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_verdict_with_diagnosis(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The wrong answer 5(3x+2)^4 submitted: the verdict names the chain-rule mistake and
    gives a point where the answer differs, in the warning colour."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press(*"5(3x+2)^4", "enter")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def _chart(app: DerivQuestApp, chart: str, keys: tuple[str, ...]) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_tangent_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """f(x) = x^2 - 4x + 3 with x0 = 3: the parabola, the tangent (slope 2) and a secant
    with h = 0.5 after two presses of Down, the point at (3, 0), each line in its own
    characters (quarter blocks, braille, small squares) as in the legend; the status line reads
    f'(x0) = 2 and secant slope = 2.5; the footer groups "← → x0" and "↓ ↑ h"."""
    app = make_game()
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_chart(app, "tangent", ("down", "down"))
    )


def test_descent_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """Gradient descent on L(w) = (2w - 6)^2 with lr 0.1 after one run: the loss curve with
    the path down to w = 3 on the left (its steps in small squares, labelled in the legend), loss
    per step falling on the right in braille, and the status line saying it converged."""
    app = make_game()
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_chart(app, "gradient-descent", ("r",))
    )


def test_diverging_descent_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """With lr raised to 0.3 (above 1/x² = 0.25) and a run: the path zig-zags away from
    w = 3 and the status line says DIVERGED, as the grader would (|1 - 2·lr·x²| = 1.4 > 1)."""
    app = make_game()
    keys = ("up", "up", "r")
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_chart(app, "gradient-descent", keys)
    )


def test_gradient_check_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The error of the central difference for sin at x = 1 against h on log axes: a V with
    truncation error on the right and rounding error on the left, h = 1e-5 marked (and in
    the legend); the y ticks read 1e-3 ... 1e-11."""
    app = make_game()
    assert snap_compare(app, terminal_size=(80, 24), run_before=_chart(app, "gradient-check", ()))


def test_activations_chart(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """tanh and tanh' after one press of f, cursor moved to x = 3: tanh' is tiny there and
    the status line warns of a vanishing gradient; the legend tells tanh (quarter blocks),
    tanh' (braille) and the vanishing threshold (small squares) apart."""
    app = make_game()
    keys = ("f", "right", "right", "right", "right")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_chart(app, "activations", keys))


def test_too_small(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """A 70x20 terminal: only the message asking for at least 80×24, with the current size."""
    assert snap_compare(make_game(), terminal_size=(70, 20), run_before=settle)


def test_completed_level_on_the_map(
    snap_compare: SnapCompare, make_game: AppFactory, store: ProgressStore
) -> None:
    """After the first test level is completed with 2 stars: it shows ★★☆ and the second
    level is open, highlighted, showing 0/1."""
    store.record_level_result(_profile(store), "game-test/first", stars=2, seconds=5.0)
    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=settle)
