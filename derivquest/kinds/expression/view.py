"""How an expression question is answered: typed math with a live preview."""

from __future__ import annotations

from textual.widget import Widget

from derivquest.content import QuestionInstance
from derivquest.kinds.base import payload_of
from derivquest.kinds.expression.spec import ExpressionPayload
from derivquest.ui.kind_views import KindView, in_language
from derivquest.ui.widgets.answer_input import AnswerInput

PLACEHOLDER = {
    "en": "type an expression, e.g. 2x(wx - y)",
    "bn": "একটা expression লিখুন, যেমন 2x(wx - y)",
}


class ExpressionView(KindView):
    """An answer box that reads the question's variables."""

    kind = "expression"

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget:
        task = payload_of(instance, ExpressionPayload)
        return AnswerInput(
            task.variables,
            value=typed,
            placeholder=in_language(PLACEHOLDER, language),
            id=widget_id,
        )


VIEW = ExpressionView()
"""Found by the registry."""
