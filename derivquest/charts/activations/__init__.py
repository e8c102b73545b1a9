"""The activations chart (`chart = "activations"`): model, plot tasks, view."""

from derivquest.charts.activations.model import FUNCTIONS, VANISHING, Activation, ActivationView

__all__ = ["FUNCTIONS", "VANISHING", "Activation", "ActivationView"]
