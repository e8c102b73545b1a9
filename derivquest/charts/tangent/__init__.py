"""The tangent-line chart (`chart = "tangent"`): model, plot tasks, view."""

from derivquest.charts.tangent.model import POINTS, SECANT_MIN, SECANT_START, TangentView

__all__ = ["POINTS", "SECANT_MIN", "SECANT_START", "TangentView"]
