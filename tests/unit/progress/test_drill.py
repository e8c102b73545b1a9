"""Drill sessions on a frozen clock: countdown, items, scoring, streaks, summary, replay."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from derivquest.progress import (
    DrillItem,
    DrillOver,
    DrillQuestion,
    DrillSession,
    DrillSetting,
    replay_questions,
    standard_settings,
)
from derivquest.progress.drill_results import DrillResultItem
from derivquest.progress.scoring import Points, points_for
from tests.unit.progress.conftest import FrozenClock

ITEMS = [
    DrillItem("calc/power/q1", frozenset({"power"})),
    DrillItem("calc/power/q2", frozenset({"power"})),
    DrillItem("calc/chain/q1", frozenset({"chain", "power"})),
    DrillItem("calc/chain/q2", frozenset({"chain"})),
    DrillItem("calc/exp/q1", frozenset({"exp"})),
]


class Source:
    """A DrillSource over a fixed list."""

    def __init__(self, items: Iterable[DrillItem] = ITEMS) -> None:
        self.items = list(items)

    def drill_items(self) -> Iterable[DrillItem]:
        return iter(self.items)


def session(clock: FrozenClock, minutes: int = 1, skills: Iterable[str] = ()) -> DrillSession:
    """A drill over ITEMS with a fixed shuffle."""
    return DrillSession.start(DrillSetting(minutes, frozenset(skills)), Source(), clock, seed=7)


@pytest.mark.parametrize(
    ("correct", "seconds", "streak", "points"),
    [
        (True, 0.0, 1, Points(100, 50, 0)),
        (True, 0.99, 1, Points(100, 50, 0)),
        (True, 1.0, 1, Points(100, 45, 0)),
        (True, 9.99, 1, Points(100, 5, 0)),
        (True, 10.0, 1, Points(100, 0, 0)),
        (True, 300.0, 1, Points(100, 0, 0)),
        (True, 2.5, 2, Points(100, 40, 10)),
        (True, 2.5, 6, Points(100, 40, 50)),
        (True, 2.5, 40, Points(100, 40, 50)),  # the streak bonus is capped
        (False, 0.5, 0, Points()),
    ],
)
def test_scoring_rule(correct: bool, seconds: float, streak: int, points: Points) -> None:
    """100 per correct answer, +50 minus 5 per whole second, +10 per streak step up to 50."""
    assert points_for(correct, seconds, streak) == points


def test_countdown(clock: FrozenClock) -> None:
    """The countdown shows whole seconds rounded up and reaches 0 exactly at the end."""
    drill = session(clock)
    assert (drill.countdown(), drill.remaining()) == (60, 60.0)
    clock.advance(0.5)
    assert drill.countdown() == 60
    clock.advance(59.0)
    assert (drill.countdown(), drill.over) == (1, False)
    clock.advance(0.5)
    assert (drill.countdown(), drill.over, drill.current) == (0, True, None)
    clock.advance(10)
    assert drill.remaining() == 0.0


def test_answers_score_streak_and_time(clock: FrozenClock) -> None:
    """Per-question time runs from serving to submitting; streaks add and reset."""
    drill = session(clock)
    first = drill.current
    clock.advance(2.2)
    assert drill.question_seconds() == pytest.approx(2.2)
    outcome = drill.answer(True)
    assert (outcome.points, outcome.speed_bonus, outcome.streak, outcome.score) == (140, 40, 1, 140)
    assert drill.current is not None and drill.current != first
    clock.advance(0.5)
    outcome = drill.answer(True)
    assert (outcome.points, outcome.streak_bonus, outcome.streak) == (160, 10, 2)
    clock.advance(3)
    outcome = drill.answer(False)
    assert (outcome.outcome, outcome.points, outcome.streak, outcome.score) == ("wrong", 0, 0, 300)
    clock.advance(1)
    assert drill.skip().outcome == "skipped"
    assert (drill.score, drill.streak, drill.best_streak) == (300, 0, 2)


def test_judging_time_is_not_charged(clock: FrozenClock) -> None:
    """`submitted_at` (when Enter was pressed) counts, not when the verdict came back."""
    drill = session(clock)
    clock.advance(1.5)
    pressed = clock.monotonic()
    clock.advance(0.8)  # the judge thinks
    outcome = drill.answer(True, submitted_at=pressed)
    assert outcome.seconds == pytest.approx(1.5)
    clock.advance(1.0)
    assert drill.question_seconds() == pytest.approx(1.0)  # the next one showed after judging


def test_time_running_out(clock: FrozenClock) -> None:
    """An answer after the end does not score; the item on screen becomes unanswered."""
    drill = session(clock)
    clock.advance(30)
    drill.answer(True)
    clock.advance(31)
    late = drill.answer(True)
    assert (late.outcome, late.points, late.seconds) == ("unanswered", 0, 30)
    with pytest.raises(DrillOver):
        drill.answer(True)
    summary = drill.finish()
    assert summary.completed
    assert [item.outcome for item in summary.items] == ["correct", "unanswered"]
    assert (summary.accuracy, summary.seconds, len(summary.answered)) == (1.0, 60, 1)


def test_quitting_early_is_not_completed(clock: FrozenClock) -> None:
    """finish() before the end: summary marked not completed; the open item is unanswered."""
    drill = session(clock, minutes=3)
    clock.advance(5)
    drill.answer(False)
    clock.advance(2)
    summary = drill.finish()
    assert not summary.completed
    assert summary.seconds == 7
    assert [item.outcome for item in summary.items] == ["wrong", "unanswered"]
    assert (summary.accuracy, [m.position for m in summary.missed]) == (0.0, [1])
    with pytest.raises(DrillOver):
        drill.skip()
    assert drill.finish() == summary


def test_summary_figures(clock: FrozenClock) -> None:
    """Accuracy, mean time, the slowest correct answers and the missed ones."""
    drill = session(clock, minutes=5)
    for seconds, correct in [(4, True), (9, True), (1, False), (6, True), (2, True), (8, False)]:
        clock.advance(seconds)
        drill.answer(correct)
    summary = drill.finish()
    assert summary.correct == 4 and summary.accuracy == pytest.approx(4 / 6)
    assert summary.mean_seconds == pytest.approx(30 / 6)
    assert [item.seconds for item in summary.slowest] == [9, 6, 4]
    assert [item.position for item in summary.missed] == [3, 6]


def test_items_come_in_shuffled_rounds(clock: FrozenClock) -> None:
    """Each item once per round, never twice in a row, only matching skills, fixed by seed."""
    drill = session(clock, minutes=5, skills={"power"})
    served = []
    for _ in range(30):
        current = drill.current
        assert current is not None
        served.append(current.question_id)
        drill.answer(True)
    pool = {"calc/power/q1", "calc/power/q2", "calc/chain/q1"}
    for start in range(0, 30, 3):
        assert set(served[start : start + 3]) == pool
    assert all(a != b for a, b in zip(served, served[1:], strict=False))
    again = session(FrozenClock(), minutes=5, skills={"power"})
    assert again.current is not None and again.current.question_id == served[0]


def test_a_one_item_pool_and_an_empty_pool(clock: FrozenClock) -> None:
    """One item repeats with fresh variants; no matching item is a ValueError."""
    drill = DrillSession.start(DrillSetting(1, frozenset({"exp"})), Source(), clock, seed=1)
    seeds = set()
    for _ in range(5):
        current = drill.current
        assert current is not None and current.question_id == "calc/exp/q1"
        seeds.add(current.variant_seed)
        drill.answer(True)
    assert len(seeds) == 5
    with pytest.raises(ValueError, match="no drill questions"):
        DrillSession.start(DrillSetting(1, frozenset({"trig"})), Source(), clock)


def test_replay_serves_exactly_the_missed_and_slowest(clock: FrozenClock) -> None:
    """Missed items plus the three slowest correct ones, same variants, then it ends."""
    outcomes = ["correct", "wrong", "correct", "skipped", "correct", "correct", "unanswered"]
    seconds = [5.0, 1.0, 2.0, 1.0, 7.0, 6.0, 3.0]
    items = [
        DrillResultItem(f"p/l/q{n}", 100 + n, n, outcome, spent, 0)  # type: ignore[arg-type]
        for n, (outcome, spent) in enumerate(zip(outcomes, seconds, strict=True), start=1)
    ]
    questions = replay_questions(items)
    assert questions == (
        DrillQuestion("p/l/q1", 101, 1),
        DrillQuestion("p/l/q2", 102, 2),
        DrillQuestion("p/l/q4", 104, 3),
        DrillQuestion("p/l/q5", 105, 4),
        DrillQuestion("p/l/q6", 106, 5),
    )
    drill = DrillSession.replay(questions, 3, clock)
    assert drill.setting.replay and not drill.setting.standard
    served = []
    while (current := drill.current) is not None:
        served.append(current)
        clock.advance(1)
        drill.answer(True)
    assert tuple(served) == questions
    summary = drill.finish()
    assert summary.completed and summary.seconds == 5
    with pytest.raises(ValueError, match="nothing to replay"):
        DrillSession.replay((), 1, clock)


@pytest.mark.parametrize(
    ("setting", "key", "standard"),
    [
        (DrillSetting(1), "1m:all", True),
        (DrillSetting(3, frozenset({"chain"})), "3m:chain", True),
        (DrillSetting(5, frozenset({"power"})), "5m:power", True),
        (DrillSetting(2), "2m:all", False),
        (DrillSetting(3, frozenset({"power", "chain"})), "3m:chain+power", False),
        (DrillSetting(3, replay=True), "replay:3m", False),
    ],
)
def test_settings(setting: DrillSetting, key: str, standard: bool) -> None:
    """Standard settings: 1, 3 or 5 minutes of all skills or of exactly one skill."""
    assert (setting.key, setting.standard) == (key, standard)


def test_standard_settings_list_and_bad_settings() -> None:
    """Each length for all skills, then per skill; nonsense settings are refused."""
    keys = [setting.key for setting in standard_settings(["power", "chain", "power"])]
    assert keys == [
        "1m:all", "1m:chain", "1m:power",
        "3m:all", "3m:chain", "3m:power",
        "5m:all", "5m:chain", "5m:power",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        DrillSetting(0)
    with pytest.raises(ValueError):
        DrillSetting(1, frozenset({"a+b"}))
