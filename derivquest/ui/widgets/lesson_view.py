"""Draws a lesson: the author's lines, list items with hanging indents, math in one style."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult as WidgetRender
from textual.widget import Widget

from derivquest.ui.glyphs import ASCII, glyphs
from derivquest.ui.lesson_layout import LessonLine, layout

MIN_TEXT_WIDTH = 20
"""A hanging indent gives way rather than squeeze the text narrower than this."""


def bullet() -> str:
    """The bullet drawn for `-` items (ASCII where the font may lack •)."""
    return "-" if glyphs() is ASCII else "•"


class LessonDocument:
    """A Rich renderable: each lesson line, wrapped to the width under its own indent."""

    def __init__(self, lines: list[LessonLine], math_style: Style | str = "bold") -> None:
        self.lines = lines
        self.math_style = math_style
        self.bullet = bullet()

    def _marker(self, line: LessonLine) -> str:
        return self.bullet if line.bullet else line.marker

    def _body(self, line: LessonLine) -> Text:
        body = Text(end="")
        for segment in line.segments:
            body.append(segment.text, self.math_style if segment.math else "")
        return body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.lines:
            marker = self._marker(line)
            hang = line.hang(cell_len(marker))
            if width - hang < MIN_TEXT_WIDTH:
                hang = min(hang, max(width - MIN_TEXT_WIDTH, 0))
            prefix = (" " * line.indent + (marker + " " if marker else "")).ljust(hang)[:hang]
            if not line.segments:
                yield Text("")
                continue
            wrapped = self._body(line).wrap(console, max(width - hang, 1))
            for number, part in enumerate(wrapped):
                yield Text.assemble(prefix if number == 0 else " " * hang, part)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max(
            (
                line.hang(cell_len(self._marker(line))) + self._body(line).cell_len
                for line in self.lines
            ),
            default=0,
        )
        return Measurement(min(MIN_TEXT_WIDTH, widest), widest).clamp(max_width=options.max_width)


class LessonView(Widget):
    """A lesson's text; the math style comes from the `lesson-view--math` component class."""

    DEFAULT_CSS = """
    LessonView {
        height: auto;
    }
    LessonView > .lesson-view--math {
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"lesson-view--math"}

    def __init__(self, text: str, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.lines = layout(text)
        """The lesson as the author laid it out."""

    def render(self) -> WidgetRender:
        math = self.get_component_rich_style("lesson-view--math", partial=True)
        return LessonDocument(self.lines, math)
