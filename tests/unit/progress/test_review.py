"""Review: the Leitner schedule replayed from the answers, due and weak skills first."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from derivquest.progress import DrillItem, Mastery, Profile, ProgressStore, pick_review_questions
from derivquest.progress.mastery import SkillEvent, mastery_by_skill
from derivquest.progress.review import BoxState, ReviewItem, review_queue, schedule
from tests.unit.progress.conftest import WallClock
from tests.unit.progress.test_drill import Source

DAY0 = date(2025, 3, 10)


def on(day: int, mark: str, skill: str = "chain", hour: int = 12) -> SkillEvent:
    """An answer on DAY0 + day: `c` clean, `h` with a hint, `x` wrong."""
    moment = datetime.combine(DAY0 + timedelta(days=day), datetime.min.time()).replace(hour=hour)
    return SkillEvent(skill, "p/l/q", moment.timestamp(), mark != "x", int(mark == "h"), 5.0)


@pytest.mark.parametrize(
    ("answers", "box", "due_day"),
    [
        ([(0, "c")], 2, 2),  # first clean answer: box 2, due in 2 days
        ([(0, "x")], 1, 0),  # wrong: box 1, due now
        ([(0, "h")], 1, 1),  # with a hint: same box, tomorrow
        ([(0, "c"), (0, "c"), (1, "c")], 2, 2),  # practice before the due day changes nothing
        ([(0, "c"), (2, "c")], 3, 6),  # on the due day: up a box, 4 days
        ([(0, "c"), (2, "c"), (6, "c"), (14, "c")], 5, 30),  # 2, 4, 8, then 16 days
        ([(0, "c"), (2, "c"), (6, "c"), (14, "c"), (30, "c")], 5, 46),  # box 5 stays
        ([(0, "c"), (2, "c"), (3, "x")], 1, 3),  # a miss sends it back to box 1, due
        ([(0, "c"), (2, "c"), (3, "x"), (3, "c")], 2, 5),  # then climbs again
        ([(0, "c"), (9, "h")], 2, 10),  # late with a hint: stays, tomorrow
        ([(0, "x", 23), (1, "c", 0)], 2, 3),  # the calendar day counts, not 24 hours
    ],
)
def test_leitner_rule(answers: list[tuple[int, ...]], box: int, due_day: int) -> None:
    """Each case replays answers day by day and checks the box and the due date."""
    events = [on(int(a[0]), str(a[1]), hour=int(a[2]) if len(a) > 2 else 12) for a in answers]
    state = schedule("chain", events)
    assert (state.box, state.due) == (box, DAY0 + timedelta(days=due_day))
    assert state == BoxState("chain", box, state.due, DAY0 + timedelta(days=int(answers[-1][0])))


def test_queue_order() -> None:
    """Due skills first (lowest box, most overdue), then weak ones; strong undue ones not."""
    events = [
        on(0, "c", "power"),  # box 2, due day 2: overdue by 3 on day 5
        on(0, "c", "exp"), on(2, "c", "exp"),  # box 3, due day 6: not due; familiar? no: 2 clean
        on(4, "x", "chain"),  # box 1, due day 4: overdue by 1
        on(3, "c", "trig"),  # box 2, due day 5: due today
        *[on(0, "c", "log"), on(0, "c", "log"), on(0, "c", "log"), on(0, "c", "log"),
          on(0, "c", "log"), on(2, "c", "log")],  # box 3, due day 6, proficient: left out
    ]  # fmt: skip
    mastery = mastery_by_skill(events)
    queue = review_queue(events, mastery, DAY0 + timedelta(days=5))
    assert [(item.skill, item.reason, item.box, item.overdue_days) for item in queue] == [
        ("chain", "due", 1, 1),
        ("power", "due", 2, 3),
        ("trig", "due", 2, 0),
        ("exp", "weak", 3, -1),
    ]
    only_due = review_queue(events, mastery, DAY0 + timedelta(days=5), include_weak=False)
    assert [item.skill for item in only_due] == ["chain", "power", "trig"]


def test_due_today_from_the_store(store: ProgressStore, ana: Profile, wall: WallClock) -> None:
    """The game's "what is due today": nothing the day after a clean answer, then due."""
    store.record_attempt(ana.id, "calc/chain/q1", "x", correct=True, seconds=2, skills=["chain"])
    store.record_attempt(ana.id, "calc/exp/q1", "x", correct=False, seconds=2, skills=["exp"])
    today = date.fromtimestamp(wall.now)
    assert [item.skill for item in store.skills.due_today(ana.id, today)] == ["exp"]
    assert [item.skill for item in store.skills.due_today(ana.id, today + timedelta(days=2))] == [
        "exp",
        "chain",
    ]
    review = store.skills.review(ana.id, today)
    assert [(item.skill, item.reason) for item in review] == [("exp", "due"), ("chain", "weak")]
    assert store.skills.due_today(ana.id, today, known_ids={"calc/chain/q1"}) == []
    wall.advance(2 * 86_400)
    assert [item.skill for item in store.skills.due_today(ana.id)] == ["exp", "chain"]


def test_picking_questions_for_a_review() -> None:
    """Round-robin over the queue in order, one new question per skill per pass."""
    queue = [
        ReviewItem("chain", "due", 1, DAY0, 0, Mastery.ATTEMPTED),
        ReviewItem("exp", "due", 2, DAY0, 0, Mastery.FAMILIAR),
        ReviewItem("trig", "weak", 1, DAY0, -1, Mastery.ATTEMPTED),  # no question has it
    ]
    picked = pick_review_questions(queue, Source(), 10, random.Random(1))
    assert picked[1] == "calc/exp/q1"
    assert set(picked) == {"calc/chain/q1", "calc/chain/q2", "calc/exp/q1"}
    assert len(picked) == 3
    assert pick_review_questions(queue, Source(), 1, random.Random(1))[0].startswith("calc/chain")
    only = Source([DrillItem("a/b/c", frozenset({"exp"}))])
    assert pick_review_questions(queue, only, 5, random.Random(1)) == ["a/b/c"]
