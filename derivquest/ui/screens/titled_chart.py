"""A chart screen whose title comes from the catalogue, in the player's language."""

from __future__ import annotations

from typing import Any

from textual.widgets import Label

from derivquest.ui.screens.chart import ChartFactory, ChartScreen
from derivquest.ui.strings import t
from derivquest.ui.widgets.chart_base import ChartPanel


class TitledChartScreen(ChartScreen):
    """`ChartScreen` titled by a catalogue key (the screen knows the language once mounted)."""

    def __init__(
        self,
        title_key: str,
        chart: ChartPanel,
        *,
        function: str | None = None,
        rebuild: ChartFactory | None = None,
        **values: Any,
    ) -> None:
        super().__init__(t(title_key, "en", **values), chart, function=function, rebuild=rebuild)
        self.title_key = title_key
        """The catalogue entry of the title."""
        self.title_values = values
        """The numbers the title shows."""

    def on_mount(self) -> None:
        # Textual calls ChartScreen.on_mount (focus the chart) as well: handlers run per class.
        language = str(getattr(self.app, "language", "en"))
        title = t(self.title_key, language, **self.title_values)
        self.query_one(".screen-title", Label).update(title)
