"""Keep plotext's legend from crashing: a labelled series needs a point inside the canvas.

plotext builds the legend from the colours of the points it kept on the canvas; a labelled
series with every point outside (a diverging path clamped past the window's edge) leaves
that list empty and plotext raises IndexError while rendering, which would end the game.
"""

from __future__ import annotations

from collections.abc import Sequence

Range = tuple[float, float]
"""(low, high) of one axis."""


def visible(
    xs: Sequence[float | None], ys: Sequence[float | None], x_range: Range, y_range: Range
) -> bool:
    """Whether some point (x, y), both given, lies inside the window."""
    (left, right), (bottom, top) = x_range, y_range
    return any(
        x is not None and y is not None and left <= x <= right and bottom <= y <= top
        for x, y in zip(xs, ys, strict=True)
    )


def label_if_visible(
    label: str,
    xs: Sequence[float | None],
    ys: Sequence[float | None],
    x_range: Range,
    y_range: Range,
) -> str | None:
    """The label, or None (no legend entry) when no point of the series is on the canvas."""
    return label if visible(xs, ys, x_range, y_range) else None
