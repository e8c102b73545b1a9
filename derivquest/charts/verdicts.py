"""Chart verdicts worded from the engine's catalogue, so a Bengali player reads them in Bengali."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from derivquest.engine import Verdict


def chart_verdict(
    status: Literal["correct", "incorrect"],
    sentence: str,
    values: tuple[tuple[str, str], ...],
    parsed: str,
) -> Verdict:
    """A verdict the presenter words from `engine.texts.VERDICTS[language][sentence]`.

    The English text is kept as `message` too (what a log or a report without a language
    shows); a player sees the sentence in their language.
    """
    from derivquest.engine import Verdict
    from derivquest.engine.texts import VERDICTS

    message = VERDICTS["en"][sentence].format(**dict(values))
    return Verdict(status, message, sentence_id=sentence, values=values, parsed=parsed)
