"""How a word question is answered (tests only): a plain text box; Enter answers."""

from __future__ import annotations

from textual import on
from textual.widget import Widget
from textual.widgets import Input

from derivquest.content import QuestionInstance
from derivquest.ui.kind_views import Answered, KindView, in_language

PLACEHOLDER = {"en": "type one word", "bn": "একটা শব্দ লিখুন"}


class WordInput(Input):
    """A text box that answers with its text on Enter."""

    @on(Input.Submitted)
    def _answer(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(Answered(event.value))


class WordView(KindView):
    """The word box under the prompt."""

    kind = "word"

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget:
        return WordInput(value=typed, placeholder=in_language(PLACEHOLDER, language), id=widget_id)


VIEW = WordView()
