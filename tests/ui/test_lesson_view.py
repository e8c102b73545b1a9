"""A lesson is wrapped and drawn once per width and style, and redrawn when either changes."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

import pytest
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.pilot import Pilot
from textual.visual import RichVisual

from derivquest.ui.widgets.lesson_view import LessonDocument, LessonView, _KeptDrawing

LESSON = (
    "The derivative of `x^2` is `2x`: the slope of the curve at each point.\n"
    "\n"
    "  - a power rule step: `x^n` becomes `n*x^(n-1)`, for every whole number n\n"
    "  - a long item that has to wrap when the screen is narrow, under its own text\n"
)


class LessonApp(App[None]):
    """A lesson in a box whose width the test sets."""

    CSS = "#box { width: 60; height: auto; }"

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield LessonView(LESSON, id="lesson")


def drawn(view: LessonView) -> list[list[tuple[str, object]]]:
    """Each row the view draws: its text runs and their styles."""
    width, height = view.size
    return [
        [(segment.text, segment.style) for segment in strip]
        for strip in view.render_lines(Region(0, 0, width, height))
    ]


async def fresh_drawing(app: LessonApp, pilot: Pilot[None]) -> list[list[tuple[str, object]]]:
    """What a new view of the same lesson draws in the same box, as it is now."""
    box = app.query_one("#box")
    await box.mount(LessonView(LESSON, id="fresh"))
    await pilot.pause()
    fresh = app.query_one("#fresh", LessonView)
    rows = drawn(fresh)
    await fresh.remove()
    await pilot.pause()
    return rows


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The width of each time a lesson was wrapped (measured or drawn)."""
    widths: list[int] = []
    wrap = LessonDocument.__rich_console__

    def counted(
        document: LessonDocument, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        widths.append(options.max_width)
        return wrap(document, console, options)

    monkeypatch.setattr(LessonDocument, "__rich_console__", counted)
    return widths


def rows_text(rows: Iterable[list[tuple[str, object]]]) -> list[str]:
    return ["".join(text for text, _ in row).rstrip() for row in rows]


async def test_a_lesson_is_wrapped_once_however_often_the_screen_refreshes(
    renders: list[int],
) -> None:
    app = LessonApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(LessonView)
        first = drawn(view)
        made = len(renders)
        assert made <= 2, renders  # once to measure its height, once to draw it
        for _ in range(3):  # each refresh measured and drew the whole lesson again
            view.refresh(layout=True)
            app.screen.refresh(layout=True)
            await pilot.pause()
            assert drawn(view) == first
        assert len(renders) == made, renders


async def test_a_resized_lesson_wraps_to_its_new_width(renders: list[int]) -> None:
    app = LessonApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(LessonView)
        wide = drawn(view)
        app.query_one("#box").styles.width = 30
        await pilot.pause()
        narrow = drawn(view)
        assert view.size.width == 30 and len(narrow) > len(wide)
        assert narrow == await fresh_drawing(app, pilot)
        assert all(len(row) <= 30 for row in rows_text(narrow))
        app.query_one("#box").styles.width = 60
        await pilot.pause()
        assert drawn(view) == wide


async def test_a_rethemed_lesson_draws_in_the_new_colours() -> None:
    app = LessonApp()
    app.theme = "textual-dark"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(LessonView)
        dark = drawn(view)
        app.theme = "textual-light"
        await pilot.pause()
        light = drawn(view)
        assert rows_text(light) == rows_text(dark)
        assert light != dark  # other colours, same text
        assert light == await fresh_drawing(app, pilot)
        view.styles.color = "red"  # the widget's own colour, the lesson's wrapping as it was
        await pilot.pause()
        red = drawn(view)
        assert rows_text(red) == rows_text(light)
        colours = {
            style.color.get_truecolor()
            for row in red
            for text, style in row
            if text.strip() and isinstance(style, Style) and style.color is not None
        }
        assert colours == {(255, 0, 0)}


LEVELS = Path(__file__).parents[2] / "levels" / "calculus-for-ml" / "levels"
LESSONS = [
    str(tomllib.loads(path.read_text(encoding="utf-8"))["lesson"][language])
    for path in sorted(LEVELS.glob("*.toml"))
    for language in ("en", "bn")
]


async def test_a_lesson_is_as_tall_as_rich_draws_it() -> None:
    """The height counted from the kept rows is the one Rich's drawing has, at any width."""
    wide = "漢字 `x^2` 漢字\n\tA tab\tand text"  # rows wider than one column, and tabs
    cases = [(LESSON, (1, 8, 30)), (wide, (1, 3, 30))]
    cases += [(text, (12, 40, 76)) for text in LESSONS]
    rules: RulesMap = {}  # neither reads the widget's styles
    app = LessonApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for text, widths in cases:
            view = LessonView(text)
            for width in widths:
                kept = _KeptDrawing(view, LessonDocument(view.lines, "bold", {}))
                drawn_by_rich = RichVisual(view, LessonDocument(view.lines, "bold"))
                assert kept.get_height(rules, width) == drawn_by_rich.get_height(rules, width), (
                    width,
                    text[:40],
                )
