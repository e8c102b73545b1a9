"""Places kept across games, drills from unlocked levels, readable names (no screen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.content import load_catalog
from derivquest.engine import JudgeService
from derivquest.game.drill import CatalogDrillSource
from derivquest.game.session import (
    GAVE_UP_SLOT,
    MAP_SLOT,
    PLAY_SLOT,
    PlayerGame,
    prompt_line,
    skill_words,
)
from derivquest.ids import QuestionId
from derivquest.progress import ProgressStore

GAME_PACK = Path(__file__).parents[2] / "fixtures" / "packs" / "game-pack"
CHAIN = "game-test/first/chain"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore.open(tmp_path / "progress.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def session(store: ProgressStore, judge_service: JudgeService) -> PlayerGame:
    profile = store.create_profile("Ana", player_id="ana-seed")
    catalog = load_catalog(extra=[GAME_PACK], builtin=False, user=False, entry_points=False)
    return PlayerGame(catalog, judge_service, store, profile.id, profile.player_id)


def test_a_level_reopens_at_its_first_unsolved_question(session: PlayerGame) -> None:
    run = session.open_level("game-test", "first")
    assert run.index == 0
    assert session.submit(run, "15(3x+2)^4").verdict.correct
    assert session.open_level("game-test", "first").index == 1


def test_a_level_reopens_at_the_saved_place_with_its_variant_and_text(
    session: PlayerGame,
) -> None:
    run = session.start_level("game-test", "first", index=2)
    run.play.typed = "2"
    session.leave_for_map(run)
    again = session.open_level("game-test", "first")
    assert (again.index, again.play.seed, again.play.typed) == (2, run.play.seed, "2")


@pytest.mark.parametrize(("wrong", "visible"), [(1, False), (3, True)])
def test_wrong_tries_and_the_solution_come_back_after_resuming(
    session: PlayerGame, wrong: int, visible: bool
) -> None:
    run = session.open_level("game-test", "first")
    for _ in range(wrong):
        session.submit(run, "x")
    session.save_place(run)
    resumed = session.resume()
    assert resumed is not None
    assert (resumed.play.failures, resumed.play.solution_visible) == (wrong, visible)


def test_a_give_up_survives_resuming_and_is_forgotten_on_moving_on(
    session: PlayerGame, store: ProgressStore
) -> None:
    run = session.open_level("game-test", "first")
    session.give_up(run)
    resumed = session.resume()
    assert resumed is not None and resumed.play.gave_up and resumed.play.finished
    assert session.advance(resumed)
    assert store.resume_point(session.profile_id, GAVE_UP_SLOT) is None


def test_finishing_a_level_clears_its_place(session: PlayerGame, store: ProgressStore) -> None:
    run = session.open_level("game-test", "first")
    for answer in ("15(3x+2)^4", "1/4", "2"):
        session.submit(run, answer)
        session.save_place(run)
        more = session.advance(run)
    assert not more
    assert store.resume_point(session.profile_id, PLAY_SLOT) is None
    assert session.resume() is None


def test_leaving_for_the_map_opens_the_next_game_on_the_map(
    session: PlayerGame, store: ProgressStore
) -> None:
    run = session.open_level("game-test", "first")
    session.leave_for_map(run)
    assert session.resume() is None  # on the map
    assert store.resume_point(session.profile_id, PLAY_SLOT) is not None  # the level's place
    session.save_place(session.open_level("game-test", "first"))  # back in a question
    assert store.resume_point(session.profile_id, MAP_SLOT) is None
    assert session.resume() is not None


def test_the_level_result_names_what_cost_stars_and_the_next_level(
    session: PlayerGame,
) -> None:
    run = session.open_level("game-test", "first")
    session.hint(run)
    session.submit(run, "15(3x+2)^4")
    session.advance(run)
    session.submit(run, "0.3")
    session.submit(run, "1/4")
    session.advance(run)
    session.submit(run, "2")
    session.advance(run)
    result = session.level_result(run)
    assert result.stars == 2  # (1 + 2 + 3) / 3
    assert [(m.prompt, m.stars, m.reasons) for m in result.missed] == [
        ("Differentiate (3x + 2)^5.", 1, ("hints",)),
        ("What is sigmoid'(0)?", 2, ("wrong-tries",)),
    ]
    assert result.next_level is not None and result.next_level.level_id == "second"


def test_a_new_players_drills_and_review_use_only_unlocked_levels(
    store: ProgressStore, judge_service: JudgeService
) -> None:
    catalog = load_catalog(builtin=True, user=False, entry_points=False)
    profile = store.create_profile("New", player_id="new-seed")
    game = PlayerGame(catalog, judge_service, store, profile.id, profile.player_id)
    opened = game.open_levels()
    served = {QuestionId.parse(i.question_id).level for i in game.drill_source().drill_items()}
    everything = {
        QuestionId.parse(i.question_id).level for i in CatalogDrillSource(catalog).drill_items()
    }
    assert served and served < everything  # locked levels have drill questions, not served
    assert {f"{catalog.packs[0].id}/{level}" for level in served} <= opened


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Differentiate `e^(2x)`.", "Differentiate e^(2x)."),
        ("First line\nsecond", "First line"),
        ("x" * 80, "x" * 55 + "…"),
        ("", ""),
    ],
)
def test_a_prompt_on_one_line(text: str, line: str) -> None:
    assert prompt_line(text) == line


def test_skills_have_readable_names(session: PlayerGame) -> None:
    assert session.skill_titles()["chain"] == "chain · First steps"
    assert skill_words("num_deriv") == "num deriv"
    assert session.question_prompt(CHAIN) == "Differentiate (3x + 2)^5."
    assert session.question_prompt("game-test/first/gone") == "game-test/first/gone"


def test_a_review_keeps_no_place_and_leaves_the_levels_place_alone(
    session: PlayerGame, store: ProgressStore
) -> None:
    run = session.open_level("game-test", "first")
    session.submit(run, "x")  # a wrong answer: the skill is weak, so there is a review
    run.play.typed = "15("
    session.save_place(run)
    review = session.start_review(seed=1)
    assert review is not None
    review.play.typed = "something else"
    session.save_place(review)
    session.leave_for_map(review)
    point = store.resume_point(session.profile_id, PLAY_SLOT)
    assert point is not None and point.typed == "15("


def test_the_map_showing_means_the_next_game_opens_on_the_map(
    session: PlayerGame, store: ProgressStore
) -> None:
    run = session.open_level("game-test", "first")
    session.save_place(run)
    session.at_map()  # e.g. back from a drill, then the game was quit
    assert session.resume() is None
    assert store.resume_point(session.profile_id, PLAY_SLOT) is not None


def _again(session: PlayerGame) -> PlayerGame:
    """The same player in a new game: it resumes first, as the app does at start-up."""
    again = PlayerGame(
        session.catalog, session.judge, session.store, session.profile_id, session.player_id
    )
    again.resume()
    return again


def _wrong_answer(session: PlayerGame) -> None:
    session.submit(session.open_level("game-test", "first"), "x")


def _right_answer(session: PlayerGame) -> None:
    session.submit(session.open_level("game-test", "first"), "15(3x+2)^4")


def _left_a_question_for_the_map(session: PlayerGame) -> None:
    session.leave_for_map(session.open_level("game-test", "first"))


def _only_looked_at_the_map(session: PlayerGame) -> None:
    session.at_map()  # no question ever shown: nothing to come back to


@pytest.mark.parametrize(
    ("history", "starts_at"),
    [
        (None, "first"),
        (_only_looked_at_the_map, "first"),
        (_wrong_answer, None),
        (_right_answer, None),
        (_left_a_question_for_the_map, None),
    ],
)
def test_only_a_player_with_nothing_answered_starts_at_the_first_lesson(
    session: PlayerGame, history: object, starts_at: str | None
) -> None:
    if callable(history):
        history(session)
    entry = _again(session).starting_level()
    assert (entry.level_id if entry is not None else None) == starts_at
