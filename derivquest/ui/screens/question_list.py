"""The questions of the level being played, to jump to one (a modal over the question)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from derivquest.ui.glyphs import glyphs
from derivquest.ui.strings import t


def question_line(number: int, prompt: str, solved: bool, current: bool) -> str:
    """One row: where the player is, the number, solved or not, and the prompt."""
    here = ">" if current else " "
    mark = glyphs().star if solved else "·"
    return f"{here}{number:>2} {mark} {prompt}"


class QuestionListScreen(ModalScreen[int | None]):
    """Dismisses with the index of the question chosen, or None (Esc)."""

    DEFAULT_CSS = """
    QuestionListScreen { align: center middle; }
    QuestionListScreen > Vertical {
        width: 76; height: auto; max-height: 20; border: round $primary; padding: 0 1;
        background: $surface;
    }
    QuestionListScreen OptionList { height: auto; max-height: 16; }
    """

    BINDINGS = [Binding("escape", "dismiss_none", "back", id="questions.back")]

    def __init__(self, prompts: list[str], solved: list[bool], current: int, language: str) -> None:
        super().__init__()
        self.prompts = prompts
        self.solved = solved
        self.current = current
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("questions.title", self.language), classes="screen-title")
            options = [
                Option(question_line(i + 1, prompt, self.solved[i], i == self.current), id=f"q{i}")
                for i, prompt in enumerate(self.prompts)
            ]
            yield OptionList(*options, id="question-list")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.current
        listing.focus()

    @on(OptionList.OptionSelected, "#question-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
