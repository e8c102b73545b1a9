"""The ramp chart's numbers (tests only): y = slope·x, and a cursor x the player moves."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RampModel:
    """The line y = slope·x and the cursor; the view draws it and the grader reads it."""

    slope: float = 2.0
    x: float = 0.0
    step: float = 0.5

    def move(self, steps: int) -> None:
        """Move the cursor by whole steps."""
        self.x = round(self.x + steps * self.step, 10)

    @property
    def y(self) -> float:
        """The line's height at the cursor."""
        return self.slope * self.x
