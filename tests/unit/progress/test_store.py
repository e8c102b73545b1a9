"""The store: profiles, answers and their counters, stars, levels, known ids, threads."""

from __future__ import annotations

import math
import sqlite3
import threading
from pathlib import Path

import pytest

from derivquest.progress import (
    Profile,
    ProfileError,
    ProgressError,
    ProgressStore,
    default_path,
)
from tests.unit.progress.conftest import WallClock, other_connection_rows

Q1 = "calc/power/q1"
Q2 = "calc/power/q2"
Q3 = "calc/chain/q1"


def test_opens_in_the_data_folder(isolated_home: Path, sqlite_store: ProgressStore) -> None:
    """The default file is DERIVQUEST_HOME/progress.sqlite3, in WAL mode."""
    assert sqlite_store.path == default_path() == isolated_home / "progress.sqlite3"
    with sqlite3.connect(sqlite_store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_profiles(store: ProgressStore) -> None:
    """Profiles are created once, listed by name, renamed and deleted with their progress."""
    bo = store.create_profile("  bo ")
    assert bo.name == "bo"
    assert store.create_profile("bo") == bo
    ana = store.create_profile("ana")
    assert [p.name for p in store.profiles()] == ["ana", "bo"]
    assert ana.player_id != bo.player_id
    renamed = store.rename_profile(bo.id, "bob")
    assert renamed.id == bo.id and renamed.player_id == bo.player_id
    with pytest.raises(ProfileError, match="exists already"):
        store.rename_profile(ana.id, "bob")
    store.record_attempt(ana.id, Q1, "2x", correct=True, seconds=1)
    store.delete_profile(ana.id)
    assert store.profile_named("ana") is None
    assert store.question_progress(ana.id, Q1) is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "tab\there"])
def test_bad_profile_names(store: ProgressStore, name: str) -> None:
    """Empty, over-long and control-character names are refused with a message."""
    with pytest.raises(ProfileError):
        store.create_profile(name)


@pytest.mark.parametrize(
    ("answers", "attempts", "correct", "hints", "solved", "stars", "seconds"),
    [
        ([(True, 0, 2.0)], 1, 1, 0, True, 3, 2.0),  # first try, no hint
        ([(False, 0, 1.0), (True, 0, 2.5)], 2, 1, 0, True, 2, 3.5),  # second try
        ([(True, 1, 4.0)], 1, 1, 1, True, 1, 4.0),  # with a hint open
        ([(True, 2, 1.0), (True, 0, 1.0)], 2, 2, 2, True, 2, 2.0),  # best stars kept
        ([(False, 3, 1.0), (False, 1, 1.0)], 2, 0, 3, False, 0, 2.0),  # never solved
        ([(True, 0, 1.0), (False, 0, 9.0)], 2, 1, 0, True, 3, 10.0),  # a later miss keeps 3
    ],
)
def test_question_counters(
    store: ProgressStore,
    ana: Profile,
    answers: list[tuple[bool, int, float]],
    attempts: int,
    correct: int,
    hints: int,
    solved: bool,
    stars: int,
    seconds: float,
) -> None:
    """Attempts, hints (most open), solved, stars and time add up per question."""
    for is_correct, hints_used, spent in answers:
        store.record_attempt(
            ana.id, Q1, "x", correct=is_correct, seconds=spent, hints_used=hints_used
        )
    progress = store.question_progress(ana.id, Q1)
    assert progress is not None
    assert (progress.attempts, progress.correct, progress.hints_used) == (attempts, correct, hints)
    assert (progress.solved, progress.stars, progress.seconds) == (solved, stars, seconds)


def test_record_attempt_returns_after_commit(
    store: ProgressStore, ana: Profile, database: str | None
) -> None:
    """When record_attempt returns, another connection sees the answer (it was committed)."""
    store.record_attempt(ana.id, Q1, "3x^2", correct=True, seconds=1.5, mode="drill")
    rows = other_connection_rows(store, database, "SELECT question_id, answer, mode FROM attempts")
    assert rows == [(Q1, "3x^2", "drill")]


@pytest.mark.parametrize(
    ("question_id", "seconds", "hints", "seed"),
    [
        ("calc/power", 1.0, 0, None),
        ("calc/power/q1/extra", 1.0, 0, None),
        ("calc/ power/q1", 1.0, 0, None),
        ("calc/power/q1\n", 1.0, 0, None),
        (Q1, -1.0, 0, None),
        (Q1, math.nan, 0, None),
        (Q1, math.inf, 0, None),
        (Q1, 1.0, -1, None),
        (Q1, 1.0, 0, 2**64),
    ],
)
def test_bad_answers_are_refused(
    store: ProgressStore,
    ana: Profile,
    question_id: str,
    seconds: float,
    hints: int,
    seed: int | None,
) -> None:
    """Caller mistakes raise ValueError instead of storing nonsense."""
    with pytest.raises(ValueError):
        store.record_attempt(
            ana.id,
            question_id,
            "x",
            correct=True,
            seconds=seconds,
            hints_used=hints,
            variant_seed=seed,
        )


def test_levels_keep_the_best(store: ProgressStore, ana: Profile) -> None:
    """Level results keep the most stars and the best time, and count completions."""
    store.record_level_result(ana.id, "calc/power", stars=2, seconds=90)
    store.record_level_result(ana.id, "calc/power", stars=1, seconds=60)
    store.record_attempt(ana.id, Q1, "x", correct=True, seconds=5, hints_used=1)
    level = store.summary(ana.id, {Q1, Q2}).levels["calc/power"]
    assert (level.stars, level.completions, level.best_seconds) == (2, 2, 60)
    assert (level.attempts, level.solved, level.hints_used, level.seconds) == (1, 1, 1, 5)
    assert store.summary(ana.id, {Q1}).completed_levels("calc") == {"power"}
    with pytest.raises(ValueError):
        store.record_level_result(ana.id, "calc", stars=1, seconds=1)


def test_unknown_ids_are_kept_but_ignored(store: ProgressStore, ana: Profile) -> None:
    """Progress on ids no pack has is not counted, and comes back if the id returns."""
    store.record_attempt(ana.id, Q1, "x", correct=True, seconds=1)
    store.record_attempt(ana.id, "gone/level/q", "x", correct=True, seconds=1)
    store.record_level_result(ana.id, "gone/level", stars=3, seconds=1)
    summary = store.summary(ana.id, {Q1, Q3})
    assert set(summary.questions) == {Q1}
    assert set(summary.levels) == {"calc/power"}
    assert summary.ignored == 2
    again = store.summary(ana.id, {Q1, "gone/level/q"})
    assert set(again.questions) == {Q1, "gone/level/q"}
    assert again.levels["gone/level"].stars == 3


def test_profiles_do_not_share_progress(store: ProgressStore, ana: Profile) -> None:
    """Two profiles in one store keep separate counts."""
    bo = store.create_profile("bo")
    store.record_attempt(ana.id, Q1, "x", correct=True, seconds=1)
    assert store.question_progress(bo.id, Q1) is None
    assert store.summary(bo.id, {Q1}).questions == {}


def test_threads_share_one_store(store: ProgressStore, ana: Profile) -> None:
    """Worker threads recording at once lose nothing (one connection under a lock)."""

    def work(index: int) -> None:
        for number in range(50):
            store.record_attempt(
                ana.id, Q1 if number % 2 else Q2, f"{index}", correct=True, seconds=1
            )

    threads = [threading.Thread(target=work, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    summary = store.summary(ana.id, {Q1, Q2})
    assert sum(q.attempts for q in summary.questions.values()) == 200


def test_a_closed_store_says_so(wall: WallClock) -> None:
    """Using a closed store raises ProgressError, and closing twice is harmless."""
    store = ProgressStore(now=wall)
    profile = store.create_profile("ana")
    store.close()
    store.close()
    with pytest.raises(ProgressError, match="closed"):
        store.record_attempt(profile.id, Q1, "x", correct=True, seconds=1)


def test_deleted_profile_gives_a_clear_error(store: ProgressStore, ana: Profile) -> None:
    """Recording for a profile another game deleted is a ProfileError, not a crash."""
    store.delete_profile(ana.id)
    with pytest.raises(ProfileError, match="no longer exists"):
        store.record_attempt(ana.id, Q1, "x", correct=True, seconds=1)


def test_reset_one_level_or_everything(store: ProgressStore, ana: Profile, wall: WallClock) -> None:
    """A level reset removes only that level's rows; a full reset empties the profile."""
    bo = store.create_profile("bo")
    for profile in (ana, bo):
        store.record_attempt(profile.id, Q1, "x", correct=True, seconds=1)
        store.record_attempt(profile.id, Q3, "x", correct=True, seconds=1)
        store.record_level_result(profile.id, "calc/power", stars=3, seconds=1)
    counts = store.reset(ana.id, "calc/power")
    assert (counts.attempts, counts.questions, counts.levels) == (1, 1, 1)
    assert set(store.summary(ana.id, {Q1, Q3}).questions) == {Q3}
    assert set(store.summary(bo.id, {Q1, Q3}).questions) == {Q1, Q3}
    everything = store.reset()
    assert everything.attempts == 3
    assert store.summary(bo.id, {Q1, Q3}).questions == {}
    assert [p.name for p in store.profiles()] == ["ana", "bo"]
