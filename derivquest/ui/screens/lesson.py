"""A level's short lesson: before its questions, and again from a question (Ctrl+L)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from derivquest.ui import start_turn
from derivquest.ui.key_labels import KeyTexts
from derivquest.ui.strings import t
from derivquest.ui.styled_on_mount import StyledOnMount
from derivquest.ui.widgets.game_footer import GameFooter
from derivquest.ui.widgets.lesson_view import LessonView


class LessonScreen(StyledOnMount[bool]):
    """Dismisses True to start the questions, False to go back to the map.

    Given `questions`, Enter calls it instead of dismissing: it opens the questions over the
    lesson. Reopened from a question (``reopened=True``) both keys return to that question.
    Arrows, PgUp/PgDn and Home/End scroll the text (the scroll view has the focus).
    """

    BINDINGS = [
        Binding("enter", "start", "start the questions", id="lesson.start"),
        Binding("escape", "back", "map", id="lesson.back"),
    ]

    def __init__(
        self,
        title: str,
        lesson: str,
        language: str = "en",
        *,
        reopened: bool = False,
        welcome: str | None = None,
        questions: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.lesson_title = title
        self.lesson = lesson
        self.language = language
        self.reopened = reopened
        """Shown from a question: Enter and Esc both go back to it."""
        self.welcome = welcome
        """A new player's name: a line above the lesson welcomes them and points to the map."""
        self.questions = questions
        """Opens the level's questions over the lesson. Dismissed first, the lesson would
        uncover the screen under it, which Textual lays out again: under a new player's
        lesson an empty one, laid out on every student's way to the first question."""
        self.key_texts: KeyTexts = (
            {"lesson.start": "key.lesson.return", "lesson.back": None} if reopened else {}
        )
        """Footer texts: reopened, Enter says "back to the question" and Esc is not listed."""

    def compose(self) -> ComposeResult:
        yield Label(self.lesson_title, classes="screen-title")
        if self.welcome is not None:
            greeting = t("lesson.welcome", self.language, name=self.welcome)
            yield Static(greeting, id="lesson-welcome", markup=False)
        with VerticalScroll(id="lesson-text"):
            yield LessonView(self.lesson)
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self.call_after_refresh(start_turn.drawn)  # a served game's start: turn given back

    def action_start(self) -> None:
        if start_turn.installed() is None:
            self._start()
        else:  # a served game's first question waits its turn; the lesson stays meanwhile
            self.run_worker(self._start_in_turn(), group="start-turn", exclusive=True)

    async def _start_in_turn(self) -> None:
        await start_turn.before_question()
        if self.is_current:  # not if Esc left the lesson meanwhile
            self._start()

    def _start(self) -> None:
        if self.questions is None:
            self.dismiss(True)
        else:
            self.questions()

    def action_back(self) -> None:
        self.dismiss(False)
