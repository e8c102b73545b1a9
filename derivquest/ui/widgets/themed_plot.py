"""A plotext plot whose canvas, axes and ticks are readable in the ANSI themes too."""

from __future__ import annotations

from typing import Final

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.theme import Theme
from textual_plotext import PlotextPlot

ANSI_PLOT_THEME: Final = "textual-default"
"""textual-plotext's theme that draws canvas, axes and ticks in the terminal's own colours."""


def restore_columns(line: Text) -> Text:
    """The line with a space for each zero-width character plotext gave a cell of its own.

    plotext writes a label one code point per cell, but a terminal draws a Bengali virama,
    u-kar or chandrabindu (a non-spacing mark) on the letter before it: the rest of the row,
    the frame's right edge included, came out one column too far left per mark. The spaces
    go where the label holding the last mark ends, so what follows is back in its column.
    """
    plain = line.plain
    marks = [index for index, char in enumerate(plain) if cell_len(char) == 0]
    if not marks:
        return line
    end = plain.find("  ", marks[-1])  # labels are padded with spaces: the label's end
    if end < 0:
        end = len(plain)
    return line[:end] + Text(" " * len(marks)) + line[end:]


class ThemedPlot(PlotextPlot):
    """Follows the app's theme; with an ANSI theme it uses the terminal's default colours.

    textual-plotext's "auto" theme turns the app's surface and foreground into RGB. In the
    ANSI themes both are "the terminal's default", which has no RGB and becomes black: the
    axes and tick labels came out black on black.
    """

    def render(self) -> RenderResult:
        drawn = super().render()
        if not isinstance(drawn, Text):
            return drawn
        return Text("\n").join(restore_columns(line) for line in drawn.split("\n"))

    def on_mount(self) -> None:
        self._follow(self.app.current_theme)
        self.app.theme_changed_signal.subscribe(self, self._follow)

    def _follow(self, theme: Theme) -> None:
        self.theme = ANSI_PLOT_THEME if theme.ansi else "auto"
        self.refresh()
