"""The Backprop Lab in the real question screen at 80x24, in English and Bengali: each
docstring says what the snapshot must show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from derivquest.content import load_catalog
from tests.ui.conftest import FIXTURES, AppFactory
from tests.ui.helpers import open_first_level, settle
from tests.ui.test_graph_lab_snapshots import steady_cursor

SnapCompare = Callable[..., bool]

PACK = FIXTURES / "backprop-fixed"
"""c = ab = 3, d = c + a = 4, L = d²: a = 1 is used twice, so ∂L/∂a = 24 + 8 = 32."""


async def _fan_out_not_summed(pilot: Pilot[Any]) -> None:
    await open_first_level(pilot)
    for text in ("3", "4", "8", "8", "8", "24"):  # c, d, ∂L/∂d, ∂L/∂c, ∂L/∂b; ∂L/∂a wrong
        await pilot.press(*text, "enter")
        await settle(pilot)
    await steady_cursor(pilot)


def _catalog() -> Any:
    return load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)


def test_question_screen_graph_mistake_en(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The question screen: title "A value used twice · Question 1 of 1", the prompt, the
    graph (a, b | c | d | L) with c 3✓, d 4✓, the gradients 8✓ and a's gradient 24✗ under
    the cursor; the lab's line gives a's hint ("Hint for a: a feeds c and d: ..."), the
    entry row reads "∂L/∂a = 24"; under it the saved verdict names the mistake ("a feeds 2
    nodes (c, d): add up the gradients ... Not quite: 24 is too small.") in the warning
    colour; the footer has the screen's hint, give-up, next and map keys."""
    app = make_game(catalog=_catalog())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_fan_out_not_summed)


def test_question_screen_graph_mistake_bn(snap_compare: SnapCompare, make_game: AppFactory) -> None:
    """The same moment in Bengali: the prompt, a's hint and the verdict's mistake sentence
    in Bengali, within 80 columns; the graph unchanged."""
    app = make_game(catalog=_catalog(), language="bn")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_fan_out_not_summed)
