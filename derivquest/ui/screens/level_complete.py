"""The end of a level: its stars, what cost stars, and the next level with one key."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from derivquest.game.model import LevelResult
from derivquest.ui.glyphs import stars
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter


def result_text(result: LevelResult, language: str) -> Text:
    """The summary: stars, then each question below three stars and why, then Enter's step."""
    text = Text(t("done.stars", language, stars=stars(result.stars)) + "\n\n", style="bold")
    if not result.missed:
        text.append(t("done.all_three", language) + "\n")
    else:
        text.append(t("done.missed", language) + "\n")
        for missed in result.missed:
            reasons = [t(f"done.reason.{reason}", language) for reason in missed.reasons]
            why = ", ".join(reasons) or t("done.reason.earlier", language)
            text.append(f"  {stars(missed.stars)} ", style="bold")
            text.append(f"{missed.prompt}\n")
            text.append(f"      {why}\n", style="italic")
    text.append("\n")
    if result.next_level is not None:
        text.append(t("done.next", language, title=result.next_level.title), style="bold")
    else:
        text.append(t("done.map", language), style="bold")
    return text


class LevelCompleteScreen(Screen[bool]):
    """Dismisses True to open the next level, False for the map."""

    BINDINGS = [
        Binding("enter", "go_on", "go on", id="done.go_on"),
        Binding("escape", "map", "map", id="done.map"),
    ]

    def __init__(self, result: LevelResult, language: str) -> None:
        super().__init__()
        self.result = result
        self.language = language

    def compose(self) -> ComposeResult:
        yield Label(t("done.title", self.language, title=self.result.title), classes="screen-title")
        with VerticalScroll(id="level-complete"):
            yield Static(result_text(self.result, self.language), id="level-summary")
        yield GameFooter()

    def action_go_on(self) -> None:
        self.dismiss(self.result.next_level is not None)

    def action_map(self) -> None:
        self.dismiss(False)
