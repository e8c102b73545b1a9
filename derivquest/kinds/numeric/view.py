"""How a numeric question is answered: a number (or a constant expression) typed."""

from __future__ import annotations

from textual.widget import Widget

from derivquest.content import QuestionInstance
from derivquest.ui.kind_views import KindView, in_language
from derivquest.ui.widgets.answer_input import AnswerInput

PLACEHOLDER = {
    "en": "type a number, e.g. 12, 0.25 or 1/4",
    "bn": "একটা সংখ্যা লিখুন, যেমন 12, 0.25 বা 1/4",
}


READABLE = {
    "en": "a number: it is worked out when you press Enter",
    "bn": "একটা সংখ্যা: Enter চাপলে হিসাব করা হবে",
}
"""The preview for a readable answer: the value itself is never previewed, so the box is no
calculator for the answer."""


class NumericView(KindView):
    """An answer box without variables, whose preview never shows a value."""

    kind = "numeric"

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget:
        placeholder = in_language(PLACEHOLDER, language)
        readable = in_language(READABLE, language)
        return AnswerInput(
            (), value=typed, placeholder=placeholder, readable=readable, id=widget_id
        )


VIEW = NumericView()
"""Found by the registry."""
