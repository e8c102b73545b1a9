"""Review scheduling: Leitner boxes per skill, replayed from the answer log; weak and due first."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from derivquest.progress.drill import DrillSource
from derivquest.progress.mastery import Mastery, SkillEvent, SkillMastery, by_skill

BOXES = 5
"""Box 1 (shaky) to box 5 (solid)."""

INTERVAL_DAYS: Mapping[int, int] = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
"""Days until a skill is due again after a review that leaves it in this box."""


@dataclass(frozen=True, slots=True)
class BoxState:
    """Where a skill stands in the Leitner schedule."""

    skill: str
    box: int
    due: date
    last_seen: date


def schedule(skill: str, events: Sequence[SkillEvent]) -> BoxState:
    """Replay a skill's answers (oldest first, at least one) through the Leitner rule.

    A new skill starts in box 1, due the day it is first seen. On each answer, on day d:
    wrong: back to box 1, due d (it stays due until answered right); correct with no hint on
    or after the due day: up one box (at most 5), due d + INTERVAL_DAYS[box]; correct with a
    hint on or after the due day: same box, due d + 1; correct before the due day: no change
    (early practice neither promotes nor demotes).
    """
    first = date.fromtimestamp(events[0].answered_at)
    box, due, last = 1, first, first
    for event in events:
        day = date.fromtimestamp(event.answered_at)
        last = max(last, day)
        if not event.correct:
            box, due = 1, day
        elif day >= due and event.hints_used == 0:
            box = min(BOXES, box + 1)
            due = day + timedelta(days=INTERVAL_DAYS[box])
        elif day >= due:
            due = day + timedelta(days=1)
    return BoxState(skill, box, due, last)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A skill to review, with why."""

    skill: str
    reason: Literal["due", "weak"]
    """"due": its review day has come; "weak": not due but below proficient."""
    box: int
    due: date
    overdue_days: int
    mastery: Mastery


def review_queue(
    events: Iterable[SkillEvent],
    mastery: Mapping[str, SkillMastery],
    today: date,
    include_weak: bool = True,
) -> list[ReviewItem]:
    """Return the skills to review, most urgent first.

    Due skills come first (lowest box, then most overdue, then weakest); then, when
    `include_weak`, skills not due yet whose mastery is below PROFICIENT, weakest first.
    """
    items = []
    for skill, skill_events in by_skill(events).items():
        state = schedule(skill, skill_events)
        level = mastery[skill].level if skill in mastery else Mastery.ATTEMPTED
        overdue = (today - state.due).days
        if overdue >= 0:
            items.append(ReviewItem(skill, "due", state.box, state.due, overdue, level))
        elif include_weak and level < Mastery.PROFICIENT:
            items.append(ReviewItem(skill, "weak", state.box, state.due, overdue, level))
    return sorted(
        items,
        key=lambda item: (
            item.reason != "due",
            item.box if item.reason == "due" else item.mastery,
            -item.overdue_days,
            item.mastery,
            item.skill,
        ),
    )


def pick_review_questions(
    queue: Sequence[ReviewItem], source: DrillSource, count: int, rng: random.Random
) -> list[str]:
    """Return up to `count` question ids for a review session, taking skills in queue order.

    One random question per skill per pass, round-robin over the queue, never the same
    question twice; skills with no drillable question are passed over.
    """
    pools: dict[str, list[str]] = {item.skill: [] for item in queue}
    for entry in sorted(source.drill_items(), key=lambda entry: entry.question_id):
        for skill in entry.skills & pools.keys():
            pools[skill].append(entry.question_id)
    picked: list[str] = []
    while len(picked) < count:
        added = False
        for item in queue:
            choices = [qid for qid in pools[item.skill] if qid not in picked]
            if choices and len(picked) < count:
                picked.append(rng.choice(choices))
                added = True
        if not added:
            break
    return picked
