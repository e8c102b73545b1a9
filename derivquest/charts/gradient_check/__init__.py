"""The gradient-check chart (`chart = "gradient-check"`): model, plot tasks, view."""

from derivquest.charts.gradient_check.model import (
    STEP_SIZES,
    GradientCheckView,
    central_difference,
)

__all__ = ["STEP_SIZES", "GradientCheckView", "central_difference"]
