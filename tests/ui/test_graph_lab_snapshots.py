"""Pictures of the Backprop Lab at 80x24: each docstring says what the snapshot must show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.helpers import settle
from tests.ui.test_graph_lab import NEURON, LabApp
from tests.unit.kinds.graph.graphs import example_in, example_instance

SnapCompare = Callable[..., bool]


async def steady_cursor(pilot: Pilot[Any]) -> None:
    """Stop the entry box's cursor blinking (shown), so a picture does not depend on timing."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


async def _play_neuron_with_a_mistake(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    for text in ("2", "2"):  # p and z right
        await pilot.press(*text, "enter")
        await settle(pilot)
    await pilot.press("2", "enter")  # a = z: sigmoid not applied
    await settle(pilot)
    await steady_cursor(pilot)


def test_graph_lab_mistake_en(snap_compare: SnapCompare) -> None:
    """The single neuron left to right (x, w | b, p | z | a, y | d | L): p and z show 2✓,
    a shows 2✗ with the cursor on it in reverse, its input edge from z heavy; the status
    names the mistake ("That is the input z; apply sigmoid to it to get a.") then
    "Not quite: 2 is too large."; the entry row reads "a =" and the footer lists the keys.
    The game's default 16-colour theme."""
    app = LabApp(example_instance("neuron", **NEURON))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_play_neuron_with_a_mistake)


def test_graph_lab_mistake_bn(snap_compare: SnapCompare) -> None:
    """The same moment in Bengali, in the 256-colour theme: the prompt and the mistake's
    sentence in Bengali within 80 columns, the graph unchanged."""
    app = LabApp(example_in("bn", "neuron", **NEURON), language="bn", theme="textual-dark")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_play_neuron_with_a_mistake)


def test_graph_lab_two_layer_animation(snap_compare: SnapCompare) -> None:
    """The two-layer network after giving up, three steps into the backward pass: ∂L/∂L = 1,
    ∂L/∂d, ∂L/∂o and ∂L/∂y filled in, the other gradients blank, the edge o -> d drawn heavy,
    and the status "Step 3/15: ∂L/∂y += ∂L/∂d × ∂d/∂y = 1.536 × -1 = -1.536"; the footer shows
    only the animation keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+g", "space", "space", "space", "space")
        await settle(pilot)

    app = LabApp(example_instance("two-layer", w=1, v=2))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_graph_lab_fan_out(snap_compare: SnapCompare) -> None:
    """A value used twice, values filled in (c 3✓, d 4✓) and the cursor on ∂L/∂a: both edges
    out of a are heavy, the one to c straight and the one to d along the line under a; the
    wrong entry 24 names the mistake: "a feeds 2 nodes (c, d): add up the gradients..."."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for text in ("3", "4", "8", "8", "8"):  # c, d, then ∂L/∂d, ∂L/∂c, ∂L/∂b
            await pilot.press(*text, "enter")
            await settle(pilot)
        await pilot.press("2", "4", "enter")
        await settle(pilot)
        await steady_cursor(pilot)

    app = LabApp(example_instance("fan-out", a=1, b=3))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_graph_lab_gradient_check(snap_compare: SnapCompare) -> None:
    """Karpathy's micrograd neuron solved, the animation played to its end: every gradient
    filled in (n 0.5, w1 1, x1 -1.5, w2 0, x2 0.5), no edge highlighted, and the status
    "Gradient check for w1: yours 1, central difference 1 (h = 1e-05): they agree."."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for text in ("-6", "0", "0.8814", "0.7071", "0.5", "0.5", "0.5", "0", "0.5", "1", "-1.5"):
            await pilot.press(*text, "enter")
            await settle(pilot)
        await pilot.press("a", *["space"] * 11)
        await settle(pilot)

    app = LabApp(example_instance("micrograd"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
