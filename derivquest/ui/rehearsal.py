"""A game played once, headless, to its first question: the zygote's forks find it all warm.

A game forked from the classroom server's zygote shares what the zygote made before the
fork. Imports are not all of it: Textual and Rich fill caches as they first lay out and draw
(parsed CSS, styles, cell widths, bindings, signatures), and every game paid for them again
on its way to its first question. The zygote rehearses that way once, for a throwaway
player in a temporary folder, with a judge that checks nothing.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from derivquest.engine import JudgeService
from derivquest.engine.checker_process import CheckerProcess

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from derivquest.content import Catalog

log = logging.getLogger(__name__)

SIZE = (80, 24)
"""The rehearsal's terminal: the size the game is made for."""

TIME_LIMIT = 30.0
"""Seconds a rehearsal may take before it is abandoned (it normally takes under one)."""

THREAD_WAIT = 10.0
"""Seconds to wait for the rehearsal's worker threads: the zygote can fork only without them."""

_STEPS = 40
"""Pauses to wait for the question after Enter on the lesson."""


class _NoChecker(JudgeService):
    """A judge that starts no checker: the rehearsal checks no answer, and the zygote must
    start no process or thread of its own (it forks every game)."""

    def __init__(self) -> None:
        super().__init__(pool=False)

    def start(self) -> None:
        return None

    def _ready_worker(self) -> CheckerProcess:
        raise RuntimeError("the rehearsal checks nothing")


async def _to_first_question(pilot: Pilot[object]) -> None:
    """A new player's way in: the first lesson, Enter, then wait for the question (the
    screens every student's first login draws)."""
    from derivquest.ui.screens.question import QuestionScreen

    await pilot.pause()
    await pilot.press("enter")
    for _ in range(_STEPS):
        await pilot.pause()
        if isinstance(pilot.app.screen, QuestionScreen):
            break
    pilot.app.exit()


async def _play(catalog: Catalog, store_path: Path, language: str, theme: str | None) -> bool:
    from derivquest.progress import ProgressStore
    from derivquest.ui.app import DerivQuestApp
    from derivquest.ui.screens.question import QuestionScreen

    store = ProgressStore.open(store_path, synchronous="NORMAL")
    reached = False

    async def play(pilot: Pilot[object]) -> None:
        nonlocal reached
        await _to_first_question(pilot)
        reached = isinstance(pilot.app.screen, QuestionScreen)

    try:
        app = DerivQuestApp(
            catalog,
            store,
            _NoChecker(),
            language=language,
            theme=theme or "ansi-dark",
            profile="rehearsal",
            served=True,
        )
        await asyncio.wait_for(app.run_async(headless=True, size=SIZE, auto_pilot=play), TIME_LIMIT)
    finally:
        store.close()
    return reached


def _join_threads(before: set[threading.Thread]) -> None:
    """Wait for the game's worker threads (saving the place, loading) to end."""
    for thread in threading.enumerate():
        if thread not in before:
            thread.join(THREAD_WAIT)


def rehearse(catalog: Catalog, languages: Sequence[str], theme: str | None = None) -> bool:
    """Play to the first question once per language; True if every rehearsal got there.

    Never raises: a rehearsal only makes games start faster, so a failure is logged and
    the zygote goes on without it.
    """
    reached = True
    before = set(threading.enumerate())
    for language in languages:
        try:
            with tempfile.TemporaryDirectory(prefix="derivquest-rehearsal-") as folder:
                path = Path(folder) / "rehearsal.sqlite3"
                reached = asyncio.run(_play(catalog, path, language, theme)) and reached
        except Exception as error:  # noqa: BLE001 - best effort, and the zygote must start
            log.warning("the rehearsal in %s failed: %s", language, error)
            reached = False
        finally:
            _join_threads(before)
    return reached
