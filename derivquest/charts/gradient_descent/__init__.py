"""The gradient-descent chart (`chart = "gradient-descent"`): model, plot tasks, view."""

from derivquest.charts.gradient_descent.model import LEARNING_RATES, DescentView

__all__ = ["LEARNING_RATES", "DescentView"]
