"""The one presenter: turn a verdict's data into sentences in the player's language.

The judge, the game and the screens pass verdicts around as data (a sentence id, the
witness, the mistake ids, the term at fault); only this module writes words, from the
catalogue in ``derivquest.engine.texts``; an engine error's message id (an unreadable
answer, ``present_error``) from ``derivquest.engine.error_texts``. A verdict with no sentence
id (an author's feedback, a choice explanation) is shown as its ``message``, already in the
language it was written in.
"""

from __future__ import annotations

from derivquest.engine.error_texts import PREFIX as ERROR_PREFIX
from derivquest.engine.error_texts import error_text
from derivquest.engine.errors import EngineError
from derivquest.engine.labels import PROBLEMS as LABEL_PROBLEMS
from derivquest.engine.labels import say_label_problem
from derivquest.engine.readings import describe_domain, describe_reading
from derivquest.engine.texts import MISTAKES, ORDINALS, VERDICTS
from derivquest.engine.verdict import TermAtFault, Verdict, Witness

LONGEST_NUMBER = 24
"""Characters a shown number may take; longer ones are described in words."""


def present(verdict: Verdict, language: str = "en") -> str:
    """Return the full sentence for ``verdict`` in ``language`` (English when unknown).

    Reading notes come first ("you typed 1/2x, which reads as x/2 ..."): when another
    reading of what was typed would be right, that explains the verdict best.
    """
    readings = " ".join(describe_reading(note, language) for note in verdict.notes)
    if verdict.sentence_id in LABEL_PROBLEMS:  # `dL/db = ...` that names the wrong thing
        return say_label_problem(verdict.sentence_id, dict(verdict.values), language)
    if verdict.sentence_id is None:
        return f"{readings} {verdict.message}" if readings else verdict.message
    if verdict.sentence_id.startswith(ERROR_PREFIX):  # an unreadable answer's error
        return error_text(verdict.sentence_id, language, verdict.values)
    core = _say(verdict.sentence_id, language, **_values(verdict, language))
    if verdict.status == "incorrect" and verdict.slips:
        core = f"{present_diagnosis(verdict.slips, verdict.term_at_fault, language)} {core}"
    if verdict.domain_note is not None:
        core = f"{core} {describe_domain(verdict.domain_note, language)}"
    return f"{readings} {core}" if readings else core


def present_error(error: EngineError, language: str = "en") -> str:
    """An engine error's message in ``language``; its English text when it has no id."""
    if error.key is None:
        return error.message
    return error_text(error.key, language, error.params)


def present_diagnosis(
    slips: tuple[str, ...], term: TermAtFault | None = None, language: str = "en"
) -> str:
    """The mistake sentence: one slip, two slips, and the term of the sum they are in."""
    sentence = mistake_sentence(slips[0], language)
    if len(slips) > 1:
        sentence = _say(
            "two-slips", language, first=sentence, second=mistake_sentence(slips[1], language)
        )
    if term is None:
        return sentence
    if term.count == 2:
        others = _say("other-term", language, ordinal=_ordinal(3 - term.index, language))
    else:
        others = _say("other-terms", language)
    return _say(
        "term-at-fault",
        language,
        others=others,
        ordinal=_ordinal(term.index, language),
        sentence=sentence,
    )


def mistake_sentence(mistake: str, language: str = "en") -> str:
    """The sentence for one mistake id (English when the language lacks it)."""
    return MISTAKES.get(language, {}).get(mistake) or MISTAKES["en"][mistake]


def show_number(text: str, language: str = "en") -> str:
    """A number as the engine formatted it, or words when it is too long to read."""
    if len(text) <= LONGEST_NUMBER:
        return text
    huge = "e-" not in text.lower()
    return _say("huge" if huge else "tiny", language)


def _values(verdict: Verdict, language: str) -> dict[str, str]:
    values = {name: show_number(value, language) for name, value in verdict.values}
    if verdict.witness is not None:
        values.update(_witness_values(verdict.witness, language))
    return values


def _witness_values(witness: Witness, language: str) -> dict[str, str]:
    values = {"where": ", ".join(f"{name} = {value}" for name, value in witness.point)}
    if witness.yours is not None:
        values["yours"] = show_number(witness.yours, language)
    if witness.right is not None:
        values["right"] = show_number(witness.right, language)
    return values


def _ordinal(index: int, language: str) -> str:
    words = ORDINALS.get(language, ORDINALS["en"])
    return words[index - 1] if 1 <= index <= len(words) else f"#{index}"


def _say(key: str, language: str, **values: str) -> str:
    template = VERDICTS.get(language, {}).get(key) or VERDICTS["en"][key]
    return template.format(**values)
