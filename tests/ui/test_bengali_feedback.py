"""A Bengali player reads every verdict in Bengali, with the point where the answer differs."""

from __future__ import annotations

import re

from derivquest.ui.screens.drill import DrillScreen
from tests.ui.conftest import AppFactory
from tests.ui.helpers import answer, open_first_level, settle, shown, to_map
from tests.ui.test_drills import HandClock

WITNESS_BN = re.compile(r"x = -?[\d.e+-]+ হলে আপনার উত্তর দেয় -?[\d.e+-]+, কিন্তু সেখানে সঠিক মান")
"""The Bengali witness: the point, the player's value and the right value."""


async def test_a_bengali_player_sees_the_mistake_and_the_witness(make_game: AppFactory) -> None:
    """The verdict names the chain-rule slip in Bengali and still shows where it differs."""
    app = make_game(language="bn")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_level(pilot)
        await answer(pilot, "5(3x+2)^4")
        verdict = " ".join(shown(app, "#verdict").split())
        assert verdict.startswith("Chain rule: বাইরের function-এর derivative")
        assert WITNESS_BN.search(verdict), verdict
        assert "right value" not in verdict and "Not quite" not in verdict


async def test_a_bengali_drill_shows_bengali_feedback(make_game: AppFactory) -> None:
    """A missed drill answer was followed by an English sentence; now it is Bengali."""
    app = make_game(language="bn", clock=HandClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await to_map(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("0", "enter")
        await settle(pilot)
        feedback = " ".join(shown(app, "#drill-feedback").split())
        assert feedback.startswith("ভুল: পুরোপুরি ঠিক হয়নি")
        assert "Not quite" not in feedback


async def test_a_bengali_player_reads_a_parse_error_in_bengali(make_game: AppFactory) -> None:
    """The live preview and the verdict of an unreadable answer: Bengali, with the caret."""
    app = make_game(language="bn")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_level(pilot)
        await pilot.press(*"sin(x")
        await settle(pilot)
        preview = shown(app, "#preview")
        assert "4 নম্বর কলামের '(' বন্ধ করার ')' নেই" in preview, preview
        assert "missing" not in preview
        await pilot.press("enter")
        await settle(pilot)
        verdict = " ".join(shown(app, "#verdict").split())
        assert "4 নম্বর কলামের '(' বন্ধ করার ')' নেই" in verdict, verdict
        assert "missing" not in verdict
