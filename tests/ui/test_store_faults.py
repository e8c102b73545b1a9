"""Store errors during play: the store's message shows, the answer is kept, the game goes on."""

from __future__ import annotations

import sqlite3
from operator import attrgetter

from rich.segment import Segments
from textual.widgets import Input

from derivquest.errorlog import log_path
from derivquest.progress import ProgressStore
from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import AppFactory
from tests.ui.helpers import answer, open_first_level, settle, shown, to_map
from tests.ui.test_play import CHAIN, profile_id


def sqlite_connection(store: ProgressStore) -> sqlite3.Connection:
    """The SQLite store's own connection (its database type is a protocol since PostgreSQL)."""
    connection: sqlite3.Connection = attrgetter("_db.connection")(store)
    return connection


def fill_the_disk(store: ProgressStore) -> None:
    """A real SQLITE_FULL: cap the database at its size, then write until a write fails."""
    connection = sqlite_connection(store)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    from derivquest.progress.errors import StoreFullError

    profile = profile_id(store)
    for _ in range(10_000):
        try:
            store.record_attempt(profile, "filler/level/q", "15(3x+2)^4", correct=False, seconds=1)
        except StoreFullError:
            return
    raise AssertionError("the database never filled up")


def free_the_disk(store: ProgressStore) -> None:
    sqlite_connection(store).execute("PRAGMA max_page_count = 1000000")


async def test_a_full_disk_shows_the_stores_message_and_keeps_the_answer(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
        fill_the_disk(store)
        await answer(pilot, "15(3x+2)^4")
        verdict = shown(app, "#verdict")
        assert verdict.startswith(
            "Not saved, so not checked yet: cannot save progress: the disk is"
        )
        assert "press Enter to try again" in verdict
        assert app.screen.query_one("#answer-input Input", Input).value == "15(3x+2)^4"
        assert store.question_progress(profile_id(store), CHAIN) is None
        assert app.return_code is None  # still playing

        free_the_disk(store)
        await pilot.press("enter")  # the retry: the same answer, now judged and saved
        await settle(pilot)
        assert shown(app, "#verdict") == "Correct!"
        progress = store.question_progress(profile_id(store), CHAIN)
        assert progress is not None and progress.solved and progress.attempts == 1


async def test_a_store_error_in_a_worker_is_a_notice_not_a_crash(make_game: AppFactory) -> None:
    """The app's handler: a store error no screen caught (a background save) is a notice."""
    from derivquest.progress.errors import StoreFullError

    app = make_game()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_level(pilot)

        def save() -> None:
            raise StoreFullError("cannot save progress: the disk is full (test)")

        app.run_worker(save, thread=True)
        await settle(pilot)
        notices = [notice.message for notice in app._notifications]
        assert "Progress not saved: cannot save progress: the disk is full (test)" in notices
        assert app.return_code is None and isinstance(app.screen, QuestionScreen)
    assert "StoreFullError: cannot save progress" in log_path().read_text(encoding="utf-8")


async def test_an_unexpected_error_ends_with_a_message_and_a_log_not_a_traceback(
    make_game: AppFactory,
) -> None:
    app = make_game()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def broken() -> None:
            raise ValueError("a bug")

        app.call_later(broken)
        await settle(pilot)
        assert app.return_code == 1
        shown_on_exit = [
            "".join(segment.text for segment in renderable.segments)
            for renderable in app._exit_renderables
            if isinstance(renderable, Segments)  # what App.panic keeps
        ]
        app._exception = None  # handled: Pilot would re-raise it
    assert len(shown_on_exit) == 1
    text = " ".join(shown_on_exit[0].split())
    assert "DerivQuest stopped after an unexpected problem (ValueError)" in text
    assert f"Thedetailsarein{log_path()}" in "".join(text.split())  # wrapped anywhere
    assert "Traceback" not in text
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "ValueError: a bug" in logged


async def test_a_full_disk_in_a_drill_says_so_and_the_drill_goes_on(
    make_game: AppFactory, store: ProgressStore
) -> None:
    """A drill answer the store refuses: the store's message, and the next question (the
    drill is never left waiting on a check that will not come)."""
    from tests.ui.test_drills import HandClock, answer_current

    app = make_game(clock=HandClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first = shown(app, "#drill-prompt").splitlines()[0]
        fill_the_disk(store)
        await answer_current(pilot, app)
        assert shown(app, "#drill-feedback").startswith("Not saved: cannot save progress")
        assert shown(app, "#drill-prompt").splitlines()[0] != first  # the drill went on
        free_the_disk(store)
        await answer_current(pilot, app)
        assert shown(app, "#drill-feedback").startswith("+")  # saved and scored again
        assert app.return_code is None
