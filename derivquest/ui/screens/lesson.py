"""A level's short lesson, shown before its questions."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Markdown

from derivquest.ui.strings import t


def lesson_markdown(text: str) -> str:
    """Lessons are plain paragraphs with `math` in backticks; keep line breaks as written."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(p.replace("\n", "  \n") for p in paragraphs)


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
