"""Drills serve small graph questions: one gradient to find in the lab, one entry answers it."""

from __future__ import annotations

from derivquest.content import load_catalog
from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.judging import right_number
from derivquest.kinds.graph.view import GraphLab
from derivquest.ui.screens.drill import DrillScreen
from tests.ui.conftest import FIXTURES, AppFactory
from tests.ui.helpers import settle, shown, to_map


async def test_a_drill_asks_the_gradient_at_one_node(make_game: AppFactory) -> None:
    catalog = load_catalog(
        extra=[FIXTURES / "backprop-fixed"], builtin=False, user=False, entry_points=False
    )
    app = make_game(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")  # 3 minutes, all skills
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        lab = app.screen.query_one(GraphLab)
        graph = lab.state.instance
        [slot] = graph.slots()  # everything else is given
        node = slot[0]
        assert slot == (node, "grad") and node in ("a", "b")
        assert shown(app, "#drill-prompt").startswith(f"Find ∂L/∂{node}")
        await pilot.press(*format_value(right_number(graph, slot)), "enter")
        await settle(pilot)
        assert shown(app, "#drill-feedback").startswith("+")  # right: scored, the drill goes on
