"""The play loop keeps the learner's place and always shows one next step (Pilot)."""

from __future__ import annotations

import pytest

from derivquest.game.session import GAVE_UP_SLOT, MAP_SLOT, PLAY_SLOT
from derivquest.progress import ProgressStore
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.level_complete import LevelCompleteScreen
from derivquest.ui.screens.question import QuestionScreen
from derivquest.ui.screens.question_list import QuestionListScreen
from derivquest.ui.widgets.answer_input import AnswerBox
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import answer, open_first_level, settle, shown, to_map

CHAIN = "game-test/first/chain"
NUMBER = "game-test/first/number"


def profile_id(store: ProgressStore) -> int:
    profile = store.profile_named(PLAYER)
    assert profile is not None
    return profile.id


def question(app: object) -> QuestionScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, QuestionScreen)
    return screen


@pytest.mark.parametrize(
    ("finish", "step"),
    [
        ("15(3x+2)^4", "Enter: next question"),  # right: the next question is one key away
        ("ctrl+g", "Enter: next question (this one earns no stars)"),  # given up
    ],
)
async def test_enter_goes_on_after_a_right_answer_or_a_give_up(
    make_game: AppFactory, finish: str, step: str
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert shown(app, "#next-step") == "Enter: check your answer"
        if finish == "ctrl+g":
            await pilot.press("ctrl+g")
            await settle(pilot)
        else:
            await answer(pilot, finish)
        assert shown(app, "#next-step") == step
        await pilot.press("enter")
        await settle(pilot)
        assert question(app).run.index == 1
        assert shown(app, "#verdict") == ""  # no verdict of the last question stays
        assert shown(app, "#solution") == ""


async def test_after_three_wrong_answers_enter_and_ctrl_n_go_on_with_the_solution_shown(
    make_game: AppFactory,
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        for wrong in ("x", "2x", "3x"):
            await pilot.press("ctrl+u")
            await answer(pilot, wrong)
        assert "Worked solution" in shown(app, "#solution")
        assert shown(app, "#next-step") == "Enter: next question (this one earns no stars)"
        assert not app._notifications  # no toast covers the solution
        assert question(app).query_one(AnswerBox).is_disabled  # nothing to type for credit
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert question(app).run.index == 1


async def test_ctrl_n_before_answering_says_what_to_do_instead_of_a_toast(
    make_game: AppFactory,
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert question(app).run.index == 0
        assert shown(app, "#next-step").startswith("Answer first, or Ctrl+G")


async def test_a_ctrl_n_pressed_while_checking_is_not_dropped(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press(*"15(3x+2)^4")
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")  # Ctrl+N arrives before the verdict
        await settle(pilot)
        await settle(pilot)
        assert question(app).run.index == 1


async def test_esc_to_the_map_and_back_keeps_the_question_and_the_draft(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await answer(pilot, "15(3x+2)^4")
        await pilot.press("enter")  # on to the second question
        await settle(pilot)
        await pilot.press(*"1/")
        await settle(pilot)
        seed = question(app).run.play.seed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        point = store.resume_point(profile_id(store), PLAY_SLOT)
        assert point is not None and (point.question_id, point.typed) == (NUMBER, "1/")
        assert "Enter continues at question 2" in shown(app, "#level-details")
        await pilot.press("enter")  # the same level again: no lesson, the same place
        await settle(pilot)
        screen = question(app)
        assert (screen.run.index, screen.run.play.seed) == (1, seed)
        box = screen.query_one(AnswerBox)
        assert box.value == "1/"
        assert (box.cursor_position, box.selected_text) == (2, "")  # the cursor at its end
        await pilot.press("4")
        assert box.value == "1/4"


async def test_reopening_a_level_continues_at_its_first_unsolved_question(
    make_game: AppFactory, store: ProgressStore
) -> None:
    store.record_attempt(profile_id(store), CHAIN, "15(3x+2)^4", correct=True, seconds=1.0)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert question(app).run.index == 1  # question 1 is solved: no lesson, question 2


async def test_finishing_a_level_clears_its_place_and_shows_the_summary(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+t")  # one hint: two stars at most
        await answer(pilot, "15(3x+2)^4")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g")  # gave up: no stars
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert shown(app, "#next-step") == "Enter: finish the level"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LevelCompleteScreen)
        summary = shown(app, "#level-summary")
        assert summary.splitlines()[0] == "Stars: ★☆☆"  # (1 + 0 + 3) / 3 rounded down
        assert "hints used" in summary and "not solved" in summary
        assert "What is sigmoid'(0)?" in summary
        assert "Enter: next level, Second level" in summary
        assert "Level complete" not in "".join(str(n.message) for n in app._notifications)
        assert store.resume_point(profile_id(store), PLAY_SLOT) is None
        await pilot.press("enter")  # on to the next level (its lesson first)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert question(app).run.level_id == "second"


async def test_a_give_up_survives_quitting_and_cannot_then_earn_credit(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert store.resume_point(profile_id(store), GAVE_UP_SLOT) is not None
    again = make_game()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = question(again)
        assert screen.run.play.gave_up
        assert "Worked solution" in shown(again, "#solution")
        assert screen.query_one(AnswerBox).is_disabled  # the answer cannot be typed for credit
        await pilot.press("enter")
        await settle(pilot)
        assert question(again).run.index == 1
    progress = store.question_progress(profile_id(store), CHAIN)
    assert progress is None  # nothing was answered, nothing counted


async def test_quitting_on_the_map_comes_back_on_the_map(
    make_game: AppFactory, store: ProgressStore
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press(*"15(")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert store.resume_point(profile_id(store), MAP_SLOT) is not None
    again = make_game()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, CourseMapScreen)
        await pilot.press("enter")  # the level still has its place
        await settle(pilot)
        assert question(again).query_one(AnswerBox).value == "15("
    assert store.resume_point(profile_id(store), MAP_SLOT) is None  # in a question again


async def test_the_list_of_questions_jumps_to_one(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, QuestionListScreen)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert question(app).run.index == 2
        assert shown(app, "#prompt") == "What does the derivative measure?"
        assert shown(app, "#next-step") == "Press an option's number"


async def test_the_drill_setup_fits_80x24_with_the_built_in_course(
    make_game: AppFactory,
) -> None:
    from textual.widgets import Button, RadioButton

    from derivquest.content import load_catalog
    from derivquest.game.drill import CatalogDrillSource
    from derivquest.ui.screens.drill_setup import DrillSetupScreen

    app = make_game(catalog=load_catalog(user=False, entry_points=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DrillSetupScreen)
        start = app.screen.query_one("#drill-start", Button)
        assert 0 <= start.region.y and start.region.bottom <= 24 and start.region.width > 0
        labels = [str(button.label) for button in app.screen.query(RadioButton)]
        assert "/" not in "".join(labels)  # readable names, no ids
        everything = CatalogDrillSource(app.catalog).skills()
        assert set(app.screen.skills) < set(everything)  # a new player's open levels only
        await pilot.click("#drill-start")
        await settle(pilot)
        assert not isinstance(app.screen, DrillSetupScreen)


async def test_hints_show_math_without_backticks(make_game: AppFactory) -> None:
    from derivquest.content import load_catalog

    app = make_game(catalog=load_catalog(user=False, entry_points=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        for _ in range(3):
            await pilot.press("ctrl+t")
        await settle(pilot)
        hints = shown(app, "#hints")
        assert hints and "`" not in hints


async def test_a_plot_question_says_enter_checks(
    make_game: AppFactory, store: ProgressStore
) -> None:
    store.record_level_result(profile_id(store), "game-test/first", stars=3, seconds=1.0)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert shown(app, "#prompt") == "Move x0 to where f'(x) = 0."
        assert shown(app, "#next-step") == "Enter: check your answer"


async def test_the_next_step_and_the_level_summary_in_bengali(make_game: AppFactory) -> None:
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert shown(app, "#next-step") == "Enter: উত্তর যাচাই করুন"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert shown(app, "#next-step") == "Enter: পরের প্রশ্ন (এটায় কোনো তারা নেই)"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LevelCompleteScreen)
        summary = shown(app, "#level-summary")
        assert summary.startswith("তারা: ☆☆☆") and "সমাধান হয়নি" in summary
        assert "Enter: পরের level, দ্বিতীয় level" in summary
