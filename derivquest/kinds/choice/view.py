"""How a choice question is shown (numbered options) and answered (the number keys)."""

from __future__ import annotations

import re

from rich.text import Text

from derivquest.content import QuestionInstance
from derivquest.kinds.base import payload_of
from derivquest.kinds.choice.spec import ChoicePayload
from derivquest.ui.kind_views import KindView, in_language

PICK = {"en": "Press the number of your choice.", "bn": "আপনার পছন্দের নম্বর চাপুন।"}


def rich_text(text: str) -> Text:
    """Show `math` in backticks in bold, without the backticks."""
    result = Text()
    for index, part in enumerate(re.split(r"`([^`]*)`", text)):
        result.append(part, style="bold" if index % 2 else "")
    return result


class ChoiceView(KindView):
    """The options numbered for the number keys; no answer widget."""

    kind = "choice"

    def options(self, instance: QuestionInstance, language: str) -> Text:
        lines = Text()
        for number, option in enumerate(payload_of(instance, ChoicePayload).options, start=1):
            lines.append(f"{number}. ", style="bold")
            lines.append_text(rich_text(option.text))
            lines.append("\n")
        lines.append(in_language(PICK, language), style="dim")
        return lines

    def pick(self, instance: QuestionInstance, number: int) -> str | None:
        count = len(payload_of(instance, ChoicePayload).options)
        return str(number) if 1 <= number <= count else None


VIEW = ChoiceView()
"""Found by the registry."""
