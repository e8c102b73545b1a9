"""Question instances: what the game gets for one variant in one language."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from derivquest.charts.activations.task import ActivationTask
from derivquest.charts.gradient_check.task import GradientCheckTask
from derivquest.charts.gradient_descent.task import DescentTask
from derivquest.charts.tangent.task import TangentTask
from derivquest.content.instance import instantiate
from derivquest.content.loader import load_pack
from derivquest.content.packs import Pack, QuestionRef
from derivquest.content.variants import draw_params, variant_seed
from derivquest.kinds.base import payload_of
from derivquest.kinds.choice.spec import ChoicePayload
from derivquest.kinds.derivative.spec import DerivativePayload
from derivquest.kinds.expression.spec import ExpressionPayload
from derivquest.kinds.numeric.spec import NumericPayload
from derivquest.kinds.plot.spec import PlotPayload


@pytest.fixture
def pack(packs_dir: Path) -> Pack:
    loaded = load_pack(packs_dir / "good-pack").pack
    assert loaded is not None
    return loaded


def ref(pack: Pack, level: str, question: str) -> QuestionRef:
    found = pack.question(level, question)
    assert found is not None
    return found


def test_derivative_instance(pack: Pack) -> None:
    question = ref(pack, "rules", "power")
    instance = instantiate(question, "ana", 0)
    values = draw_params(question.question.params, variant_seed("ana", question.full_id, 0))
    a, n = values["a"], values["n"]
    shown_a = f"({a})" if a < 0 else str(a)
    assert instance.full_id == "good-pack/rules/power"
    assert instance.question_id == "power"
    assert instance.values == values
    task = payload_of(instance, DerivativePayload)
    assert task.function == f"{shown_a}x^{n}"
    assert instance.prompt == f"Differentiate `{shown_a}x^{n}`."
    assert (task.variable, task.variables) == ("x", ("x",))
    assert instance.skills == ("power", "chain")  # the level's skills
    assert instance.drill
    assert task.feedback[0].answer == f"{shown_a}x^({n} - 1)"
    assert task.feedback[0].text == "Keep the exponent as a factor."


def test_same_player_round_same_instance(pack: Pack) -> None:
    question = ref(pack, "rules", "power")
    assert instantiate(question, "ana", 2) == instantiate(question, "ana", 2)


def test_language_and_english_fallback(pack: Pack) -> None:
    question = ref(pack, "rules", "constant")
    bn = instantiate(question, "ana", language="bn")
    assert bn.language == "bn"
    assert bn.prompt == "7-এর derivative:"
    options = payload_of(bn, ChoicePayload).options
    assert options[1].explanation == "ওটা মান।"
    assert options[0].text == "0"  # a plain string: the same in every language
    english = instantiate(ref(pack, "rules", "chain"), "ana", language="en")
    assert english.skills == ("chain",)  # the question's own skills


def test_answer_and_function_placeholders(pack: Pack) -> None:
    chain = instantiate(ref(pack, "rules", "chain"), "ana")
    b = chain.values["b"]
    assert chain.prompt == f"Differentiate `(3x + {b})^5`."
    assert chain.solution == f"Chain rule: `15*(3*x + {b})^4`."
    choice = instantiate(ref(pack, "rules", "constant"), "ana")
    assert choice.solution == "It is 0."
    assert payload_of(choice, ChoicePayload).correct_option == 1
    numeric = instantiate(ref(pack, "rules", "slope"), "ana")
    p = numeric.values["p"]
    task = payload_of(numeric, NumericPayload)
    assert task.expected == (f"2*({p})" if p < 0 else f"2*{p}")
    assert numeric.solution.endswith(f"= `{2 * p}`")
    assert (task.abs_tol, task.rel_tol, task.variables) == (0.01, None, ())


def test_expression_instance(pack: Pack) -> None:
    task = payload_of(instantiate(ref(pack, "rules", "gradient"), "ana"), ExpressionPayload)
    assert task.expected == "2x(w*x - y)"
    assert task.variables == ("w", "x", "y")


def plot(pack: Pack, question: str) -> PlotPayload:
    return payload_of(instantiate(ref(pack, "plots", question), "ana"), PlotPayload)


def test_plot_tasks_are_resolved_to_numbers(pack: Pack) -> None:
    tangent = instantiate(ref(pack, "plots", "tangent"), "ana")
    task = payload_of(tangent, PlotPayload)
    assert isinstance(task.task, TangentTask)
    assert task.task.target == tangent.values["m"]
    assert task.function == "x^2"
    assert (task.task.x_min, task.task.x_max, task.task.x_step) == (-3, 3, 0.1)
    descent = plot(pack, "descent")
    assert descent.task == DescentTask(x=2, y=6, w0=0, max_steps=50, tolerance=0.01)
    assert descent.function is None  # the descent chart draws no f(x)
    check = plot(pack, "gradient-check").task
    assert isinstance(check, GradientCheckTask)
    assert math.isclose(check.at, math.pi / 4)
    assert plot(pack, "sigmoid-peak").task == ActivationTask("sigmoid", 0, 0.05, -3, 0.1)
    assert plot(pack, "sigmoid-peak").function is None  # a name, not an author's f(x)
