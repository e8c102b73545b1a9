"""The game's rules without a screen: locks, stars, saving before the verdict, resuming."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.charts.gradient_descent.task import SPEC as DESCENT
from derivquest.charts.gradient_descent.task import DescentTask
from derivquest.charts.tangent.task import SPEC as TANGENT
from derivquest.charts.tangent.task import TangentTask
from derivquest.content import load_catalog
from derivquest.engine import JudgeService
from derivquest.game.model import FAILURES_BEFORE_SOLUTION, QuestionPlay
from derivquest.game.session import PlayerGame, question_stars
from derivquest.progress import ProgressStore, StoreUnavailableError
from derivquest.progress.scoring import level_stars

GAME_PACK = Path(__file__).parents[2] / "fixtures" / "packs" / "game-pack"


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


def _play(solved: bool, failures: int, hints: int, gave_up: bool = False) -> QuestionPlay:
    play = QuestionPlay.__new__(QuestionPlay)
    play.solved, play.failures, play.hints_shown, play.gave_up = solved, failures, hints, gave_up
    return play


@pytest.mark.parametrize(
    ("solved", "failures", "hints", "stars"),
    [(True, 0, 0, 3), (True, 2, 0, 2), (True, 0, 1, 1), (True, 3, 2, 1), (False, 1, 0, 0)],
)
def test_question_stars(solved: bool, failures: int, hints: int, stars: int) -> None:
    assert question_stars(_play(solved, failures, hints)) == stars


@pytest.mark.parametrize(
    ("stars", "level"), [([3, 3, 3], 3), ([3, 2, 1], 2), ([3, 0, 0], 1), ([], 0)]
)
def test_level_stars_are_the_rounded_down_average(stars: list[int], level: int) -> None:
    assert level_stars(stars) == level


def test_the_second_level_is_locked_until_the_first_is_done(session: PlayerGame) -> None:
    levels = {entry.level_id: entry for entry in session.map()[0].levels}
    assert not levels["first"].locked
    assert levels["second"].locked and levels["second"].missing == ("First steps",)
    run = session.start_level("game-test", "first")
    for answer in ("15(3x+2)^4", "1/4", "2"):
        assert session.submit(run, answer).verdict.correct
        more = session.advance(run)
    assert not more
    levels = {entry.level_id: entry for entry in session.map()[0].levels}
    assert levels["first"].completed and levels["first"].stars == 3
    assert not levels["second"].locked


def test_a_level_result_not_saved_is_saved_by_the_retry_and_counted_once(
    session: PlayerGame, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database is away when the level ends: advance raises, changes nothing, and the
    retry records the level with the same stars (the last question's stars not doubled)."""
    run = session.start_level("game-test", "first")
    for answer in ("15(3x+2)^4", "1/4"):
        assert session.submit(run, answer).verdict.correct
        assert session.advance(run)
    assert session.submit(run, "2").verdict.correct
    saving = store.record_level_result

    def away(*args: object, **kwargs: object) -> None:
        raise StoreUnavailableError("cannot reach the progress database")

    monkeypatch.setattr(store, "record_level_result", away)
    with pytest.raises(StoreUnavailableError):
        session.advance(run)
    assert run.stars == {0: 3, 1: 3, 2: 3}  # per question: a retry cannot count one twice
    monkeypatch.setattr(store, "record_level_result", saving)
    assert not session.advance(run)
    assert run.stars == {0: 3, 1: 3, 2: 3}
    levels = {entry.level_id: entry for entry in session.map()[0].levels}
    assert levels["first"].completed and levels["first"].stars == 3


def test_an_answer_is_committed_before_submit_returns(
    session: PlayerGame, store: ProgressStore
) -> None:
    run = session.start_level("game-test", "first")
    outcome = session.submit(run, "5(3x+2)^4")
    assert outcome.verdict.diagnosis == "chain-inner-missing"
    # A second connection sees it: it is committed, not just in this process's memory.
    other = ProgressStore.open(store.path)
    try:
        progress = other.question_progress(session.profile_id, "game-test/first/chain")
    finally:
        other.close()
    assert progress is not None and progress.attempts == 1 and not progress.solved


def test_invalid_answers_are_not_recorded(session: PlayerGame, store: ProgressStore) -> None:
    run = session.start_level("game-test", "first")
    assert session.submit(run, "sin(x))").verdict.status == "invalid"
    assert store.question_progress(session.profile_id, "game-test/first/chain") is None
    assert run.play.failures == 0


def test_the_solution_appears_after_repeated_failures(session: PlayerGame) -> None:
    run = session.start_level("game-test", "first")
    outcomes = [session.submit(run, "x") for _ in range(FAILURES_BEFORE_SOLUTION)]
    assert [o.solution is not None for o in outcomes] == [False] * (
        FAILURES_BEFORE_SOLUTION - 1
    ) + [True]
    assert "15*(3*x + 2)^4" in (outcomes[-1].solution or "")


def test_hints_then_none(session: PlayerGame) -> None:
    run = session.start_level("game-test", "first")
    assert session.hint(run) == "Outside: u^5. Inside: 3x + 2."
    assert session.hint(run) == "Multiply 5(3x+2)^4 by 3."
    assert session.hint(run) is None


def test_resume_gives_back_question_variant_hints_and_typed_text(session: PlayerGame) -> None:
    run = session.start_level("game-test", "first", index=1)
    session.hint(run)
    run.play.typed = "1/"
    session.save_place(run)
    resumed = session.resume()
    assert resumed is not None
    assert resumed.index == 1
    assert resumed.play.ref.full_id == "game-test/first/number"
    assert (resumed.play.hints_shown, resumed.play.typed) == (1, "1/")
    assert resumed.play.instance == run.play.instance


def test_resume_ignores_a_question_that_no_longer_exists(
    session: PlayerGame, store: ProgressStore
) -> None:
    from derivquest.progress.records import ResumePoint

    store.save_resume_point(session.profile_id, ResumePoint("game-test/first/gone", 0))
    assert session.resume() is None


def test_bengali_diagnosis_sentence(session: PlayerGame) -> None:
    session.language = "bn"
    run = session.start_level("game-test", "first")
    assert session.submit(run, "5(3x+2)^4").message.startswith("Chain rule: বাইরের function")


def test_bengali_message_keeps_the_witness(session: PlayerGame) -> None:
    session.language = "bn"
    run = session.start_level("game-test", "first")
    outcome = session.submit(run, "5(3x+2)^4")
    assert "হলে আপনার উত্তর দেয়" in outcome.message and "সঠিক মান" in outcome.message


def test_the_attempt_stores_the_mistake_id_and_fingerprint(
    session: PlayerGame, store: ProgressStore
) -> None:
    import sqlite3

    from derivquest.progress.attempts import attempt_rows

    run = session.start_level("game-test", "first")
    first = session.submit(run, "5(3x+2)^4").verdict
    session.submit(run, "5(2+3x)^4")  # the same wrong answer, written differently
    assert store.path is not None
    with sqlite3.connect(store.path) as connection:
        rows = list(attempt_rows(connection, session.profile_id))
    assert [row.diagnosis for row in rows] == ["chain-inner-missing"] * 2
    assert rows[0].fingerprint == rows[1].fingerprint == first.fingerprint is not None


def test_plot_grading(judge_service: JudgeService) -> None:
    tangent = TangentTask("x^2 - 4*x + 3", 0.0, 0.01, 0.0, 0.5, -2.0, 6.0)
    assert TANGENT.grade(tangent, 2.0, judge_service).correct
    assert TANGENT.grade(tangent, 0.0, judge_service).message == "f'(0) = -4; the goal is 0."
    descent = DescentTask(2.0, 6.0, 0.0, 20, 0.01)
    assert DESCENT.grade(descent, 0.1, judge_service).correct
    assert "diverges" in DESCENT.grade(descent, 0.5, judge_service).message
    assert "too slow" in DESCENT.grade(descent, 0.001, judge_service).message


def test_plot_grading_of_a_hostile_function_is_undefined_not_a_freeze(
    judge_service: JudgeService,
) -> None:
    """An author's tower of powers overflows to 'undefined' in float64, never a hang."""
    tower = TangentTask("2^2^2^2^2^x", 0.0, 0.01, 0.0, 0.5, -2.0, 6.0)
    verdict = TANGENT.grade(tower, 2.0, judge_service)
    assert verdict.status == "incorrect" and "nan" in verdict.message
    unreadable = TangentTask("x^2 +* 3", 0.0, 0.01, 0.0, 0.5, -2.0, 6.0)
    assert TANGENT.grade(unreadable, 2.0, judge_service).status == "invalid"


def test_play_mode_stores_the_variant_seed_not_the_round(
    session: PlayerGame, store: ProgressStore
) -> None:
    """Regression: play mode stored the round number (0, 1, ...) as the variant seed."""
    from derivquest.content import variant_seed

    run = session.start_level("game-test", "first")
    expected = variant_seed("ana-seed", "game-test/first/chain", run.play.round_number)
    assert run.play.seed == expected
    session.submit(run, "5(3x+2)^4")
    session.save_place(run)
    point = store.resume_point(session.profile_id)
    assert point is not None and point.variant_seed == expected
    attempts = store.export_document().profiles[0].attempts
    assert [attempt.variant_seed for attempt in attempts] == [expected]


@pytest.mark.parametrize(
    ("answers", "hints", "stars"),
    [(["right"], 0, 3), (["wrong", "right"], 0, 2), (["right"], 1, 1), (["wrong"], 0, 0)],
)
def test_the_game_and_the_store_give_the_same_stars(
    session: PlayerGame, store: ProgressStore, answers: list[str], hints: int, stars: int
) -> None:
    """One star rule: what the level screen counts is what the store keeps."""
    run = session.start_level("game-test", "first")
    for _ in range(hints):
        session.hint(run)
    for answer in answers:
        session.submit(run, "15(3x+2)^4" if answer == "right" else "5(3x+2)^4")
    progress = store.question_progress(session.profile_id, "game-test/first/chain")
    assert progress is not None and progress.stars == stars == question_stars(run.play)
