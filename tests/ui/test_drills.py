"""Timed drills on screen with a clock the test moves: countdown, scoring, records, replay."""

from __future__ import annotations

from dataclasses import dataclass

from derivquest.progress import ProgressStore
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.drill import DrillScreen
from derivquest.ui.screens.drill_summary import DrillSummaryScreen
from derivquest.ui.screens.history import HistoryScreen
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import settle, shown, to_map


@dataclass
class HandClock:
    """A monotonic clock that only moves when the test says so."""

    now: float = 1000.0

    def monotonic(self) -> float:
        return self.now


ANSWERS = {"Differentiate (3x + 2)^5.": "15(3x+2)^4", "What is sigmoid'(0)?": "1/4"}


async def answer_current(pilot, app, right: bool = True) -> None:  # type: ignore[no-untyped-def]
    prompt = shown(app, "#drill-prompt").splitlines()[0]
    await pilot.press(*(ANSWERS[prompt] if right else "0"))
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_full_drill_scores_counts_down_and_sets_a_record(
    make_game: AppFactory, store: ProgressStore
) -> None:
    clock = HandClock()
    app = make_game(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")  # 3 minutes, all skills: a standard setting
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert str(app.screen.query_one("#drill-clock").render()) == "03:00"
        await answer_current(pilot, app)
        assert shown(app, "#drill-feedback").startswith("+150")  # 100 + 50 speed bonus
        clock.now += 7.0  # 7 s on the second question: speed bonus 50 - 35, streak +10
        await answer_current(pilot, app)
        assert shown(app, "#drill-feedback").startswith("+125")
        clock.now += 60.0
        await pilot.pause(0.3)
        assert str(app.screen.query_one("#drill-clock").render()) == "01:53"
        await answer_current(pilot, app, right=False)
        assert shown(app, "#drill-feedback").startswith("Missed:")
        clock.now += 200.0  # time is up
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, DrillSummaryScreen)
        summary = shown(app, "#summary-text")
        assert summary.startswith("Score: 275\n2 of 3 right (67%)")
        assert "New personal best!" in summary
        # Items by the question as the player saw it, never by id.
        missed = summary.split("Missed\n  ", 1)[1].splitlines()[0]
        assert missed in {"Differentiate (3x + 2)^5.", "What is sigmoid'(0)?"}
        assert "game-test/" not in summary
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "3m:all: 275" in shown(app, "#history-bests")
    profile = store.profile_named(PLAYER)
    assert profile is not None
    assert store.drills.personal_bests(profile.id) == {"3m:all": 275}


async def test_ending_early_keeps_no_record_and_replay_serves_the_missed_item(
    make_game: AppFactory, store: ProgressStore
) -> None:
    clock = HandClock()
    app = make_game(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("d", "enter")
        await settle(pilot)
        missed = shown(app, "#drill-prompt").splitlines()[0]
        await answer_current(pilot, app, right=False)
        await pilot.press("escape")  # end early: not a completed drill
        await settle(pilot)
        summary = shown(app, "#summary-text")
        assert "New personal best!" not in summary
        await pilot.press("r")  # replay exactly what was missed
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert shown(app, "#drill-prompt").splitlines()[0] == missed
        await answer_current(pilot, app)
        await settle(pilot)
        assert isinstance(app.screen, DrillSummaryScreen)  # the replay ends when all are done
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
    profile = store.profile_named(PLAYER)
    assert profile is not None and store.drills.personal_bests(profile.id) == {}
    assert len(store.drills.history(profile.id)) == 2


async def test_review_after_a_mistake_is_due_on_the_map(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("r")  # nothing answered yet: nothing to review
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        await pilot.press("d", "enter")
        await settle(pilot)
        await answer_current(pilot, app, right=False)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # summary -> map
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert shown(app, "#map-due") == "Due for review today: chain (press r)"
        await pilot.press("r")
        await settle(pilot)
        assert shown(app, "#question-title").startswith("Review: due and weak skills")
