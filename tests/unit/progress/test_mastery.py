"""Mastery levels from the last answers of a skill: accuracy without hints, and speed."""

from __future__ import annotations

import pytest

from derivquest.progress import Mastery, Profile, ProgressStore
from derivquest.progress.mastery import WINDOW, SkillEvent, classify, mastery_by_skill
from tests.unit.progress.conftest import NOON, WallClock


def events(pattern: str, seconds: float = 5.0) -> list[SkillEvent]:
    """Answers from a pattern: `c` clean, `h` correct with a hint, `x` wrong."""
    return [
        SkillEvent("chain", "p/l/q", NOON + n, mark != "x", int(mark == "h"), seconds)
        for n, mark in enumerate(pattern)
    ]


@pytest.mark.parametrize(
    ("pattern", "seconds", "level"),
    [
        ("", 5, Mastery.NEW),
        ("x", 5, Mastery.ATTEMPTED),
        ("cc", 5, Mastery.ATTEMPTED),  # too few answers for familiar
        ("cxx", 5, Mastery.ATTEMPTED),  # 1/3 clean
        ("ccx", 5, Mastery.FAMILIAR),
        ("chh", 5, Mastery.ATTEMPTED),  # hints do not count as clean
        ("cccxh", 5, Mastery.FAMILIAR),  # 3/5 clean
        ("ccccx", 5, Mastery.PROFICIENT),  # 4/5 = 80 %
        ("cccccccx", 5, Mastery.PROFICIENT),  # 7/8 = 87.5 % < 90 %
        ("ccccccccc", 5, Mastery.MASTERED),
        ("ccccccccc", 25, Mastery.PROFICIENT),  # accurate but slow
        ("cccccccccx", 5, Mastery.MASTERED),  # 9/10
        ("xxxxxxxxxxccccccccc", 5, Mastery.MASTERED),  # old mistakes leave the window
        ("ccccccccccxxxxx", 5, Mastery.FAMILIAR),  # recent mistakes count: 5/10
    ],
)
def test_levels(pattern: str, seconds: float, level: Mastery) -> None:
    """The first rule met, from the top: mastered, proficient, familiar, attempted."""
    found = classify("chain", events(pattern, seconds))
    assert found.level == level
    assert found.answers == min(len(pattern), WINDOW)
    assert found.total_answers == len(pattern)


def test_figures() -> None:
    """Clean rate and the median time of clean answers in the window."""
    found = classify("chain", events("ccxh") + events("c", seconds=11))
    assert (found.clean, found.answers, found.clean_rate) == (3, 5, 0.6)
    assert found.median_seconds == 5.0
    assert found.level.label == "familiar"


def test_every_skill_and_unanswered_ones() -> None:
    """Skills are grouped; skills asked for but never answered are NEW."""
    mixed = events("ccc") + [SkillEvent("exp", "p/l/q", NOON, False, 0, 1.0)]
    found = mastery_by_skill(mixed, skills=["trig"])
    assert {skill: m.level for skill, m in found.items()} == {
        "chain": Mastery.FAMILIAR,
        "exp": Mastery.ATTEMPTED,
        "trig": Mastery.NEW,
    }


def test_from_the_store(store: ProgressStore, ana: Profile, wall: WallClock) -> None:
    """Answers of every mode count; answers to removed questions are ignored on request."""
    for mode in ("play", "drill", "review", "play", "drill"):
        wall.advance(60)
        store.record_attempt(
            ana.id, "calc/chain/q1", "x", correct=True, seconds=3, skills=["chain"], mode=mode
        )
    for _ in range(2):
        store.record_attempt(ana.id, "gone/l/q", "x", correct=False, seconds=3, skills=["chain"])
    assert store.skills.mastery(ana.id)["chain"].level == Mastery.FAMILIAR  # 5 clean of 7
    known = store.skills.mastery(ana.id, known_ids={"calc/chain/q1"}, skills=["exp"])
    assert known["chain"].level == Mastery.PROFICIENT
    assert known["exp"].level == Mastery.NEW
