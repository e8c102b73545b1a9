"""The typed structure survives until judging: domains are kept and previews show what was typed."""

from __future__ import annotations

import pytest

from derivquest.engine import check, check_derivative, parse

PREVIEWS = [
    # (typed, one-line typed form, pretty preview)
    ("5cos x - 3sin x", "5*cos(x) - 3*sin(x)", "5⋅cos(x) - 3⋅sin(x)"),
    ("sqrt(x)^2", "sqrt(x)^2", "  2\n√x "),
    ("e^(ln x)", "e^ln(x)", " ln(x)\nℯ     "),
    ("x + x", "x + x", "x + x"),
    ("3(x+1)", "3*(x + 1)", "3⋅(x + 1)"),
    ("-x + 1", "-x + 1", "-x + 1"),
    ("1/x", "1/x", "1\n─\nx"),
    ("x^1/2", "x^1/2", " 1\nx \n──\n2 "),
    ("cos x e^x", "cos(x*e^x)", "   ⎛   x⎞\ncos⎝x⋅ℯ ⎠"),
    (r"\frac{1}{2\sqrt{x}}", "1/(2*sqrt(x))", " 1  \n────\n2⋅√x"),
    ("93/100", "0.93", "0.93"),
    ("1/3", "1/3", "1/3"),
    ("2*3", "2*3", "2⋅3"),  # as typed (plain() gives 6, for reference answers)
    ("10^4000*10^4000", "10^4000*10^4000", "  4000   4000\n10    ⋅10    "),  # never its digits
]


@pytest.mark.parametrize(("text", "line", "picture"), PREVIEWS, ids=[p[0] for p in PREVIEWS])
def test_preview_shows_what_was_typed(text: str, line: str, picture: str) -> None:
    parsed = parse(text)
    assert (parsed.typed_plain(), parsed.pretty()) == (line, picture)


@pytest.mark.parametrize("text", [p[0] for p in PREVIEWS])
def test_the_typed_line_reads_back_to_the_same_value(text: str) -> None:
    parsed = parse(text)
    assert parse(parsed.typed_plain()).evaluated == parsed.evaluated


def test_plain_is_the_evaluated_form_for_reference_answers() -> None:
    assert parse("2*0").plain() == "0"
    assert parse("sqrt(x)^2").plain() == "x"


DOMAINS = [
    # (expected, answer, status): the answer is judged as typed, over the reals
    ("x", "sqrt(x)^2", "incorrect"),  # no value for x < 0
    ("x", "e^(ln x)", "incorrect"),
    ("x", "e^(ln(x))", "incorrect"),
    ("x^2", "(sqrt x)^4", "incorrect"),
    ("x", "(x^(1/3))^3", "incorrect"),
    ("sqrt(x)^2", "x", "correct"),  # equal wherever the expected answer is defined
    ("e^(ln x)", "x", "correct"),
    ("x", "ln(e^x)", "correct"),  # defined everywhere
    ("x", "(x^3)^(1/3)", "incorrect"),  # a real power of a negative has no real value
    ("2 ln x", "ln(x^2)", "correct"),
    ("ln(x^2)", "2 ln x", "incorrect"),
    ("x", "x^2/x", "correct"),  # removable: never sampled at 0
]


@pytest.mark.parametrize(("expected", "answer", "status"), DOMAINS)
def test_domain_of_the_typed_form_counts(expected: str, answer: str, status: str) -> None:
    assert check(expected, answer).status == status


def test_derivative_of_a_typed_function_keeps_its_form() -> None:
    # d/dx sqrt(x)^2 is 1 where the function is defined (x > 0).
    assert check_derivative("sqrt(x)^2", "1").status == "correct"
    assert check_derivative("x^2", "sqrt(x)^2 * 2 / x * x").status == "incorrect"


NEVER_REVEALED = [
    # (function, wrong answer, a text that would give the expected answer away)
    ("38", "38", "the answer is 0"),
    ("3x", "x", "is 3."),
    ("5", "1", "is 0."),
]


@pytest.mark.parametrize(("function", "answer", "leak"), NEVER_REVEALED)
def test_a_wrong_answer_never_reveals_a_constant_expected_answer(
    function: str, answer: str, leak: str
) -> None:
    verdict = check_derivative(function, answer)
    assert verdict.status == "incorrect"
    assert leak not in verdict.message
    assert "the answer is" not in verdict.message
    assert "which is not right" in verdict.message


CHAIN_SLIPS = [
    # (function as written, answer, variable, variables): the chain stays visible when the
    # function is kept as typed ((2x)^3 is not rewritten to 8x^3 before diagnosis).
    ("(2x)^3", "3(2x)^2", "x", ("x",)),
    ("sqrt(4x)", "1/(2sqrt(4x))", "x", ("x",)),
    ("(x^2)^3", "3(x^2)^2", "x", ("x",)),
    ("(wx)^2", "2wx", "w", ("w", "x")),
]


@pytest.mark.parametrize(("function", "answer", "variable", "variables"), CHAIN_SLIPS)
def test_chain_slips_are_found_in_the_function_as_written(
    function: str, answer: str, variable: str, variables: tuple[str, ...]
) -> None:
    verdict = check_derivative(function, answer, variable, variables)
    assert (verdict.status, verdict.diagnosis) == ("incorrect", "chain-inner-missing")


def test_printing_a_product_does_not_load_sympy_physics() -> None:
    """SymPy's own product printer imports its units package (most of a second) on first
    use; ours must not, or the first preview and the first timed check pay for it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from derivquest.engine import parse\n"
        "parse('15(3x+2)^4 / (2x)').pretty()\n"
        "print('sympy.physics' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"


def test_products_use_the_unicode_dot_even_when_sympy_defaults_to_ascii() -> None:
    from sympy.printing.pretty.pretty_symbology import pretty_use_unicode

    previous = pretty_use_unicode(False)  # as in a process whose stdout is not a terminal
    try:
        assert parse("5(3x+2)^4").pretty() == "           4\n5⋅(3⋅x + 2) "
    finally:
        pretty_use_unicode(previous)
