"""Turn typed math into tokens, normalising the many ways students write the same symbol.

Cases handled:
- numbers ``3``, ``2.5``, ``.25``, ``1e-3`` become exact rationals (``0.1`` is 1/10);
- operators ``+ - * / ^ **`` and their Unicode forms ``· × ⋅ − – ÷``;
- superscripts ``x²``, ``x⁻¹``, ``tanh²`` become an exponent token;
- vulgar fractions ``½ ⅓ ¾`` are exact numbers, and ``2½`` is the mixed number 5/2;
- ``√`` and ``|`` are tokens of their own; letters (any script) form name runs, which the
  parser splits into known names (``xe`` is x·e); ``log10`` and ``log2`` keep their digits;
- ``_`` (a log base, ``log_2 x``) is an operator; ``{ }`` and ``[ ]`` are brackets that
  remember how they were typed, for error messages;
- LaTeX commands (``\\frac``, ``\\sqrt``, ``\\cdot``, ``\\sin`` ...) become the same tokens
  (see ``latex``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from derivquest.engine.errors import LimitExceeded, MathSyntaxError
from derivquest.engine.latex import read_command
from derivquest.engine.limits import MAX_DECIMAL_EXPONENT, MAX_NUMBER_DIGITS

Kind = Literal["number", "name", "op", "sup", "end"]

OPERATOR_ALIASES = {
    "·": "*",
    "⋅": "*",
    "×": "*",
    "∗": "*",
    "−": "-",
    "–": "-",
    "÷": "/",
    "√": "√",
    "+": "+",
    "-": "-",
    "*": "*",
    "/": "/",
    "^": "^",
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    "{": "(",
    "}": ")",
    "|": "|",
    ",": ",",
    "_": "_",
}
"""Every operator character we accept, mapped to the one the parser knows."""

DIGITS = frozenset("0123456789")
"""ASCII digits only: str.isdigit() is also true for '²', which is an exponent here."""

SUPERSCRIPT_DIGITS = {c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
SUPERSCRIPT_SIGNS = {"⁻": "-", "⁺": ""}

VULGAR_FRACTIONS = {
    "½": Fraction(1, 2),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅕": Fraction(1, 5),
    "⅖": Fraction(2, 5),
    "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5),
    "⅙": Fraction(1, 6),
    "⅚": Fraction(5, 6),
    "⅐": Fraction(1, 7),
    "⅛": Fraction(1, 8),
    "⅜": Fraction(3, 8),
    "⅝": Fraction(5, 8),
    "⅞": Fraction(7, 8),
    "⅑": Fraction(1, 9),
    "⅒": Fraction(1, 10),
}
"""Single-character fractions from textbooks and phone keyboards."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token with its place in the original text (1-based column)."""

    kind: Kind
    text: str
    column: int
    value: Fraction | None = None
    """Exact value of a number, or the integer exponent of a superscript."""
    raw: str = ""
    """The typed characters when they differ from ``text`` (``{`` for ``(``, ``\\cdot``)."""

    @property
    def width(self) -> int:
        """How many characters of the input the token covers."""
        return max(1, len(self.raw or self.text))

    @property
    def typed(self) -> str:
        """The token as the player typed it."""
        return self.raw or self.text


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens ending with an ``end`` token; raise on a stray character."""
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        column = i + 1
        if char.isspace():
            i += 1
        elif char in DIGITS or (char == "." and i + 1 < n and text[i + 1] in DIGITS):
            i = _read_number(text, i, tokens)
        elif char == "*" and text.startswith("**", i):
            tokens.append(Token("op", "^", column, raw="**"))
            i += 2
        elif char in OPERATOR_ALIASES:
            mapped = OPERATOR_ALIASES[char]
            tokens.append(Token("op", mapped, column, raw=char if char != mapped else ""))
            i += 1
        elif char in VULGAR_FRACTIONS:
            tokens.append(Token("number", char, column, VULGAR_FRACTIONS[char]))
            i += 1
        elif char == "\\":
            kind, name, end = read_command(text, i)
            if kind == "op":
                tokens.append(Token("op", name, column, raw=text[i:end]))
            elif kind == "name":
                tokens.append(Token("name", name, column, raw=text[i:end]))
            i = end
        elif char == "∂":
            raise MathSyntaxError.said("error.partial", column)
        elif char in SUPERSCRIPT_DIGITS or char in SUPERSCRIPT_SIGNS:
            i = _read_superscript(text, i, tokens)
        elif char.isalpha():
            i = _read_name(text, i, tokens)
        else:
            raise MathSyntaxError.said("error.unexpected-character", column, char=repr(char))
    tokens.append(Token("end", "", n + 1))
    return tokens


def _read_number(text: str, start: int, tokens: list[Token]) -> int:
    """Read digits, an optional fraction and an optional exponent such as ``e-3``."""
    i = start
    n = len(text)
    while i < n and text[i] in DIGITS:
        i += 1
    if i < n and text[i] == ".":
        i += 1
        while i < n and text[i] in DIGITS:
            i += 1
    mantissa = text[start:i]
    exponent = 0
    # `2e-3` is scientific notation, but `2e` and `2ex` are 2·e and 2·e·x.
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-−":
            j += 1
        if j < n and text[j] in DIGITS:
            k = j
            while k < n and text[k] in DIGITS:
                k += 1
            exponent_text = text[i + 1 : k].replace("−", "-")
            if (
                len(exponent_text.lstrip("+-")) > 4
                or abs(int(exponent_text)) > MAX_DECIMAL_EXPONENT
            ):
                raise LimitExceeded.said(
                    "error.number-exponent", start + 1, k - start, limit=MAX_DECIMAL_EXPONENT
                )
            exponent = int(exponent_text)
            i = k
    digits = mantissa.replace(".", "").lstrip("0")
    if len(digits) > MAX_NUMBER_DIGITS:
        raise LimitExceeded.said(
            "error.number-digits", start + 1, i - start, limit=MAX_NUMBER_DIGITS
        )
    if mantissa.count(".") > 1 or mantissa.endswith(".") and len(mantissa) == 1:
        raise MathSyntaxError.said("error.malformed-number", start + 1, i - start)
    value = Fraction(mantissa) * Fraction(10) ** exponent
    if exponent == 0 and i < n and text[i] in VULGAR_FRACTIONS and "." not in mantissa:
        value += VULGAR_FRACTIONS[text[i]]  # 2½ is two and a half
        i += 1
    tokens.append(Token("number", text[start:i], start + 1, value))
    if i < n and text[i] == ".":
        raise MathSyntaxError.said("error.malformed-number", start + 1, i - start + 1)
    return i


def _read_superscript(text: str, start: int, tokens: list[Token]) -> int:
    """Read a run such as ``²`` or ``⁻¹`` into one integer exponent."""
    i = start
    sign = ""
    while i < len(text) and text[i] in SUPERSCRIPT_SIGNS:
        sign = SUPERSCRIPT_SIGNS[text[i]] if not sign else sign
        i += 1
    digits = ""
    while i < len(text) and text[i] in SUPERSCRIPT_DIGITS:
        digits += SUPERSCRIPT_DIGITS[text[i]]
        i += 1
    if not digits:
        raise MathSyntaxError.said("error.superscript-sign", start + 1, i - start)
    if len(digits) > 4:
        raise LimitExceeded.said("error.superscript-large", start + 1, i - start)
    tokens.append(Token("sup", text[start:i], start + 1, Fraction(int(sign + digits))))
    return i


def _read_name(text: str, start: int, tokens: list[Token]) -> int:
    """Read a run of letters; ``log10``/``log2`` keep their digits as part of the name."""
    i = start
    n = len(text)
    while i < n and text[i].isalpha():
        i += 1
    run = text[start:i]
    if run.lower().endswith("log"):
        for suffix in ("10", "2"):
            end = i + len(suffix)
            if text.startswith(suffix, i) and not (end < n and text[end] in DIGITS | {"."}):
                run += suffix
                i = end
                break
    tokens.append(Token("name", run, start + 1))
    return i
