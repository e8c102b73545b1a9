"""Read the optional ``dy/dx =`` a player may type before an answer.

Cases handled, with any spacing, before one ``=``:
- primes: ``y'``, ``f'(x)``, ``y′``, ``g''(t)`` (the number of primes is the order);
- Leibniz: ``dy/dx``, ``dL/dw``, ``∂L/∂w``, ``d/dx``, and in LaTeX ``\\frac{dy}{dx}``,
  ``\\frac{\\partial L}{\\partial w}``, ``\\frac{d}{dx}``;
- after ``d/dx``, a function name (``d/dx f(x)``) or the function itself (``d/dx (x^2)``).

The label is blanked out of the text rather than cut, so every column the parser reports
still points into what the player typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivquest.engine.errors import MathSyntaxError
from derivquest.engine.names import is_known

_NAME = r"[^\W\d_]"
_D = r"(?:d|∂|\\partial\s*|\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\})"
_FRAC = r"\\[dt]?frac"

PRIME = re.compile(
    rf"\s*(?P<function>{_NAME}+?)\s*(?P<primes>['′’]+)\s*"
    rf"(?:\(\s*(?:(?P<variable>{_NAME}+)|[-+]?[\d.]+)\s*\))?\s*"
)
LEIBNIZ = re.compile(
    rf"\s*(?:{_FRAC}\s*\{{\s*(?P<d1>{_D})\s*(?P<function1>{_NAME}+)?\s*\}}"
    rf"\s*\{{\s*{_D}\s*(?P<variable1>{_NAME}+)\s*\}}"
    rf"|(?P<d2>{_D})\s*(?P<function2>{_NAME}+)?\s*/\s*{_D}\s*(?P<variable2>{_NAME}+))"
)
FUNCTION_NAME = re.compile(
    rf"\s*(?P<name>{_NAME}+)\s*(?:\(\s*{_NAME}+(?:\s*,\s*{_NAME}+)*\s*\))?\s*"
)


@dataclass(frozen=True, slots=True)
class Label:
    """What the player wrote before ``=``."""

    typed: str
    """The label as typed, without the ``=`` (``dL/db``)."""
    variable: str | None
    """The variable it differentiates by; None for ``y'`` without ``(x)``."""
    function: str | None = None
    """The function's name (``L``, ``y``, ``f``), if written."""
    order: int = 1
    """1 for a first derivative, 2 for ``y''``."""
    style: str = "leibniz"
    """``prime`` (y'), ``leibniz`` (dy/dx) or ``partial`` (∂L/∂w)."""
    expression: tuple[int, int] | None = None
    """For ``d/dx (x^2)``: where the written function is in the text (start, end)."""
    column: int = 1
    """1-based column of the label in the text."""

    def asked(self, variable: str) -> str:
        """The same label written for ``variable``: what the question asks for."""
        if self.style == "prime":
            return f"{self.function or 'f'}'({variable})"
        d = "∂" if self.style == "partial" else "d"
        return f"{d}{self.function or ''}/{d}{variable}"


def split_label(text: str, variables: tuple[str, ...]) -> tuple[Label | None, str]:
    """Return the label (or None) and the text with the label and ``=`` blanked out.

    Raises:
        MathSyntaxError: there is an ``=`` but what comes before it is not a derivative,
            or there is more than one ``=``.
    """
    equals = text.find("=")
    if equals == -1:
        return None, text
    second = text.find("=", equals + 1)
    if second != -1:
        raise MathSyntaxError.said("error.second-equals", second + 1)
    left = text[:equals]
    label = _read_label(left, variables)
    if label is None:
        column = len(left) - len(left.lstrip()) + 1
        raise MathSyntaxError.said("error.bad-label", column, max(1, len(left.strip())))
    return label, " " * (equals + 1) + text[equals + 1 :]


def expression_text(text: str, label: Label) -> str | None:
    """The ``x^2`` of ``d/dx (x^2) = ...``, blanked so that its columns stay in place."""
    if label.expression is None:
        return None
    start, end = label.expression
    return " " * start + text[start:end]


def _read_label(left: str, variables: tuple[str, ...]) -> Label | None:
    column = len(left) - len(left.lstrip()) + 1
    typed = left.strip()
    prime = PRIME.fullmatch(left)
    if prime is not None:
        return Label(
            typed=typed,
            variable=prime.group("variable"),
            function=prime.group("function"),
            order=len(prime.group("primes")),
            style="prime",
            column=column,
        )
    leibniz = LEIBNIZ.match(left)
    if leibniz is None:
        return None
    group = "1" if leibniz.group("variable1") else "2"
    d = leibniz.group("d" + group)
    function = leibniz.group("function" + group)
    variable = leibniz.group("variable" + group)
    rest_start = leibniz.end()
    if group == "2" and variable not in variables:
        # d/dxf(x): the variable is the longest declared name the letters start with.
        known = [v for v in variables if variable.startswith(v)]
        if known:
            variable = max(known, key=len)
            rest_start = leibniz.start("variable2") + len(variable)
    rest = left[rest_start:]
    style = "leibniz" if d.startswith("d") else "partial"
    expression: tuple[int, int] | None = None
    if rest.strip():
        if function is not None:
            return None  # dy/dx f(x) is not a label
        named = FUNCTION_NAME.fullmatch(rest)
        if named is not None and not is_known(named.group("name"), variables):
            function = named.group("name")
        else:
            start = rest_start + len(rest) - len(rest.lstrip())
            expression = (start, len(left.rstrip()))
    return Label(
        typed=typed,
        variable=variable,
        function=function,
        style=style,
        expression=expression,
        column=column,
    )


PROBLEMS = ("label-variable", "label-order", "label-function")
"""Stable ids of what can be wrong with a label, for the verdict's sentence."""

SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "label-variable": "you wrote {typed} but this question asks for {asked}",
        "label-order": "you wrote {typed}, a derivative of order {order}, but this question "
        "asks for the first derivative, {asked}",
        "label-function": "after {typed_start} you wrote a different function from this "
        "question's; type only the answer, or the function as given",
    },
    "bn": {
        "label-variable": "আপনি লিখেছেন {typed}, কিন্তু এই প্রশ্নে চাওয়া হয়েছে {asked}",
        "label-order": "আপনি লিখেছেন {typed}, যা {order} ক্রমের derivative, কিন্তু এই প্রশ্নে "
        "চাওয়া হয়েছে প্রথম derivative, {asked}",
        "label-function": "{typed_start}-এর পরে আপনি এই প্রশ্নের function ছাড়া অন্য একটা "
        "function লিখেছেন; শুধু উত্তরটা লিখুন, বা প্রশ্নের function-টাই লিখুন",
    },
}
"""One sentence per label problem and language; the game falls back to English."""


def label_values(label: Label, variable: str) -> tuple[tuple[str, str], ...]:
    """The values a label problem's sentence names (kept on the verdict for the presenter)."""
    typed_start = (
        label.typed[: label.expression[0] - label.column + 1].strip()
        if (label.expression is not None)
        else label.typed
    )
    return (
        ("typed", label.typed),
        ("asked", label.asked(variable)),
        ("order", str(label.order)),
        ("typed_start", typed_start),
    )


def say_label_problem(problem: str, values: dict[str, str], language: str = "en") -> str:
    """The sentence for a label problem in ``language`` (English when it has none)."""
    template = SENTENCES.get(language, SENTENCES["en"]).get(problem) or SENTENCES["en"][problem]
    return template.format(**values)


def describe_label_problem(problem: str, label: Label, variable: str, language: str = "en") -> str:
    """Return the sentence for a label that does not match the question."""
    return say_label_problem(problem, dict(label_values(label, variable)), language)
