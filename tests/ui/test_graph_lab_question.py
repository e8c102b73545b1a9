"""The Backprop Lab through the real question screen: played right and with a classic mistake
(each wrong entry an attempt, the mistake named), stars, resuming halfway, giving up."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from derivquest.content import Catalog, load_catalog
from derivquest.kinds.base import payload_of
from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.instance import GraphInstance, Slot
from derivquest.kinds.graph.judging import right_number
from derivquest.kinds.graph.view import EntryInput, GraphLab
from derivquest.progress import ProgressStore
from derivquest.ui.app import DerivQuestApp
from derivquest.ui.screens.level_complete import LevelCompleteScreen
from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import FIXTURES, PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle, shown

QUESTION = "backprop-lab/neuron/sigmoid-neuron"
FIXED = "backprop-fixed/used-twice/fan-out"
"""c = ab = 3, d = c + a = 4, L = d² with a = 1, b = 3: the right entries in play order."""
RIGHT = ("3", "4", "8", "8", "8", "32")


@pytest.fixture
def fixed_catalog() -> Catalog:
    """One graph with fixed numbers."""
    return load_catalog(
        extra=[FIXTURES / "backprop-fixed"], builtin=False, user=False, entry_points=False
    )


@pytest.fixture
def lab_catalog() -> Catalog:
    """The Backprop Lab's example pack: the single neuron is the first level."""
    return load_catalog(
        extra=[FIXTURES / "backprop-lab"], builtin=False, user=False, entry_points=False
    )


def the_lab(app: DerivQuestApp) -> GraphLab:
    return app.screen.query_one(GraphLab)


def graph(app: DerivQuestApp) -> GraphInstance:
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    return payload_of(screen.run.play.instance, GraphInstance)


def right(app: DerivQuestApp, slot: Slot) -> str:
    """The right number for a slot, as a learner would type it (rounded)."""
    return format_value(right_number(graph(app), slot))


async def enter(pilot: Pilot[None], text: str) -> None:
    """Clear the entry box (a wrong entry stays there to be fixed), type `text`, Enter."""
    await pilot.press("home", "ctrl+k", *text, "enter")
    await settle(pilot)


def progress(store: ProgressStore, question: str = QUESTION) -> tuple[int, bool, int]:
    profile = store.profile_named(PLAYER)
    assert profile is not None
    found = store.question_progress(profile.id, question)
    assert found is not None
    return found.attempts, found.solved, found.stars


async def test_played_right_is_one_saved_attempt_and_three_stars(
    make_game: AppFactory, fixed_catalog: Catalog, store: ProgressStore
) -> None:
    app = make_game(catalog=fixed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        for slot, text in zip(graph(app).slots(), RIGHT, strict=True):
            assert the_lab(app).state.slot == slot  # each right entry moves on by itself
            await enter(pilot, text)
        assert the_lab(app).state.solved
        assert shown(app, "#verdict").startswith("Correct")
        await pilot.press("a")  # the lab keeps the keys: the backward pass plays
        await settle(pilot)
        assert "Step 0/" in str(the_lab(app).query_one("#graph-status").render())
        assert the_lab(app).has_focus  # the answer is locked, the lab keeps its keys
        await pilot.press("ctrl+n")  # the level's only question: the level is complete
        await settle(pilot)
        assert isinstance(app.screen, LevelCompleteScreen)
    assert progress(store, FIXED) == (1, True, 3)


async def test_a_wrong_entry_is_an_attempt_with_the_mistake_named(
    make_game: AppFactory, lab_catalog: Catalog, store: ProgressStore
) -> None:
    app = make_game(catalog=lab_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        slots = graph(app).slots()
        await enter(pilot, right(app, slots[0]))  # p
        await enter(pilot, right(app, slots[1]))  # z
        await enter(pilot, right(app, slots[1]))  # a = z: sigmoid not applied
        assert shown(app, "#verdict").startswith("That is the input z; apply sigmoid")
        lab_status = str(the_lab(app).query_one("#graph-status").render())
        assert lab_status.startswith("Hint for a")  # the screen names it; the lab helps
        assert progress(store) == (1, False, 0)  # saved before it was shown
        for slot in the_lab(app).state.open_slots():
            await enter(pilot, right(app, slot))
        assert shown(app, "#verdict").startswith("Correct")
    assert progress(store) == (2, True, 2)  # solved, not at the first try


async def test_mistake_named_in_bengali(
    make_game: AppFactory, lab_catalog: Catalog, store: ProgressStore
) -> None:
    app = make_game(catalog=lab_catalog, language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await enter(pilot, "0")  # p = w·x is not 0 for any variant of this graph
        assert "হয়নি" in shown(app, "#verdict")


async def test_resume_restores_the_entries_made(
    make_game: AppFactory, fixed_catalog: Catalog, store: ProgressStore
) -> None:
    app = make_game(catalog=fixed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        slots = graph(app).slots()
        await enter(pilot, "3")
        await enter(pilot, "4")
        await enter(pilot, "2 * 4 + 1")  # a wrong ∂L/∂d, also kept, as typed
    again = make_game(catalog=fixed_catalog)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, QuestionScreen)  # resumed on the graph
        state = the_lab(again).state
        assert state.is_right(slots[0]) and state.is_right(slots[1])
        assert state.typed[slots[2]] == "2 * 4 + 1" and state.slot == slots[2]
        for text in RIGHT[2:]:
            await enter(pilot, text)
        assert shown(again, "#verdict").startswith("Correct")
    assert progress(store, FIXED)[:2] == (2, True)


async def test_giving_up_reveals_the_graph_and_lets_the_player_move_on(
    make_game: AppFactory, fixed_catalog: Catalog, store: ProgressStore
) -> None:
    app = make_game(catalog=fixed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+g")  # the screen's key: the give-up is the game's
        await settle(pilot)
        assert the_lab(app).state.given_up
        assert shown(app, "#solution").startswith("Worked solution")
        await pilot.press("space")  # the animation's first step
        await settle(pilot)
        assert the_lab(app).state.step == 0
        assert "Step 0/" in str(the_lab(app).query_one("#graph-status").render())
        await pilot.press("enter")  # the playloop rule: after a give-up, Enter goes on
        await settle(pilot)
        assert isinstance(app.screen, LevelCompleteScreen)


async def test_resumed_after_the_last_entry_it_waits_in_the_box(
    make_game: AppFactory, fixed_catalog: Catalog, store: ProgressStore
) -> None:
    """Quit between solving and moving on: the question is solved (its answer was saved)
    though the lab's record may lack the last entry; the lab shows the graph solved, the
    answer stays locked, `a` plays the backward pass, and Enter goes on."""
    app = make_game(catalog=fixed_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        for text in RIGHT:
            await enter(pilot, text)
        assert shown(app, "#verdict").startswith("Correct")
    again = make_game(catalog=fixed_catalog)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lab = the_lab(again)
        assert lab.state.finished
        assert "Graph solved" in str(lab.query_one("#graph-status").render())
        assert lab.query_one(EntryInput).disabled and lab.has_focus
        await pilot.press("a")  # the lab keeps its animation keys
        await settle(pilot)
        assert lab.state.step == 0
        assert "Step 0/" in str(lab.query_one("#graph-status").render())
        await pilot.press("enter")  # the playloop rule: Enter goes on, never judges again
        await settle(pilot)
        assert isinstance(again.screen, LevelCompleteScreen)  # the level's only question
    assert progress(store, FIXED) == (1, True, 3)  # no second attempt
