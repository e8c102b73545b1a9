"""The game with hostile packs: it starts, lists them as broken, and never freezes on one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.content import load_catalog
from derivquest.content.starter import write_starter
from derivquest.engine import JudgeService
from derivquest.progress import ProgressStore
from derivquest.ui.app import DerivQuestApp
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.question import QuestionScreen
from tests.ui.conftest import GAME_PACK, PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle, shown, to_map

SLOW = "(x+1)^1000 + (x+2)^1000"
"""SymPy takes minutes to tidy this derivative: it overruns any deadline."""

SLOW_LEVEL = f"""\
id = "slow"
title = "Slow"
lesson = "A function that takes minutes to differentiate."

[[questions]]
id = "q"
kind = "derivative"
prompt = "Differentiate `{{function}}`."
function = "{SLOW}"
solution = "It is {{answer}}."
"""


def hostile_pack(folder: Path, level: str) -> Path:
    """A one-level pack whose level file is `level`."""
    write_starter(folder, folder.name)
    (folder / "levels" / "01-first-steps.toml").write_text(level, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hasty_judge() -> Iterator[JudgeService]:
    """A one-second checker: SLOW overruns it by minutes, so the test cannot be flaky."""
    with JudgeService(deadline=1.0) as service:
        yield service


async def test_the_game_starts_with_a_deep_and_a_huge_pack_and_lists_them(
    tmp_path: Path, make_game: AppFactory
) -> None:
    deep = hostile_pack(tmp_path / "deep", "x = " + "[" * 3000 + "]" * 3000 + "\n")
    huge = hostile_pack(tmp_path / "huge", "")
    with open(huge / "levels" / "01-first-steps.toml", "wb") as handle:
        handle.truncate(50_000_000)
    extra = [GAME_PACK, deep, huge]
    catalog = load_catalog(extra=extra, builtin=False, user=False, entry_points=False)
    app = make_game(catalog=catalog)
    async with app.run_test(size=(120, 30)) as pilot:
        await to_map(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert [pack.pack_id for pack in app.screen.packs] == ["game-test"]
        problems = " ".join(shown(app, "#map-problems").split())
        assert "nested too deeply (more than 32 levels of arrays or tables)" in problems
        assert "too large (50 MB; the limit is 1 MB)" in problems


async def test_opening_a_slow_question_shows_a_notice_instead_of_freezing(
    tmp_path: Path, store: ProgressStore, hasty_judge: JudgeService
) -> None:
    """The game used to hang on opening this level (Esc did nothing)."""
    pack = hostile_pack(tmp_path / "slow", SLOW_LEVEL)
    catalog = load_catalog(extra=[pack], builtin=False, user=False, entry_points=False)
    assert catalog.broken == ()
    app = DerivQuestApp(catalog, store, hasty_judge, owns_judge=False, profile=PLAYER)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+g")
        await settle(pilot)
        solution = " ".join(shown(app, "#solution").split())
        assert "the answer took too long to work out" in solution
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QuestionScreen)
