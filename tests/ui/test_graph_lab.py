"""The Backprop Lab widget, played with keys through Pilot: right, with each classic mistake,
giving up and the animation, moving around, and how it reads without colour."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Label, Static

from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.instance import GraphInstance, Slot, drill_instance
from derivquest.kinds.graph.judging import judge_entry, right_number
from derivquest.kinds.graph.texts import describe, say
from derivquest.kinds.graph.view import EntryInput, GraphCanvas, GraphLab
from derivquest.ui.cell_width import install as install_cell_widths
from tests.ui.helpers import settle
from tests.unit.kinds.graph.graphs import example_in, example_instance
from tests.unit.kinds.graph.test_graph_diagnosis import CASES

NEURON = {"w": 2, "x": 1, "b": 0, "y": 1}


class LabApp(App[None]):
    """The lab alone on a screen, as the question screen will show it, recording its messages."""

    CSS = "#graph-prompt { height: auto; padding: 0 1; }"

    def __init__(
        self, instance: GraphInstance, language: str = "en", theme: str = "ansi-dark"
    ) -> None:
        super().__init__()
        install_cell_widths()  # as the game does: Bengali vowel signs take a cell
        self.theme = theme  # the game's default: the terminal's 16 colours
        self.instance = instance
        self.language = language
        self.entered: list[GraphLab.Entered] = []
        self.finished: list[GraphLab.Finished] = []

    def compose(self) -> ComposeResult:
        yield Label(self.instance.prompt, id="graph-prompt")
        yield GraphLab(self.instance, self.language)
        yield Footer()

    def on_graph_lab_entered(self, message: GraphLab.Entered) -> None:
        self.entered.append(message)

    def on_graph_lab_finished(self, message: GraphLab.Finished) -> None:
        self.finished.append(message)


def status(app: LabApp) -> str:
    """The lab's status line as plain text."""
    return str(app.query_one("#graph-status", Static).render())


def lab(app: LabApp) -> GraphLab:
    return app.query_one(GraphLab)


async def go_to(pilot: object, app: LabApp, slot: Slot) -> None:
    """Tab (forward through the open slots) until the cursor is on `slot`."""
    for _ in range(len(app.instance.slots()) + 1):
        if lab(app).state.slot == slot:
            return
        await pilot.press("tab")  # type: ignore[attr-defined]
    raise AssertionError(f"tab never reached {slot}")


async def enter(pilot: object, text: str) -> None:
    await pilot.press(*text, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_play_the_neuron_right() -> None:
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for slot in app.instance.slots():
            assert lab(app).state.slot == slot  # each right entry moves on by itself
            await enter(pilot, format_value(right_number(app.instance, slot)))
            assert say("correct", "en", entry="", value="").split(":")[0] in status(app)
        assert [m.verdict.status for m in app.entered] == ["correct"] * 11
        assert len(app.finished) == 1 and app.finished[0].solved and app.finished[0].mistakes == 0
        assert "Graph solved" in status(app)
        assert app.query_one(EntryInput).disabled


@pytest.mark.parametrize(("graph", "params", "slot", "text", "mistake"), CASES)
async def test_each_classic_mistake_is_named_on_screen(
    graph: str, params: dict[str, int], slot: Slot, text: str, mistake: str
) -> None:
    instance = example_instance(graph, **params)
    app = LabApp(instance)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lab(app).state.slot = slot  # some mistakes are at nodes the graph does not ask
        if instance.asked(slot):
            lab(app).state.slot = instance.slots()[0]
            await go_to(pilot, app, slot)
        await enter(pilot, text)
        verdict = judge_entry(instance, slot, text)
        assert verdict.diagnosis is not None and verdict.diagnosis.id == mistake
        assert describe(verdict.diagnosis, "en") in status(app).replace("\n", " ")
        assert app.entered[-1].verdict.diagnosis == verdict.diagnosis
        assert lab(app).state.slot == slot  # a wrong entry keeps the cursor there


async def test_mistake_is_named_in_bengali() -> None:
    app = LabApp(example_in("bn", "neuron", **NEURON), language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await go_to(pilot, app, ("z", "grad"))
        await enter(pilot, "a(1 - a)")
        assert "local derivative ∂a/∂z" in status(app) and "গুণ করুন" in status(app)


async def test_give_up_then_animate_to_the_gradient_check() -> None:
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await go_to(pilot, app, ("w", "grad"))
        await enter(pilot, "0.5")  # wrong: the gradient check will show it
        await pilot.press("a")
        assert lab(app).state.step is None  # typed into the box, not an animation key
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.finished and not app.finished[0].solved
        assert "Answers shown" in status(app)
        await pilot.press("a")
        await settle(pilot)
        assert status(app).startswith("Step 0/8")
        await pilot.press("space")
        assert "∂L/∂d += ∂L/∂L × ∂L/∂d" in status(app)
        for _ in range(8):
            await pilot.press("space")
        await settle(pilot)
        text = status(app).replace("\n", " ")
        assert text.startswith("Gradient check for w: yours 0.5, central difference -0.0250")
        assert text.endswith("they differ.")


async def test_animation_runs_by_itself_and_stops_at_the_end() -> None:
    app = LabApp(example_instance("fan-out", a=1, b=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        widget = lab(app)
        timer = widget._timer
        assert timer is not None and not timer._active.is_set()  # paused until asked
        await pilot.press("ctrl+g", "a")
        assert timer._active.is_set() and widget.state.step == 0
        ticks = 0
        while timer._active.is_set() and ticks < 20:
            widget._tick()  # what the interval calls, without waiting for it
            ticks += 1
        assert widget.state.step == len(widget.state.steps) + 1
        assert ticks == len(widget.state.steps) + 2  # every edge, the check, then it pauses
        assert "Gradient check for a" in status(app)


async def test_arrows_move_between_nodes_only_when_the_box_is_empty() -> None:
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert lab(app).state.slot == ("p", "value")
        await pilot.press("right")
        assert lab(app).state.slot == ("z", "value")
        await pilot.press("up")  # nothing above z
        assert lab(app).state.slot == ("z", "value")
        await pilot.press("left", "down")
        assert lab(app).state.slot == ("p", "value")
        await pilot.press("1", "left")  # with text typed, left moves the caret
        assert lab(app).state.slot == ("p", "value")
        assert app.query_one(EntryInput).cursor_position == 0
        await pilot.press("ctrl+o")
        assert lab(app).state.slot == ("p", "grad")
        label = str(app.query_one("#graph-entry-label", Label).render())
        assert label == "∂L/∂p ="


async def test_hint_shows_the_nodes_hint_or_a_generic_one() -> None:
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        assert status(app).startswith("Hint for p: p = mul of w, x")
        await go_to(pilot, app, ("d", "grad"))
        await pilot.press("ctrl+t")
        assert "∂L/∂d = 2d" in status(app)
        assert lab(app).hints_shown == 2


async def test_a_failing_check_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("derivquest.kinds.graph.view.judge_entry", broken)
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await enter(pilot, "2")
        assert status(app) == "That entry could not be checked; try writing it another way."
        assert not app.entered and lab(app).state.slot == ("p", "value")


async def test_reads_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR every state still shows: ? open, ✗ wrong, ✓ right, heavy lines for the
    edges the gradient flows along, and the cursor's cell in reverse video."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await enter(pilot, "2")  # p right
        await enter(pilot, "5")  # z wrong
        await go_to(pilot, app, ("d", "grad"))
        canvas = app.query_one(GraphCanvas)
        drawn = canvas.render()
        plain = str(drawn)
        assert "2✓" in plain and "5✗" in plain and "?" in plain
        assert "━" in plain  # d -> L, the edge its gradient comes back along
        cursor = canvas.get_component_rich_style("graph-canvas--cell-cursor")
        assert cursor.reverse and cursor.bold
        assert app.no_color


async def test_moving_back_shows_that_slots_last_verdict_and_text() -> None:
    app = LabApp(example_instance("neuron", **NEURON))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await enter(pilot, "3")  # p wrong: the text stays, the cursor too
        await pilot.press("tab")
        assert lab(app).state.slot == ("z", "value")
        assert app.query_one(EntryInput).value == ""
        assert status(app).startswith("11 left")
        await pilot.press("shift+tab")
        assert lab(app).state.slot == ("p", "value")
        assert app.query_one(EntryInput).value == "3"
        assert status(app) == "Not quite: 3 is too large."


async def test_a_drill_graph_asks_one_gradient() -> None:
    drill = drill_instance(example_instance("mse-batch", w=2, y=1), seed=0)
    app = LabApp(drill)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert lab(app).state.slot == ("w", "grad")
        await enter(pilot, "1*1 + 1*2")  # ∂L/∂e1·x1 + ∂L/∂e2·x2, written out
        assert app.finished and app.finished[0].solved
