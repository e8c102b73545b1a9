"""How a derivative question is shown (the function drawn in 2-D) and answered (typed math)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from derivquest.content import QuestionInstance
from derivquest.engine import EngineError, parse
from derivquest.kinds.base import payload_of
from derivquest.kinds.derivative.spec import DerivativePayload
from derivquest.ui.kind_views import KindView, in_language
from derivquest.ui.widgets.answer_input import AnswerInput

PLACEHOLDER = {
    "en": "type the derivative, e.g. 15(3x+2)^4",
    "bn": "derivative লিখুন, যেমন 15(3x+2)^4",
}


class DerivativeView(KindView):
    """The function pretty-printed under the prompt; an answer box with a live preview."""

    kind = "derivative"

    def prompt_extra(self, instance: QuestionInstance) -> Text | None:
        task = payload_of(instance, DerivativePayload)
        try:
            picture = parse(task.function, task.variables).pretty()
        except EngineError:
            return None
        return Text(picture) if "\n" in picture else None  # only where 2-D layout helps

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget:
        task = payload_of(instance, DerivativePayload)
        return AnswerInput(
            task.variables,
            value=typed,
            placeholder=in_language(PLACEHOLDER, language),
            id=widget_id,
        )


VIEW = DerivativeView()
"""Found by the registry."""
