"""The player's own mistakes: the named ones they repeat, and a one-key review of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from derivquest.engine.presenter import mistake_sentence
from derivquest.engine.texts import MISTAKES
from derivquest.progress.mistakes import RepeatedMistake
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter

if TYPE_CHECKING:
    from derivquest.ui.app import DerivQuestApp


def describe(mistake: RepeatedMistake, language: str = "en") -> str:
    """One entry: the mistake's sentence, then how often and on how many questions."""
    known = mistake.diagnosis in MISTAKES["en"]
    sentence = mistake_sentence(mistake.diagnosis, language) if known else mistake.diagnosis
    count = t("mine.count", language, answers=mistake.answers, questions=len(mistake.questions))
    return f"{sentence}\n  {count}"


class MyMistakesScreen(Screen[None]):
    """A list of repeated mistakes; Enter reviews the questions where one was made."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "back", id="mine.back"),
        Binding("enter", "review", "review", id="mine.review"),
    ]

    class ReviewChosen(Message):
        """The player asked to practise the questions of one mistake."""

        def __init__(self, mistake: RepeatedMistake) -> None:
            super().__init__()
            self.mistake = mistake

    def __init__(self, mistakes: list[RepeatedMistake], language: str = "en") -> None:
        super().__init__()
        self.mistakes = mistakes
        self.language = language

    def compose(self) -> ComposeResult:
        yield Label(t("mine.title", self.language), classes="screen-title")
        with Vertical(id="mine-body"):
            if self.mistakes:
                yield OptionList(
                    *(
                        Option(describe(mistake, self.language), id=str(index))
                        for index, mistake in enumerate(self.mistakes)
                    ),
                    id="mine-list",
                )
                yield Static(t("mine.hint", self.language), classes="muted")
            else:
                yield Static(t("mine.empty", self.language), id="mine-empty")
        yield GameFooter()

    def action_review(self) -> None:
        if not self.mistakes:
            return
        index = self.query_one("#mine-list", OptionList).highlighted
        if index is not None:
            self.post_message(self.ReviewChosen(self.mistakes[index]))

    @on(OptionList.OptionSelected, "#mine-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ReviewChosen(self.mistakes[event.option_index]))

    @on(ReviewChosen)
    def _review(self, event: ReviewChosen) -> None:
        start_review(self.app, event.mistake)  # type: ignore[arg-type]  # the game's app


def open_my_mistakes(app: DerivQuestApp) -> None:
    """Show the current player's repeated mistakes (the map's `m`)."""
    session = app.current_session()
    known = [ref.full_id for ref in app.catalog.questions()]
    mistakes = app.store.mistakes.repeated_by(session.profile_id, known)
    app.push_screen(MyMistakesScreen(mistakes, app.language))


def start_review(app: DerivQuestApp, mistake: RepeatedMistake) -> None:
    """Play the questions where `mistake` was made, newest variants; back to the map after."""
    from derivquest.ui.screens.question import QuestionScreen

    session = app.current_session()
    title = t("mine.review_title", app.language)
    run = session.start_questions(mistake.questions, title)
    if run is None:
        app.notify(t("mine.empty", app.language))
        return
    app.push_screen(QuestionScreen(session, run), lambda _: app.show_map())
