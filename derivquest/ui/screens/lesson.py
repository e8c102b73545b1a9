"""A level's short lesson, shown before its questions."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Markdown

from derivquest.ui.strings import t

MATH_SPAN = re.compile(r"`([^`]+)`")
VARIABLE_LETTERS = "xwyhtz"
"""The variables lessons use; a formula with other letters (f(x), d/dx) is notation, not an
expression, and is left as written."""

NOTATION = ("d/d", "=", "'", "→", "lim")

SHORT = 6
"""Formulas shorter than this (e^x, 1/x, x^3) read well inline; only longer ones get a picture."""


def pretty_block(formula: str) -> str | None:
    """The formula pretty-printed, when it parses and 2-D layout helps (powers, fractions)."""
    from derivquest.engine import EngineError, parse

    if any(mark in formula for mark in NOTATION) or len(formula.replace(" ", "")) < SHORT:
        return None
    letters = sorted({c for c in formula if c in VARIABLE_LETTERS}) or ["x"]
    try:
        picture = parse(formula, letters).pretty()
    except EngineError:
        return None
    return picture if "\n" in picture else None


BULLET = re.compile(r"^\s*(?:[•*-]|\d+[.)])\s+")


def reflow(paragraph: str) -> str:
    """Join a paragraph's lines (authors wrap at ~76 columns; the screen wraps itself), but
    keep bullet lines (•, -, *, 1.) as Markdown list items."""
    lines: list[str] = []
    for raw in paragraph.splitlines():
        line = raw.strip()
        if BULLET.match(line):
            lines.append("- " + BULLET.sub("", line, count=1))
        elif lines:
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def lesson_markdown(text: str) -> str:
    """Paragraphs as written; a formula that reads better in 2-D also appears pretty-printed.

    Lessons write math in backticks in the players' syntax (`(3x+2)^5`); under its paragraph
    the game shows it the way a textbook would, with raised exponents and stacked fractions.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    blocks = []
    shown: set[str] = set()
    for paragraph in paragraphs:
        blocks.append(reflow(paragraph))
        fresh = [f for f in dict.fromkeys(MATH_SPAN.findall(paragraph)) if f not in shown]
        shown.update(fresh)
        pictures = [p for f in fresh if (p := pretty_block(f))]
        if pictures:
            blocks.append("```\n" + "\n\n".join(pictures) + "\n```")
    return "\n\n".join(blocks)


class LessonScreen(Screen[bool]):
    """Dismisses True to start the questions, False to go back to the map."""

    BINDINGS = [
        Binding("enter", "start", t("lesson.start"), id="lesson.start"),
        Binding("escape", "back", "back", id="lesson.back"),
    ]

    def __init__(self, title: str, lesson: str, language: str = "en") -> None:
        super().__init__()
        self.lesson_title = title
        self.lesson = lesson
        self.language = language

    def compose(self) -> ComposeResult:
        yield Label(self.lesson_title, classes="screen-title")
        with VerticalScroll(id="lesson-text"):
            yield Markdown(lesson_markdown(self.lesson))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_start(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
