"""The graph kind through the common path: registry, instances, grading of lab records, drills."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping

import pytest

from derivquest.content import build_instance, grade
from derivquest.content.instance import QuestionInstance
from derivquest.engine import JudgeService
from derivquest.kinds.base import KindSpec, payload_of
from derivquest.kinds.graph.diagnosis import MISTAKES
from derivquest.kinds.graph.instance import GraphInstance, Slot
from derivquest.kinds.graph.judging import judge_entry
from derivquest.kinds.graph.lab import LabState
from derivquest.kinds.graph.record import read_record, write_record
from derivquest.kinds.graph.spec import SPEC, outcome
from derivquest.kinds.graph.texts import describe
from derivquest.kinds.registry import spec_for
from tests.unit.kinds.graph.graphs import example, example_instance
from tests.unit.kinds.graph.test_graph_diagnosis import CASES as DIAGNOSIS_CASES

FAN_OUT = {"a": 1, "b": 3}
"""c = a·b = 3, d = c + a = 4, L = d²: `a` is used twice, so its gradient is a sum."""

RIGHT_FAN_OUT: list[tuple[Slot, str]] = [
    (("c", "value"), "3"),
    (("d", "value"), "4"),
    (("d", "grad"), "8"),
    (("c", "grad"), "8"),
    (("b", "grad"), "8"),
    (("a", "grad"), "32"),
]


def test_spec_imports_no_textual() -> None:
    code = (
        "import sys, derivquest.kinds.graph.spec\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_registry_finds_the_graph_kind() -> None:
    spec = spec_for("graph")
    assert spec is SPEC and isinstance(spec, KindSpec)
    assert spec.drillable and not spec.has_answer


def _instance(level: str, values: Mapping[str, float], language: str = "en") -> QuestionInstance:
    return build_instance(example(level), "pack/lvl/q", ["backprop"], values, language)


def test_the_payload_is_the_lab_in_the_instance_language() -> None:
    instance = _instance("neuron", {"w": 0.5, "x": 1, "b": 0, "y": 1}, "bn")
    lab = payload_of(instance, GraphInstance)
    assert instance.kind == "graph" and lab.language == "bn"
    assert instance.prompt.startswith("?") and lab.slots()[0] == ("p", "value")


def _fan_out_record(entries: list[tuple[Slot, str]]) -> str:
    return write_record(example_instance("fan-out", **FAN_OUT), entries)


# entries of the record, expected status, words the message must have
GRADE_CASES = [
    pytest.param(RIGHT_FAN_OUT, "correct", "Right", id="complete"),
    pytest.param(RIGHT_FAN_OUT[:2], "invalid", "4 still to fill in", id="right-but-open"),
    pytest.param([(("c", "value"), "5")], "incorrect", "too large", id="wrong-value"),
    pytest.param(
        [*RIGHT_FAN_OUT[:5], (("a", "grad"), "24")],
        "incorrect",
        "add up the gradients",
        id="fan-out-not-summed",
    ),
    pytest.param([(("c", "value"), "3+")], "invalid", "", id="unreadable"),
    pytest.param([], "invalid", "Type a number", id="empty"),
    pytest.param([(("a", "value"), "1")], "invalid", "is given here", id="not-asked"),
    pytest.param(
        [*RIGHT_FAN_OUT[:5], (("c", "value"), "9"), (("a", "grad"), "32")],
        "invalid",
        "1 still to fill in",
        id="a-later-wrong-entry-reopens-the-slot",
    ),
]


@pytest.mark.parametrize(("entries", "status", "words"), GRADE_CASES)
def test_grade_a_record(
    judge_service: JudgeService, entries: list[tuple[Slot, str]], status: str, words: str
) -> None:
    instance = _instance("fan-out", FAN_OUT)
    verdict = grade(instance, _fan_out_record(entries), judge_service)
    assert verdict.status == status and words in verdict.message, verdict


def test_grade_names_the_mistake_in_bengali(judge_service: JudgeService) -> None:
    instance = _instance("fan-out", FAN_OUT, "bn")
    record = write_record(payload_of(instance, GraphInstance), [(("c", "value"), "2")])
    assert "হয়নি" in grade(instance, record, judge_service).message


def test_a_record_of_another_variant_is_not_read() -> None:
    record = _fan_out_record(RIGHT_FAN_OUT)
    assert read_record(example_instance("fan-out", a=2, b=3), record) == []
    assert read_record(example_instance("fan-out", **FAN_OUT), record) == RIGHT_FAN_OUT
    assert read_record(example_instance("fan-out", **FAN_OUT), "junk;c.v=4") == []


def test_a_record_is_one_line_without_control_characters() -> None:
    """The store keeps it as the attempt's answer (export refuses control characters)."""
    record = _fan_out_record([(("c", "value"), "3;\n"), (("a", "grad"), "2 * 16")])
    assert record == "@a=1,b=3;c.v=3;a.g=2 * 16"
    assert record.isprintable()


def test_outcome_counts_mistakes_and_hints() -> None:
    state = LabState(example_instance("fan-out", **FAN_OUT))
    state.submit("0")  # wrong value of c
    for _, text in RIGHT_FAN_OUT:
        assert state.submit(text).correct, state.slot
    assert outcome(state, hints=1) == type(outcome(state))(solved=True, mistakes=1, hints=1)
    assert not outcome(state, hints=1).first_try
    given_up = LabState(example_instance("fan-out", **FAN_OUT))
    given_up.give_up()
    assert not outcome(given_up).solved


def test_a_drill_asks_one_gradient(judge_service: JudgeService) -> None:
    instance = _instance("mse-batch", {"w": 2, "y": 1})
    drill = SPEC.for_drill(instance, seed=0)
    lab = payload_of(drill, GraphInstance)
    assert lab.slots() == [("w", "grad")] and "∂L/∂w" in drill.prompt
    right = f"{float(lab.computed.grad('w')):.6f}"
    record = write_record(lab, [(("w", "grad"), right)])
    assert grade(drill, record, judge_service).status == "correct"


ASKED_CASES = [
    case for case in DIAGNOSIS_CASES if example_instance(case[0], **case[1]).asked(case[2])
]
"""The diagnosis cases whose entry the graph asks for (the game grades only those)."""


def test_the_asked_cases_still_cover_every_mistake() -> None:
    assert {case[4] for case in ASKED_CASES} == set(MISTAKES)


@pytest.mark.parametrize(("graph", "params", "slot", "text", "mistake"), ASKED_CASES)
@pytest.mark.parametrize("language", ["en", "bn"])
def test_the_game_verdict_names_each_classic_mistake(
    judge_service: JudgeService,
    graph: str,
    params: dict[str, int],
    slot: Slot,
    text: str,
    mistake: str,
    language: str,
) -> None:
    """Through `content.grade`, as the game submits a wrong entry: incorrect, mistake first."""
    instance = _instance(graph, params, language)
    lab = payload_of(instance, GraphInstance)
    verdict = grade(instance, write_record(lab, [(slot, text)]), judge_service)
    diagnosis = judge_entry(lab, slot, text).diagnosis
    assert diagnosis is not None and diagnosis.id == mistake
    assert verdict.status == "incorrect"
    assert verdict.message.startswith(describe(diagnosis, language))
