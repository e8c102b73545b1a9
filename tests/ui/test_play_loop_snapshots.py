"""Pictures of the play loop's screens at 80x24: each docstring says what must show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from derivquest.progress import ProgressStore
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle, to_map

SnapCompare = Callable[..., bool]


def test_right_answer_says_enter_goes_on(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The chain-rule question answered right: "Correct!" under the greyed answer box, and
    under the body one line "Enter: next question"; the compact footer shows every key
    (hint, give up, list, map, lesson, quit, help) within 80 columns."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press(*"15(3x+2)^4", "enter")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_shown_solution_says_enter_goes_on(
    snap_compare: SnapCompare, make_game: AppFactory
) -> None:
    """The question given up: the worked solution (5(3x+2)^4 · 3 = 15*(3*x + 2)^4) is in
    view, no toast covers it, and the last line says Enter goes to the next question and
    that this one earns no stars."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_numeric_preview_is_no_calculator(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The numeric question with (1/2)*(1-1/2) typed: the preview under the box says only
    that it is a number worked out on Enter; no 0.25 or 1/4 anywhere."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press(*"(1/2)*(1-1/2)")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_question_list(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """Ctrl+O on the first question: a box over the question lists the level's three
    questions by their prompts, the first marked as the current one (>) and solved (★)
    after a right answer, the others not (·)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press(*"15(3x+2)^4", "enter")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_level_complete(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The end of the first level after a hint on question 1 and a give-up on question 2:
    "Stars: ★☆☆", then each question below three stars with its stars and why (hints used;
    not solved), then "Enter: next level, Second level · Esc: the map"."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press("ctrl+t", *"15(3x+2)^4", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_start_screen_types_a_name(
    snap_compare: SnapCompare, make_game: AppFactory, store: ProgressStore
) -> None:
    """The start screen with two players and "chl" typed: the letters are in the name box
    (which has focus), the list of players is not highlighted, and the line under the box
    says Enter makes the name and Tab reaches the list (c there: the last player)."""
    store.create_profile("Bilal")

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*"chl")
        await settle(pilot)

    app = make_game(profile=None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_drill_setup_fits(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The drill setup at 80x24: the three lengths on one row, the skills of the open level
    by readable name ("chain · First steps"), the standard-setting note, and a Start button
    with "Enter: start · Esc: cancel" beside it, all inside the box."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await to_map(pilot)
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)
