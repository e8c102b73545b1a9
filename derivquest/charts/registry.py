"""Find charts by id: every `derivquest/charts/<chart>/task.py` that defines `SPEC`.

Discovery is lazy, like the question kinds' registry; an unknown id raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from derivquest.plugins import declared

if TYPE_CHECKING:
    from derivquest.charts.base import ChartSpec

_SPECS: dict[str, ChartSpec] = {}
_LOADED = False
_LISTENERS: list[Callable[[], None]] = []


class UnknownChart(LookupError):
    """No chart has this id."""


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import derivquest.charts as package
    from derivquest.charts.base import ChartSpec

    for _, spec in declared(package, "task", "SPEC"):  # a chart without plot tasks: none
        if isinstance(spec, ChartSpec):
            _SPECS.setdefault(spec.chart, spec)


def specs() -> list[ChartSpec]:
    """Every chart with plot tasks, in documentation order."""
    _load()
    return sorted(_SPECS.values(), key=lambda spec: (spec.order, spec.chart))


def chart_ids() -> tuple[str, ...]:
    """Every chart id, in documentation order."""
    return tuple(spec.chart for spec in specs())


def spec_for(chart: str) -> ChartSpec:
    """Return the chart with this id.

    Raises:
        UnknownChart: no chart has that id.
    """
    _load()
    try:
        return _SPECS[chart]
    except KeyError:
        raise UnknownChart(f"no chart {chart!r} (known: {', '.join(chart_ids())})") from None


def register(spec: ChartSpec) -> None:
    """Add a chart defined outside this package (tests); the pack schema learns it at once."""
    _load()
    if spec.chart in _SPECS and _SPECS[spec.chart] is not spec:
        raise ValueError(f"a chart called {spec.chart!r} exists already")
    _SPECS[spec.chart] = spec
    for listener in _LISTENERS:
        listener()


def unregister(chart: str) -> None:
    """Remove a chart added with `register`."""
    _SPECS.pop(chart, None)
    for listener in _LISTENERS:
        listener()


def on_change(listener: Callable[[], None]) -> None:
    """Call `listener` whenever a chart is registered or removed (the schema rebuilds)."""
    _LISTENERS.append(listener)
