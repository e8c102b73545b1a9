"""Moved: the plot goals now live with their charts (`derivquest/charts/<chart>/`).

Only a re-export remains, for code written before the move (`kinds/graph/gradcheck.py`);
new code imports from the chart.
"""

from derivquest.charts.gradient_check.model import central_difference as central_difference

__all__ = ["central_difference"]
