"""Question instances: what the game gets for one variant in one language."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from derivquest.content.instance import QuestionInstance, instantiate
from derivquest.content.loader import load_pack
from derivquest.content.packs import Pack, QuestionRef
from derivquest.content.tasks import ActivationTask, DescentTask, GradientCheckTask, TangentTask
from derivquest.content.variants import draw_params, variant_seed


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
    assert instance.function == f"{shown_a}x^{n}"
    assert instance.prompt == f"Differentiate `{shown_a}x^{n}`."
    assert (instance.variable, instance.variables) == ("x", ("x",))
    assert instance.skills == ("power", "chain")  # the level's skills
    assert instance.drill
    assert instance.feedback[0].answer == f"{shown_a}x^({n} - 1)"
    assert instance.feedback[0].text == "Keep the exponent as a factor."


def test_same_player_round_same_instance(pack: Pack) -> None:
    question = ref(pack, "rules", "power")
    assert instantiate(question, "ana", 2) == instantiate(question, "ana", 2)


def test_language_and_english_fallback(pack: Pack) -> None:
    question = ref(pack, "rules", "constant")
    bn = instantiate(question, "ana", language="bn")
    assert bn.language == "bn"
    assert bn.prompt == "7-এর derivative:"
    assert bn.options[1].explanation == "ওটা মান।"
    assert bn.options[0].text == "0"  # a plain string: the same in every language
    english = instantiate(ref(pack, "rules", "chain"), "ana", language="en")
    assert english.skills == ("chain",)  # the question's own skills


def test_answer_and_function_placeholders(pack: Pack) -> None:
    chain = instantiate(ref(pack, "rules", "chain"), "ana")
    b = chain.values["b"]
    assert chain.prompt == f"Differentiate `(3x + {b})^5`."
    assert chain.solution == f"Chain rule: `15*(3*x + {b})^4`."
    choice = instantiate(ref(pack, "rules", "constant"), "ana")
    assert choice.solution == "It is 0."
    assert choice.correct_option == 1
    numeric = instantiate(ref(pack, "rules", "slope"), "ana")
    p = numeric.values["p"]
    assert numeric.expected == (f"2*({p})" if p < 0 else f"2*{p}")
    assert numeric.solution.endswith(f"= `{2 * p}`")
    assert (numeric.abs_tol, numeric.rel_tol, numeric.variables) == (0.01, None, ())


def test_expression_instance(pack: Pack) -> None:
    instance = instantiate(ref(pack, "rules", "gradient"), "ana")
    assert instance.expected == "2x(w*x - y)"
    assert instance.variables == ("w", "x", "y")


def plot(pack: Pack, question: str) -> QuestionInstance:
    return instantiate(ref(pack, "plots", question), "ana")


def test_plot_tasks_are_resolved_to_numbers(pack: Pack) -> None:
    tangent = plot(pack, "tangent")
    assert isinstance(tangent.plot, TangentTask)
    assert tangent.plot.target == tangent.values["m"]
    assert tangent.function == "x^2"
    assert (tangent.plot.x_min, tangent.plot.x_max, tangent.plot.x_step) == (-3, 3, 0.1)
    assert plot(pack, "descent").plot == DescentTask(x=2, y=6, w0=0, max_steps=50, tolerance=0.01)
    check = plot(pack, "gradient-check").plot
    assert isinstance(check, GradientCheckTask)
    assert math.isclose(check.at, math.pi / 4)
    activation = plot(pack, "sigmoid-peak").plot
    assert activation == ActivationTask("sigmoid", 0, 0.05, -3, 0.1)
