"""Pictures of lessons at 80x24: each docstring says what the snapshot must show."""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from derivquest.ui.screens.lesson import LessonScreen
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle

SnapCompare = Callable[..., bool]
LEVELS = Path(__file__).parents[2] / "levels" / "calculus-for-ml" / "levels"


def show_lesson(stem: str, language: str, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Open a built-in lesson over the test game's map, then press ``keys``."""
    data = tomllib.loads((LEVELS / f"{stem}.toml").read_text(encoding="utf-8"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = LessonScreen(data["title"][language], data["lesson"][language], language)
        pilot.app.push_screen(screen)
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_five_rules_table(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """Level 3's lesson: the five-rules table in five rows, its columns (names, d/dx, "=",
    "and", the second rule) lined up, math in bold without backticks; "Why they make
    sense:" with • bullets whose second lines hang under their text; a scroll bar;
    Enter and Esc in the footer."""
    app = make_game()
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_lesson("03-basic-rules", "en"))


def test_chain_rule_steps(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """Level 5's lesson scrolled down one page (PgDn): the worked steps each on their own
    row with the arrows and "=" lined up, and the prose under them with its own breaks."""
    app = make_game()
    run_before = show_lesson("05-chain-rule", "en", "pagedown")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_bengali_lesson(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """Level 3's lesson in Bengali: the same table with আর in the "and" column, Bengali
    lines whole (no letter cut at the right edge), the scroll bar in the last column, and
    the footer keys in Bengali."""
    app = make_game(language="bn")
    run_before = show_lesson("03-basic-rules", "bn")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_lesson_reopened_from_a_question(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """Ctrl+L on the first question with 15(3x typed: the lesson over it, and the footer
    offers Enter to go back to the question (no Esc to the map)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press(*"15(3x", "ctrl+l")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)


def test_bengali_question(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The first question in Bengali with a wrong answer: the answer box's right border in
    one column on all its rows, the Bengali verdict wrapped whole, Bengali footer keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_first_level(pilot)
        await pilot.press(*"5(3x+2)^4", "enter")
        await settle(pilot)

    app = make_game(language="bn")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
