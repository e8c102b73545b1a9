"""The 2-D bowl chart (`chart = "bowl"`): gradient descent on L = a·w1² + b·w2², in the plane."""

from derivquest.charts.bowl.model import BOWL_RATES, BowlView

__all__ = ["BOWL_RATES", "BowlView"]
