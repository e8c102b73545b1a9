"""Judge a player's answer to a question instance: the instance's kind decides how."""

from __future__ import annotations

from typing import TYPE_CHECKING

from derivquest.content.instance import QuestionInstance

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


def grade(instance: QuestionInstance, answer_text: str, service: JudgeService) -> Verdict:
    """Return the verdict on `answer_text`; never raises on anything the player types.

    The answer is the text the kind's view produced: typed math, an option's number ("2"),
    or a chart's state ("0.03"). The kind's spec judges it (derivquest.kinds.<kind>.spec),
    adding the author's feedback where the kind has some.

    Raises:
        UnknownKind: no kind has the instance's name (a programming error).
    """
    from derivquest.kinds.registry import spec_for

    return spec_for(instance.kind).grade(instance, answer_text, service)
