"""Playing through the screens with the keyboard, as a player would (Pilot)."""

from __future__ import annotations

from typing import Any

import pytest

from derivquest.progress import ProgressStore, StoreUnavailableError
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.lesson import LessonScreen
from derivquest.ui.screens.level_complete import LevelCompleteScreen
from derivquest.ui.screens.question import QuestionScreen
from derivquest.ui.screens.too_small import TooSmallScreen
from derivquest.ui.widgets.answer_input import AnswerInput
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import answer, open_first_level, settle, shown, to_map

CHAIN = "game-test/first/chain"


def profile_id(store: ProgressStore) -> int:
    profile = store.profile_named(PLAYER)
    assert profile is not None
    return profile.id


async def test_the_function_to_differentiate_is_pretty_printed(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert shown(app, "#prompt").splitlines() == [
            "Differentiate (3x + 2)^5.",
            "",
            "         5",
            "(3⋅x + 2) ",
        ]


async def test_a_broken_pack_is_listed_on_the_map_and_the_rest_load(make_game: AppFactory) -> None:
    from derivquest.content import load_catalog
    from tests.ui.conftest import FIXTURES, GAME_PACK

    broken = FIXTURES / "broken" / "duplicate-level-id"
    catalog = load_catalog(extra=[GAME_PACK, broken], builtin=False, user=False, entry_points=False)
    assert catalog.broken, "the fixture must fail to load"
    app = make_game(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert [pack.pack_id for pack in app.screen.packs] == ["game-test"]
        problems = shown(app, "#map-problems")
        assert str(broken) in problems and "duplicate" in problems.lower()


async def test_settings_change_language_and_are_saved(make_game: AppFactory) -> None:
    from derivquest.settings import load_settings

    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.click("#language RadioButton:last-of-type")
        await pilot.press("escape")
        await settle(pilot)
        assert app.language == "bn"
        assert isinstance(app.screen, CourseMapScreen)
        assert app.screen.packs[0].title == "Test course (বাংলা)"
    assert load_settings().language == "bn"


async def test_a_right_answer_is_saved_before_the_verdict_shows(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await answer(pilot, "15(3x+2)^4")
        assert shown(app, "#verdict") == "Correct!"
        progress = store.question_progress(profile_id(store), CHAIN)
        assert progress is not None and progress.solved and progress.attempts == 1


async def test_an_answer_the_store_cannot_save_is_kept_for_a_retry(
    make_game: AppFactory, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The school's database is away: no verdict, the screen says so, the answer stays."""
    saving = store.record_attempt
    failures = [StoreUnavailableError("cannot reach the progress database (restarting).")]

    def record(*args: Any, **kwargs: Any) -> None:
        if failures:
            raise failures.pop()
        saving(*args, **kwargs)

    monkeypatch.setattr(store, "record_attempt", record)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await answer(pilot, "15(3x+2)^4")
        assert shown(app, "#verdict").startswith("Not saved, so not checked yet: cannot reach")
        assert app.screen.query_one("#answer-input", AnswerInput).value == "15(3x+2)^4"
        assert store.question_progress(profile_id(store), CHAIN) is None
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict") == "Correct!"
        progress = store.question_progress(profile_id(store), CHAIN)
        assert progress is not None and progress.attempts == 1


async def test_a_place_the_store_cannot_save_is_a_warning_not_a_crash(
    make_game: AppFactory, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a hint saves the place; with the database away the game warns and goes on."""

    def away(*args: Any, **kwargs: Any) -> None:
        raise StoreUnavailableError("cannot reach the progress database (restarting).")

    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        monkeypatch.setattr(store, "save_resume_point", away)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.is_running
        assert any("Not saved: cannot reach" in str(note.message) for note in app._notifications)


async def test_a_wrong_answer_names_the_mistake(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await answer(pilot, "5(3x+2)^4")
        verdict = shown(app, "#verdict")
        assert verdict.startswith("Chain rule: you differentiated the outer function")
        assert app.screen.query_one("#verdict").has_class("incorrect")
        progress = store.question_progress(profile_id(store), CHAIN)
        assert progress is not None and not progress.solved and progress.attempts == 1


async def test_an_unreadable_answer_is_not_counted(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press(*"sin(x))")
        await settle(pilot)
        assert "unexpected ')' at column 7" in shown(app, "#preview")
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict") == "unexpected ')' at column 7"
        assert store.question_progress(profile_id(store), CHAIN) is None


async def test_hints_come_one_at_a_time(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert shown(app, "#hints") == "Outside: u^5. Inside: 3x + 2."
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert shown(app, "#hints").splitlines()[-1] == "Multiply 5(3x+2)^4 by 3."
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert len(shown(app, "#hints").splitlines()) == 2


async def test_giving_up_shows_the_worked_solution_and_moving_on(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+n")  # not finished yet: stays
        await settle(pilot)
        assert app.screen.run.index == 0  # type: ignore[attr-defined]
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "Worked solution" in shown(app, "#solution")
        assert "15*(3*x + 2)^4" in shown(app, "#solution")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.run.index == 1  # type: ignore[attr-defined]
        assert shown(app, "#prompt") == "What is sigmoid'(0)?"


async def test_the_solution_shows_after_three_wrong_answers(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        for wrong in ("x", "2x", "3x"):
            assert shown(app, "#solution") == ""
            await pilot.press("ctrl+u")  # clear the box
            await answer(pilot, wrong)
        assert "Worked solution" in shown(app, "#solution")


async def test_finishing_a_level_unlocks_the_next_with_stars(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await answer(pilot, "15(3x+2)^4")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await answer(pilot, "0.25")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("2")  # choice by number key
        await settle(pilot)
        assert shown(app, "#verdict") == "Correct! Yes: the slope of the tangent."
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, LevelCompleteScreen)
        assert shown(app, "#level-summary").startswith("Stars: ★★★")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        levels = {entry.level_id: entry for pack in app.screen.packs for entry in pack.levels}
        assert levels["first"].completed and levels["first"].stars == 3
        assert not levels["second"].locked
    summary = store.summary(profile_id(store), [CHAIN], ["game-test/first"])
    assert summary.levels["game-test/first"].stars == 3


async def test_a_plot_question_is_answered_on_the_chart(
    make_game: AppFactory, store: ProgressStore
) -> None:
    store.record_level_result(profile_id(store), "game-test/first", stars=3, seconds=1.0)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)  # the first unfinished open level: the plot level
        assert shown(app, "#prompt") == "Move x0 to where f'(x) = 0."
        await pilot.press("enter")  # x0 = 0: f'(0) = -4
        await settle(pilot)
        assert shown(app, "#verdict") == "f'(0) = -4; the goal is 0."
        for _ in range(4):
            await pilot.press("right")  # x0 = 2
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#verdict") == "Correct! f'(2) = 0: goal reached."


async def test_below_80x24_a_message_replaces_the_layout(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "at least 80×24 (now 60×20)" in shown(app, "#too-small-message")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)  # the new player's first lesson is back


async def test_quitting_and_coming_back_resumes_exactly(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+t")
        await pilot.press(*"15(3x+2")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    again = make_game()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, QuestionScreen)
        assert again.screen.query_one("#answer").value == "15(3x+2"  # type: ignore[attr-defined]
        assert shown(again, "#hints") == "Outside: u^5. Inside: 3x + 2."


async def test_the_bengali_course(make_game: AppFactory) -> None:
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert shown(app, "#prompt").splitlines()[0] == "(3x + 2)^5-এর derivative নিন।"
        await answer(pilot, "5(3x+2)^4")
        assert shown(app, "#verdict").startswith("Chain rule: বাইরের function-এর derivative")


def test_help_documents_the_keys_the_screens_bind() -> None:
    from derivquest.ui.screens.help import HELP_BN, HELP_EN

    shown_keys = [b.key for b in QuestionScreen.BINDINGS if b.show]  # type: ignore[union-attr]
    for key in shown_keys:
        if key.startswith("ctrl+"):
            label = "Ctrl+" + key.removeprefix("ctrl+").upper()
            assert label in HELP_EN and label in HELP_BN, f"help does not mention {label}"


async def test_the_skills_screen_shows_mastery_after_answers(make_game: AppFactory) -> None:
    from derivquest.ui.screens.skills import SkillsScreen

    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await answer(pilot, "15(3x+2)^4")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SkillsScreen)
        chain = app.screen.skills["chain"]
        assert (chain.answers, chain.clean, chain.level.name) == (1, 1, "ATTEMPTED")
