"""Small steps shared by the screen tests: open a level, type and wait for the verdict."""

from __future__ import annotations

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

from derivquest.ui.app import DerivQuestApp


async def settle(pilot: Pilot[None]) -> None:
    """Let workers (preview, judge, saving) finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_first_level(pilot: Pilot[None]) -> None:
    """From the map: open the highlighted level and start its questions."""
    await settle(pilot)
    await pilot.press("enter")  # the map highlights the first open level
    await settle(pilot)
    await pilot.press("enter")  # lesson -> questions
    await settle(pilot)


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
