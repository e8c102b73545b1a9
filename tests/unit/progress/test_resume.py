"""Resume points come back exactly as saved, per profile and slot, across a reopen."""

from __future__ import annotations

import pytest

from derivquest.progress import Profile, ProgressStore, ResumePoint
from tests.unit.progress.conftest import WallClock

Q = "calc-for-ml/chain-rule/q7"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "15(3x+2)^4",
        "  e^x(1+x)  ",  # leading and trailing spaces
        "σ(x)(1−σ(x)) · 2x²",  # non-ASCII
        "line one\nline two\r\n\ttab",
        "nul\x00inside",
        "🦀" * 500,
    ],
)
def test_resume_is_exact_after_reopen(wall: WallClock, typed: str) -> None:
    """Save a resume point with typed text, close, reopen: the very same point comes back."""
    point = ResumePoint(Q, 2**64 - 1, typed, round_number=3, hints_shown=2)
    with ProgressStore(now=wall) as store:
        store.save_resume_point(store.create_profile("ana").id, point)
    with ProgressStore(now=wall) as store:
        loaded = store.resume_point(store.create_profile("ana").id)
    assert loaded == point
    assert loaded is not None
    assert (loaded.typed, loaded.variant_seed) == (typed, 2**64 - 1)
    assert (loaded.pack, loaded.level, loaded.question) == ("calc-for-ml", "chain-rule", "q7")
    assert loaded.saved_at == wall.now


def test_slots_and_profiles_are_separate(store: ProgressStore, ana: Profile) -> None:
    """Each profile has one point per slot; a new save replaces the old one."""
    bo = store.create_profile("bo")
    store.save_resume_point(ana.id, ResumePoint(Q, 1, "a"))
    store.save_resume_point(ana.id, ResumePoint(Q, 2, "b", slot="review"))
    store.save_resume_point(ana.id, ResumePoint(Q, 3, "c"))
    assert store.resume_point(ana.id) == ResumePoint(Q, 3, "c")
    assert store.resume_point(ana.id, "review") == ResumePoint(Q, 2, "b", slot="review")
    assert store.resume_point(bo.id) is None
    store.clear_resume_point(ana.id)
    assert store.resume_point(ana.id) is None


def test_resume_on_a_removed_question_is_ignored(store: ProgressStore, ana: Profile) -> None:
    """With the known ids, a point on a question no pack has is None (but kept)."""
    store.save_resume_point(ana.id, ResumePoint("old/level/q", 5, "x"))
    assert store.resume_point(ana.id, known_ids={Q}) is None
    assert store.resume_point(ana.id, known_ids={"old/level/q"}) == ResumePoint(
        "old/level/q", 5, "x"
    )


@pytest.mark.parametrize(
    "point",
    [ResumePoint("not-an-id", 1), ResumePoint(Q, -1), ResumePoint(Q, 2**64)],
)
def test_bad_resume_points_are_refused(
    store: ProgressStore, ana: Profile, point: ResumePoint
) -> None:
    """Malformed ids and out-of-range seeds raise ValueError."""
    with pytest.raises(ValueError):
        store.save_resume_point(ana.id, point)
