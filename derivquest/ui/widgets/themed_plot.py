"""A plotext plot whose canvas, axes and ticks are readable in the ANSI themes too."""

from __future__ import annotations

from typing import Final

from textual.theme import Theme
from textual_plotext import PlotextPlot

ANSI_PLOT_THEME: Final = "textual-default"
"""textual-plotext's theme that draws canvas, axes and ticks in the terminal's own colours."""


class ThemedPlot(PlotextPlot):
    """Follows the app's theme; with an ANSI theme it uses the terminal's default colours.

    textual-plotext's "auto" theme turns the app's surface and foreground into RGB. In the
    ANSI themes both are "the terminal's default", which has no RGB and becomes black: the
    axes and tick labels came out black on black.
    """

    def on_mount(self) -> None:
        self._follow(self.app.current_theme)
        self.app.theme_changed_signal.subscribe(self, self._follow)

    def _follow(self, theme: Theme) -> None:
        self.theme = ANSI_PLOT_THEME if theme.ansi else "auto"
        self.refresh()
