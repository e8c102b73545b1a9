"""Drills in the store: personal-best rules, history for the trend chart, replaying the last."""

from __future__ import annotations

import pytest

from derivquest.progress import (
    DrillSession,
    DrillSetting,
    DrillSummary,
    Profile,
    ProgressStore,
    replay_questions,
)
from derivquest.progress.drill_results import DrillResultItem
from tests.unit.progress.conftest import FrozenClock, WallClock
from tests.unit.progress.test_drill import Source

THREE_ALL = DrillSetting(3)


def drill(
    setting: DrillSetting, score: int, completed: bool = True, right: int = 1
) -> DrillSummary:
    """A summary with `right` correct items and one wrong one."""
    items = tuple(
        DrillResultItem("p/l/q", n, n, "correct" if n <= right else "wrong", 1.0, 0)
        for n in range(1, right + 2)
    )
    return DrillSummary(setting, items, score, right, completed, 60.0 * setting.minutes)


def test_personal_bests_per_standard_setting(store: ProgressStore, ana: Profile) -> None:
    """The first scoring drill sets the record; only a higher score beats it."""
    first = store.drills.save(ana.id, drill(THREE_ALL, 500))
    assert (first.personal_best, first.previous_best) == (True, None)
    lower = store.drills.save(ana.id, drill(THREE_ALL, 400))
    assert (lower.personal_best, lower.previous_best) == (False, 500)
    equal = store.drills.save(ana.id, drill(THREE_ALL, 500))
    assert equal.personal_best is False
    higher = store.drills.save(ana.id, drill(THREE_ALL, 650))
    assert (higher.personal_best, higher.previous_best) == (True, 500)
    other = store.drills.save(ana.id, drill(DrillSetting(3, frozenset({"chain"})), 100))
    assert other.personal_best is True  # its own setting, its own record
    assert store.drills.personal_bests(ana.id) == {"3m:all": 650, "3m:chain": 100}


@pytest.mark.parametrize(
    "summary",
    [
        drill(DrillSetting(2), 900),  # not a standard length
        drill(DrillSetting(3, frozenset({"chain", "power"})), 900),  # two skills
        drill(DrillSetting(3, replay=True), 900),  # a replay
        drill(THREE_ALL, 900, completed=False),  # quit early
        drill(THREE_ALL, 0),  # nothing scored
    ],
)
def test_drills_that_never_set_records(
    store: ProgressStore, ana: Profile, summary: DrillSummary
) -> None:
    """Non-standard settings, replays, quit drills and zero scores are not records."""
    saved = store.drills.save(ana.id, summary)
    assert saved.personal_best is False
    assert store.drills.personal_bests(ana.id) == {}
    assert store.drills.save(ana.id, drill(THREE_ALL, 10)).personal_best is True


def test_records_are_per_profile(store: ProgressStore, ana: Profile) -> None:
    """Another profile's record does not count against you."""
    bo = store.create_profile("bo")
    store.drills.save(bo.id, drill(THREE_ALL, 900))
    assert store.drills.save(ana.id, drill(THREE_ALL, 100)).personal_best is True


def test_history_for_the_trend_chart(store: ProgressStore, ana: Profile, wall: WallClock) -> None:
    """Date, setting, score and accuracy, oldest first; filter by setting; latest `limit`."""
    for day, (setting, score, right) in enumerate(
        [(THREE_ALL, 300, 3), (DrillSetting(1), 100, 1), (THREE_ALL, 450, 1)]
    ):
        wall.now = 1_700_000_000 + day * 86_400
        store.drills.save(ana.id, drill(setting, score, right=right))
    entries = store.drills.history(ana.id)
    assert [(e.setting, e.score, e.accuracy) for e in entries] == [
        ("3m:all", 300, 0.75),
        ("1m:all", 100, 0.5),
        ("3m:all", 450, 0.5),
    ]
    assert entries[0].date.timestamp() == 1_700_000_000
    assert all(e.completed and e.standard for e in entries)
    assert [e.score for e in store.drills.history(ana.id, "3m:all")] == [300, 450]
    assert [e.score for e in store.drills.history(ana.id, limit=2)] == [100, 450]
    assert store.drills.history(store.create_profile("bo").id) == []


def test_replay_missed_from_the_stored_last_drill(
    store: ProgressStore, ana: Profile, clock: FrozenClock
) -> None:
    """A real drill is saved; the next replay serves exactly its missed and slowest items."""
    session = DrillSession.start(DrillSetting(1), Source(), clock, seed=3)
    for seconds, correct in [(2, True), (1, False), (9, True), (3, True), (4, True), (1, False)]:
        clock.advance(seconds)
        session.answer(correct)
    summary = session.finish()
    store.drills.save(ana.id, summary)
    last = store.drills.last(ana.id)
    assert last is not None and last.summary == summary
    questions = replay_questions(last.summary.items)
    expected = [item for item in summary.items if item.position in {2, 3, 4, 5, 6}]
    assert [(q.question_id, q.variant_seed) for q in questions] == [
        (item.question_id, item.variant_seed) for item in expected
    ]
    replay = DrillSession.replay(questions, last.summary.setting.minutes, clock)
    assert replay.current is not None and replay.current.question_id == expected[0].question_id
    assert store.drills.last(store.create_profile("bo").id) is None
