"""Activations and their derivatives side by side, with a cursor and where gradients vanish."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Activation = Literal["sigmoid", "tanh", "relu", "softplus"]
"""The activation functions the activations chart can draw (the pack format uses this too)."""

VANISHING = 0.05
"""A derivative below this counts as a vanishing gradient on the chart."""


def _sigmoid(x: float) -> float:
    # Two forms so that exp never overflows for large |x|.
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)


def _softplus(x: float) -> float:
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


FUNCTIONS: dict[str, tuple[Callable[[float], float], Callable[[float], float]]] = {
    "sigmoid": (_sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    # ReLU'(0) is undefined; like most frameworks the chart uses 0 there.
    "relu": (lambda x: max(x, 0.0), lambda x: 1.0 if x > 0 else 0.0),
    "softplus": (_softplus, _sigmoid),
}
"""Each activation and its derivative, in plain floats (exact enough to draw)."""

POINTS = 161


@dataclass
class ActivationView:
    """Which activation is shown and where the cursor is."""

    name: Activation = "sigmoid"
    x: float = 2.0
    step: float = 0.25
    x_min: float = -6.0
    x_max: float = 6.0

    def move(self, steps: int) -> None:
        """Move the cursor by whole steps inside the window."""
        self.x = min(max(round(self.x + steps * self.step, 10), self.x_min), self.x_max)

    def cycle(self) -> None:
        """Show the next activation."""
        names = list(FUNCTIONS)
        self.name = names[(names.index(self.name) + 1) % len(names)]  # type: ignore[assignment]

    def value(self, x: float | None = None) -> float:
        """The activation at x (the cursor by default)."""
        return FUNCTIONS[self.name][0](self.x if x is None else x)

    def derivative(self, x: float | None = None) -> float:
        """Its derivative at x (the cursor by default)."""
        return FUNCTIONS[self.name][1](self.x if x is None else x)

    @property
    def vanishing(self) -> bool:
        """True where the gradient is nearly zero: learning through this unit stalls."""
        return self.derivative() < VANISHING

    def xs(self) -> list[float]:
        """Sample points across the window."""
        width = self.x_max - self.x_min
        return [self.x_min + width * i / (POINTS - 1) for i in range(POINTS)]
