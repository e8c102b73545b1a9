"""SymPy functions for the ML names players type: sigmoid (σ), relu and softplus.

They are real SymPy functions (not rewritten on sight) so that a preview shows
``sigmoid(x)`` as typed, and their derivatives stay in the form the course teaches:
σ' = σ(1-σ), relu' = step, softplus' = σ. ``to_elementary`` rewrites them for proofs.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import Function, Heaviside, S, exp, log


class sigmoid(Function):  # noqa: N801 - SymPy names functions in lower case
    """The logistic function 1/(1+e^-x)."""

    is_real = True

    @classmethod
    def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
        """Evaluate at 0 only; everywhere else keep the readable name."""
        if arg.is_zero:
            return S.Half
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """σ'(u) = σ(u)(1 - σ(u))."""
        return self * (1 - self)

    def _eval_rewrite_as_exp(self, arg: sympy.Expr, **_: Any) -> sympy.Expr:
        return 1 / (1 + exp(-arg))


class relu(Function):  # noqa: N801
    """max(0, x); its derivative is the step function (ReLU'(0) taken as 1/2 by SymPy)."""

    is_real = True

    @classmethod
    def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
        """Evaluate on numbers and on arguments of known sign."""
        if arg.is_nonnegative:
            return arg
        if arg.is_nonpositive:
            return S.Zero
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """relu'(u) = step(u)."""
        return Heaviside(self.args[0])

    def _eval_rewrite_as_Max(self, arg: sympy.Expr, **_: Any) -> sympy.Expr:
        return sympy.Max(0, arg)


class softplus(Function):  # noqa: N801
    """ln(1 + e^x), a smooth ReLU whose derivative is the sigmoid."""

    is_real = True

    @classmethod
    def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
        """Evaluate at 0 only (ln 2)."""
        if arg.is_zero:
            return log(2)
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """softplus'(u) = σ(u)."""
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg: sympy.Expr, **_: Any) -> sympy.Expr:
        return log(1 + exp(arg))


def to_elementary(expr: sympy.Expr) -> sympy.Expr:
    """Rewrite the ML functions into exp, log and Max, for symbolic proofs."""
    return (
        expr.replace(sigmoid, lambda u: 1 / (1 + exp(-u)))
        .replace(softplus, lambda u: log(1 + exp(u)))
        .replace(relu, lambda u: sympy.Max(0, u))
    )
