"""The lab's state without a screen: moving, entering, giving up, the animation, the layout."""

from __future__ import annotations

import pytest

from derivquest.kinds.graph.canvas import draw, edge_path
from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.instance import drill_instance
from derivquest.kinds.graph.judging import right_number
from derivquest.kinds.graph.lab import LabState
from derivquest.kinds.graph.layout import BOX_HEIGHT, BOX_WIDTH
from tests.unit.kinds.graph.graphs import LEVELS, example_instance

NEURON = {"w": 2, "x": 1, "b": 0, "y": 1}


def _solve(state: LabState) -> None:
    for slot in state.instance.slots():
        state.slot = slot
        state.submit(format_value(right_number(state.instance, slot)))


def test_play_order_is_values_forward_then_gradients_backward() -> None:
    state = LabState(example_instance("neuron", **NEURON))
    assert state.instance.slots() == [
        ("p", "value"),
        ("z", "value"),
        ("a", "value"),
        ("d", "value"),
        ("L", "value"),
        ("d", "grad"),
        ("a", "grad"),
        ("z", "grad"),
        ("b", "grad"),
        ("p", "grad"),
        ("w", "grad"),
    ]
    assert state.slot == ("p", "value")


def test_a_right_entry_moves_on_and_a_wrong_one_stays() -> None:
    state = LabState(example_instance("neuron", **NEURON))
    assert not state.submit("3").correct
    assert state.slot == ("p", "value") and state.mistakes == 1
    assert state.submit("2").correct
    assert state.slot == ("z", "value")
    assert state.submit("").status == "invalid" and state.mistakes == 1  # refusals cost nothing


def test_tab_skips_what_is_already_right_and_wraps() -> None:
    state = LabState(example_instance("neuron", **NEURON))
    state.submit("2")  # p right; cursor on z
    state.next_open(-1)
    assert state.slot == ("w", "grad")  # backwards past p, wrapping to the end
    state.next_open(1)
    assert state.slot == ("z", "value")


def test_arrows_move_between_columns_and_rows() -> None:
    state = LabState(example_instance("neuron", **NEURON))
    state.slot = ("z", "value")
    state.move(-1, 0)
    assert state.slot == ("b", "grad")  # b is the nearest node left of z; it asks its gradient
    state.move(0, 1)
    assert state.slot == ("p", "value")  # below b; its value is still open
    state.move(0, 1)
    assert state.slot == ("p", "value")  # nothing below: stay
    state.move(1, 0)
    assert state.slot == ("z", "value")


def test_solving_every_slot_finishes_the_graph() -> None:
    state = LabState(example_instance("neuron", **NEURON))
    _solve(state)
    assert state.solved and state.finished and state.mistakes == 0


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_animation_plays_every_edge_then_the_gradient_check(level: str) -> None:
    instance = example_instance(level, **_first_params(level))
    state = LabState(instance)
    assert not state.advance()  # not before the graph is done
    state.give_up()
    edges = sum(len(instance.shape.nodes[n].inputs) for n in instance.shape.order)
    assert len(state.steps) == edges
    assert state.advance() and state.step == 0 and state.animated_grads() == {instance.output: 1.0}
    seen = []
    while state.advance():
        seen.append(state.highlighted())
    assert state.step == len(state.steps) + 1  # the gradient check
    assert all(len(edge) == 1 for edge in seen[:-1]) and seen[-1] == set()
    grads = state.animated_grads()
    for node in instance.shape.order:
        assert grads[node] == pytest.approx(float(instance.computed.grad(node)), abs=1e-12)
    check = state.gradient_check()
    assert check is not None and check.agree, check


def test_gradient_check_uses_the_learners_number() -> None:
    state = LabState(example_instance("neuron", **NEURON))
    state.slot = ("w", "grad")
    state.submit("0.5")  # wrong
    state.give_up()
    check = state.gradient_check()
    assert check is not None and check.analytic == 0.5 and not check.agree
    assert check.numeric == pytest.approx(float(state.instance.computed.grad("w")), rel=1e-6)


def test_cursor_edges_are_highlighted() -> None:
    state = LabState(example_instance("fan-out", a=1, b=3))
    state.slot = ("a", "grad")
    assert state.highlighted() == {("a", "c", 0), ("a", "d", 1)}  # the gradient flows back
    state.slot = ("c", "value")
    assert state.highlighted() == {("a", "c", 0), ("b", "c", 1)}  # the values flow in


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_examples_fit_80_columns_without_overlapping_boxes(level: str) -> None:
    state = LabState(example_instance(level, **_first_params(level)))
    lines = draw(state, {})
    assert len(lines) <= 15 and all(line.cell_len <= 78 for line in lines)
    boxes = {state.layout.box(n) for n in state.instance.shape.order}
    assert len(boxes) == len(state.instance.shape.order)
    for x, y in boxes:
        for other_x, other_y in boxes - {(x, y)}:
            apart_x = abs(x - other_x) >= BOX_WIDTH
            apart_y = abs(y - other_y) > BOX_HEIGHT
            assert apart_x or apart_y


def test_drill_asks_for_one_parameter_gradient() -> None:
    drill = drill_instance(example_instance("neuron", **NEURON), seed=3)
    assert len(drill.slots()) == 1
    node, entry = drill.slots()[0]
    assert entry == "grad" and drill.node(node).op == "param" and drill.check == node


def _first_params(level: str) -> dict[str, int | float]:
    from tests.unit.kinds.graph.graphs import example

    return {name: param.values()[0] for name, param in example(level).params.items()}


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_no_edge_passes_under_a_box(level: str) -> None:
    state = LabState(example_instance(level, **_first_params(level)))
    shape = state.instance.shape
    boxes = [state.layout.box(n) for n in shape.order]
    for consumer in shape.order:
        for source in shape.nodes[consumer].inputs:
            for x, y in edge_path(state, source, consumer):
                inside = [
                    (bx, by)
                    for bx, by in boxes
                    if bx <= x < bx + BOX_WIDTH and by <= y < by + BOX_HEIGHT
                ]
                assert not inside, (source, consumer, (x, y))


def test_an_edge_that_skips_a_column_runs_below_its_source() -> None:
    state = LabState(example_instance("fan-out", a=1, b=3))
    path = edge_path(state, "a", "d")  # a is read by c (next column) and by d (two along)
    lane = state.layout.box("a")[1] + BOX_HEIGHT
    assert {y for _, y in path} >= {lane} and path[-1][1] == state.layout.box("d")[1] + 1
    assert "└──────────┘" in draw(state, {})[lane].plain.replace("┣", "└").replace("├", "└")
