"""Draws a lesson: the author's lines, list items with hanging indents, math in one style."""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult as WidgetRender
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget

from derivquest.ui.glyphs import ASCII, glyphs
from derivquest.ui.lesson_layout import LessonLine, layout

MIN_TEXT_WIDTH = 20
"""A hanging indent gives way rather than squeeze the text narrower than this."""

KEPT_DRAWINGS = 12
"""Rows, heights and drawings a lesson keeps (widths, themes); more start it afresh."""


def _keep(kept: dict[Hashable, object], key: Hashable, value: object) -> None:
    if len(kept) >= KEPT_DRAWINGS:
        kept.clear()
    kept[key] = value


def bullet() -> str:
    """The bullet drawn for `-` items (ASCII where the font may lack •)."""
    return "-" if glyphs() is ASCII else "•"


class LessonDocument:
    """A Rich renderable: each lesson line, wrapped to the width under its own indent.

    `kept` (a widget's) keeps the rows wrapped at each width for the next document of the
    same lesson: Textual asks a widget for a new renderable after each refresh.
    """

    def __init__(
        self,
        lines: list[LessonLine],
        math_style: Style | str = "bold",
        kept: dict[Hashable, object] | None = None,
    ) -> None:
        self.lines = lines
        self.math_style = math_style
        self.bullet = bullet()
        self._kept = kept

    def _marker(self, line: LessonLine) -> str:
        return self.bullet if line.bullet else line.marker

    def _body(self, line: LessonLine) -> Text:
        body = Text(end="")
        for segment in line.segments:
            body.append(segment.text, self.math_style if segment.math else "")
        return body

    def rows(self, console: Console, width: int) -> list[Text]:
        """The lesson's rows at `width` columns (Rich draws each as given when it fits)."""
        key = ("rows", width, self.math_style, self.bullet)
        kept = None if self._kept is None else self._kept.get(key)
        if isinstance(kept, list):
            return kept
        rows = self._wrap(console, width)
        if self._kept is not None:
            _keep(self._kept, key, rows)
        return rows

    def _wrap(self, console: Console, width: int) -> list[Text]:
        rows: list[Text] = []
        for line in self.lines:
            marker = self._marker(line)
            hang = line.hang(cell_len(marker))
            if width - hang < MIN_TEXT_WIDTH:
                hang = min(hang, max(width - MIN_TEXT_WIDTH, 0))
            prefix = (" " * line.indent + (marker + " " if marker else "")).ljust(hang)[:hang]
            if not line.segments:
                rows.append(Text(""))
                continue
            wrapped = self._body(line).wrap(console, max(width - hang, 1))
            for number, part in enumerate(wrapped):
                rows.append(Text.assemble(prefix if number == 0 else " " * hang, part))
        return rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.rows(console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max(
            (
                line.hang(cell_len(self._marker(line))) + self._body(line).cell_len
                for line in self.lines
            ),
            default=0,
        )
        return Measurement(min(MIN_TEXT_WIDTH, widest), widest).clamp(max_width=options.max_width)


class _KeptDrawing(RichVisual):
    """The lesson as Textual draws any Rich renderable, each height and drawing made once.

    Textual measures and draws a widget again after each refresh of it or of its screen
    (twice each as a new player's first lesson shows), wrapping the whole lesson each time.
    What they give depends only on the width (and height) asked for, the styles and the
    bullet glyph, so the widget keeps each result under all of them.
    """

    def __init__(self, view: LessonView, document: LessonDocument) -> None:
        super().__init__(view, document)
        self._view = view
        self._document = document

    def get_height(self, rules: RulesMap, width: int) -> int:
        key = ("height", width, self._document.bullet)  # a style never changes the wrapping
        height = self._view._drawings.get(key)
        if isinstance(height, int):
            return height
        rows = self._document.rows(self._view.app.console, width)
        if all(row.cell_len <= width and "\t" not in row.plain for row in rows):
            height = len(rows)  # Rich draws a row that fits as one line
        else:
            height = super().get_height(rules, width)
        _keep(self._view._drawings, key, height)
        return height

    def render_strips(
        self, width: int, height: int | None, style: VisualStyle, options: RenderOptions
    ) -> list[Strip]:
        view = self._view
        key = (
            "strips",
            width,
            height,
            style.rich_style,
            self._document.math_style,
            self._document.bullet,
            view.link_style if view.auto_links else None,
        )
        strips = view._drawings.get(key)
        if isinstance(strips, list):
            return strips
        strips = super().render_strips(width, height, style, options)
        _keep(view._drawings, key, strips)
        return strips


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
        self._drawings: dict[Hashable, object] = {}
        """Rows, heights and drawings already made (see `_KeptDrawing`)."""

    def render(self) -> WidgetRender:
        math = self.get_component_rich_style("lesson-view--math", partial=True)
        return _KeptDrawing(self, LessonDocument(self.lines, math, self._drawings))
