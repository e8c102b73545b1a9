"""The LaTeX subset players paste from notes: each command becomes one of our tokens.

Cases handled (everything else is an error naming the command and its column):
- ``\\sin \\cos ... \\ln \\log \\exp \\tanh ...`` become the function names;
- ``\\operatorname{relu}``, ``\\mathrm{e}`` become the name in braces;
- ``\\sigma`` is the sigmoid σ, ``\\pi`` is π; other Greek letters become their letter
  (usable as variables);
- ``\\cdot \\times \\ast`` are ``*``, ``\\div`` is ``/``;
- ``\\frac \\dfrac \\tfrac`` and ``\\sqrt`` become the parser's ``frac`` and ``√``;
- ``\\left \\right \\bigl ...`` (sizing) and ``\\, \\; \\! \\:`` (spacing) are skipped, as is the
  ``.`` of ``\\left.``; ``\\{ \\}`` are braces and ``\\|`` is a bar.
"""

from __future__ import annotations

import unicodedata

from derivquest.engine.errors import MathSyntaxError

FUNCTION_COMMANDS = frozenset(
    "sin cos tan sec csc cot arcsin arccos arctan sinh cosh tanh coth sech csch "
    "exp ln log sgn".split()
)
"""Commands that name one of our functions."""

OPERATOR_COMMANDS = {
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
    "frac": "frac",
    "dfrac": "frac",
    "tfrac": "frac",
    "sqrt": "√",
}
"""Commands that are operators, by the operator the parser knows."""

NAME_COMMANDS = {"sigma": "σ", "pi": "π"}
"""Commands that are names with a fixed meaning (σ is the sigmoid in this game)."""

SIZING = frozenset("left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr".split())
"""Sizing commands: they only change how a bracket looks."""

SPACING = frozenset(",;:! ")
"""``\\,`` and friends: spacing only."""

WRAPPERS = frozenset({"operatorname", "mathrm", "text", "mathit"})
"""``\\operatorname{name}``: the braces hold a name."""


def greek(name: str) -> str | None:
    """Return the Greek letter a command such as ``\\theta`` names, or None."""
    try:
        letter = unicodedata.lookup(f"GREEK SMALL LETTER {name.upper()}")
    except KeyError:
        return None
    return letter if name.islower() else None


def read_command(text: str, start: int) -> tuple[str, str, int]:
    """Read the command at ``text[start] == '\\'``.

    Returns:
        (kind, token text, end index): kind is ``"op"``, ``"name"`` or ``"skip"``; the raw
        text of the token is ``text[start:end]``.
    """
    n = len(text)
    i = start + 1
    column = start + 1
    if i < n and text[i] in SPACING:
        return "skip", "", i + 1
    if i < n and text[i] in "{}|":
        return "op", {"{": "(", "}": ")", "|": "|"}[text[i]], i + 1
    while i < n and text[i].isalpha() and text[i].isascii():
        i += 1
    name = text[start + 1 : i]
    if not name:
        raise MathSyntaxError.said("error.latex-lone-backslash", column)
    if name in SIZING:
        # \left. is an invisible bracket: skip the dot with it.
        return "skip", "", i + 1 if i < n and text[i] == "." else i
    if name in OPERATOR_COMMANDS:
        return "op", OPERATOR_COMMANDS[name], i
    if name in FUNCTION_COMMANDS:
        return "name", name, i
    if name in NAME_COMMANDS:
        return "name", NAME_COMMANDS[name], i
    if name in WRAPPERS:
        return _wrapped_name(text, start, i)
    if name == "partial":
        raise MathSyntaxError.said("error.partial", column, i - start)
    letter = greek(name)
    if letter is not None:
        return "name", letter, i
    raise MathSyntaxError.said("error.latex-unknown", column, i - start, name=name)


def _wrapped_name(text: str, start: int, i: int) -> tuple[str, str, int]:
    """Read the ``{name}`` after ``\\operatorname``."""
    column = start + 1
    close = text.find("}", i)
    inside = text[i + 1 : close].strip() if i < len(text) and text[i] == "{" else ""
    if close == -1 or not inside.isalpha():
        raise MathSyntaxError.said(
            "error.latex-operatorname", column, i - start, command=text[start:i]
        )
    return "name", inside, close + 1
