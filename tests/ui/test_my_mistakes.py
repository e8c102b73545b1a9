"""The player's "my mistakes" screen: repeated mistakes from the map, and a one-key review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from derivquest.engine.presenter import mistake_sentence
from derivquest.progress import ProgressStore
from derivquest.progress.mistakes import RepeatedMistake
from derivquest.ui.screens.my_mistakes import MyMistakesScreen, describe
from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import settle, to_map

SnapCompare = Callable[..., bool]

CHAIN_Q = "game-test/first/chain"
NUMBER_Q = "game-test/first/number"


def seed(store: ProgressStore) -> None:
    """The chain-rule slip twice on one question and once on another; a sign slip once."""
    profile = store.profile_named(PLAYER)
    assert profile is not None
    for question, diagnosis in (
        (CHAIN_Q, "chain-inner-missing"),
        (CHAIN_Q, "chain-inner-missing"),
        (NUMBER_Q, "chain-inner-missing"),
        (NUMBER_Q, "sign-error"),
        ("gone/level/q", "sign-error"),  # a question no pack has any more
    ):
        store.record_attempt(
            profile.id, question, "x", correct=False, seconds=2, diagnosis=diagnosis
        )


@pytest.mark.parametrize(
    ("language", "start"),
    [("en", "Chain rule: you differentiated"), ("bn", "Chain rule: বাইরের")],
)
def test_describe(language: str, start: str) -> None:
    mistake = RepeatedMistake("ana", "chain-inner-missing", ("a/b/c", "a/b/d"), 3, 0.0)
    text = describe(mistake, language)
    assert text.startswith(start)
    assert ("3 times, on 2 question(s)" in text) == (language == "en")


async def test_m_on_the_map_lists_repeated_mistakes_and_enter_reviews_them(
    make_game: AppFactory, store: ProgressStore
) -> None:
    seed(store)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MyMistakesScreen)
        # The sign slip was made once on a question the packs have: not repeated.
        assert [(m.diagnosis, m.questions, m.answers) for m in screen.mistakes] == [
            ("chain-inner-missing", (CHAIN_Q, NUMBER_Q), 3)
        ]
        option = screen.query_one(OptionList).get_option_at_index(0)
        assert str(option.prompt).startswith(mistake_sentence("chain-inner-missing"))
        await pilot.press("enter")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, QuestionScreen)
        assert [ref.full_id for ref in question.run.refs] == [CHAIN_Q, NUMBER_Q]
        assert question.run.title == "Practise a mistake"
        await pilot.press("escape")
        await settle(pilot)


async def test_no_mistakes_yet(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MyMistakesScreen)
        await pilot.press("enter")  # nothing to review: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, MyMistakesScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MyMistakesScreen)


def test_my_mistakes_snapshot(
    snap_compare: SnapCompare, make_game: AppFactory, store: ProgressStore
) -> None:
    """My mistakes at 80x24: one entry, the chain-rule sentence with "3 times, on 2
    question(s)" under it, highlighted; the Enter hint below; back and review in the footer."""
    seed(store)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(make_game(), terminal_size=(80, 24), run_before=run_before)
