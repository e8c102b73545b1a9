"""One presenter turns verdict data into sentences, in English and Bengali, witness included."""

from __future__ import annotations

import string

import pytest

from derivquest.engine import check, check_derivative, check_numeric
from derivquest.engine.presenter import present, present_diagnosis, show_number
from derivquest.engine.texts import MISTAKES, ORDINALS, VERDICTS
from derivquest.engine.verdict import TermAtFault, Verdict, Witness

WRONG = Verdict(
    "incorrect",
    "",
    diagnosis="chain-inner-missing",
    sentence_id="differs-at",
    witness=Witness((("x", "2"),), "3", "12"),
    slips=("chain-inner-missing",),
)

PRESENTED = [
    # (verdict, language, expected sentence)
    (
        WRONG,
        "en",
        "Chain rule: you differentiated the outer function but did not multiply by the "
        "derivative of the inside. Not quite: at x = 2 your answer gives 3, the right value "
        "there is 12.",
    ),
    (
        WRONG,
        "bn",
        "Chain rule: বাইরের function-এর derivative নিয়েছেন, কিন্তু ভেতরের function-এর "
        "derivative দিয়ে গুণ করেননি। পুরোপুরি ঠিক হয়নি: x = 2 হলে আপনার উত্তর দেয় 3, কিন্তু "
        "সেখানে সঠিক মান 12।",
    ),
    (Verdict("correct", "Correct.", sentence_id="correct"), "bn", "সঠিক।"),
    (
        Verdict(
            "incorrect",
            "",
            sentence_id="undefined-at",
            witness=Witness((("x", "-1"),), None, "0.5"),
        ),
        "en",
        "Not quite: at x = -1 your answer is undefined but the right value there is 0.5.",
    ),
    (
        Verdict("incorrect", "", sentence_id="too-large", values=(("yours", "7"),)),
        "bn",
        "পুরোপুরি ঠিক হয়নি: 7 বেশি বড়।",
    ),
    (
        Verdict(
            "incorrect",
            "",
            sentence_id="differs-at",
            witness=Witness((("x", "1"),), "1" + "0" * 30, "2"),
        ),
        "en",
        "Not quite: at x = 1 your answer gives an astronomically large number, the right "
        "value there is 2.",
    ),
    # No sentence id: the message is the text (an author's feedback, a parse error).
    (
        Verdict("incorrect", "তুমি exponent-টাও differentiate করেছ।"),
        "bn",
        "তুমি exponent-টাও differentiate করেছ।",
    ),
    (Verdict("invalid", "unexpected ')' at column 7"), "bn", "unexpected ')' at column 7"),
]


@pytest.mark.parametrize(("verdict", "language", "sentence"), PRESENTED)
def test_present(verdict: Verdict, language: str, sentence: str) -> None:
    assert present(verdict, language) == sentence


def test_unknown_language_is_english() -> None:
    assert present(WRONG, "fr") == present(WRONG, "en")


def test_the_english_message_is_the_presented_english() -> None:
    """The judge fills `message` with the presenter's English, so the CLI says the same."""
    for verdict in (
        check_derivative("(3x+2)^5", "5(3x+2)^4"),
        check("2x", "x+x"),
        check("2x", "3x"),
        check_numeric("0.5", "0.7", abs_tol=0.01),
    ):
        assert verdict.sentence_id is not None
        assert verdict.message == present(verdict, "en")


def test_bengali_keeps_the_witness() -> None:
    """The bug this fixes: a Bengali player saw the mistake sentence without the point."""
    verdict = check_derivative("(3x+2)^5", "5(3x+2)^4")
    assert verdict.witness is not None
    where = ", ".join(f"{name} = {value}" for name, value in verdict.witness.point)
    bengali = present(verdict, "bn")
    assert f"{where} হলে আপনার উত্তর দেয় {verdict.witness.yours}" in bengali
    assert f"সঠিক মান {verdict.witness.right}" in bengali


def test_a_constant_answer_is_never_revealed() -> None:
    """d/dx 38 is 0: the witness must not print 'the answer is 0'."""
    verdict = check_derivative("38", "5")
    assert verdict.witness is not None and verdict.witness.right is None
    assert verdict.sentence_id == "differs-at-hidden"
    for language in ("en", "bn"):
        assert " 0" not in present(verdict, language).replace("= 0.", "")
    assert verdict.message.endswith("which is not right.")


def test_two_slips_and_a_term() -> None:
    sentence = present_diagnosis(
        ("chain-inner-missing", "sign-error"), TermAtFault(3, 4), language="en"
    )
    assert sentence.startswith("The other terms are right; in the third term: Two slips")
    assert MISTAKES["en"]["sign-error"] in sentence


@pytest.mark.parametrize(("text", "shown"), [("12.5", "12.5"), ("1.0e-" + "9" * 30, "small")])
def test_long_numbers_become_words(text: str, shown: str) -> None:
    assert shown in show_number(text)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("catalogue", [VERDICTS, MISTAKES])
def test_the_catalogue_is_complete_in_both_languages(catalogue: dict[str, dict[str, str]]) -> None:
    """Same keys in en and bn, and each Bengali template uses the English one's values."""
    assert set(catalogue["en"]) == set(catalogue["bn"])
    for key, english in catalogue["en"].items():
        assert fields(catalogue["bn"][key]) == fields(english), key
    assert len(ORDINALS["en"]) == len(ORDINALS["bn"])
