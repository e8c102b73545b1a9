"""Small steps shared by the screen tests: open a level, type and wait for the verdict."""

from __future__ import annotations

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

from derivquest.ui.app import DerivQuestApp
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.lesson import LessonScreen


async def settle(pilot: Pilot[None]) -> None:
    """Let workers (preview, judge, saving) finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_first_level(pilot: Pilot[None]) -> None:
    """Start the first level's questions: a new player is at its lesson (else the map
    highlights the first open level: Enter opens it)."""
    await settle(pilot)
    if isinstance(pilot.app.screen, CourseMapScreen):
        await pilot.press("enter")
        await settle(pilot)
    assert isinstance(pilot.app.screen, LessonScreen), pilot.app.screen
    await pilot.press("enter")  # lesson -> questions
    await settle(pilot)


async def to_map(pilot: Pilot[None]) -> None:
    """To the map: a new player starts at the first lesson, whose Esc builds the map."""
    await settle(pilot)
    if isinstance(pilot.app.screen, LessonScreen):
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, CourseMapScreen), pilot.app.screen


async def answer(pilot: Pilot[None], text: str) -> None:
    """Type an answer and submit it."""
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def shown(app: DerivQuestApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    widget = app.screen.query_one(selector, Static)
    content = widget.render()
    return content.plain if isinstance(content, Text) else str(content)
