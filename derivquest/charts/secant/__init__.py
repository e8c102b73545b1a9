"""The secant chart (`chart = "secant"`): the secant through a and a+h closing in on the tangent."""

from derivquest.charts.secant.model import MAX_HALVINGS, SecantView

__all__ = ["MAX_HALVINGS", "SecantView"]
