"""Register the tests' `ramp` chart for one test, and remove it after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PACK = Path(__file__).parent / "pack"
"""A pack whose one level asks a plot question on the ramp chart."""


@contextmanager
def ramp_chart(*, with_view: bool = True) -> Iterator[None]:
    """The `ramp` chart is known (and, with its view, playable) inside the block."""
    from derivquest.charts import registry
    from tests.charts.ramp.task import SPEC

    registry.register(SPEC)
    if with_view:
        from derivquest.ui import chart_views
        from tests.charts.ramp.view import VIEW

        chart_views.register(VIEW)
    try:
        yield
    finally:
        if with_view:
            from derivquest.ui import chart_views

            chart_views.unregister("ramp")
        registry.unregister("ramp")
