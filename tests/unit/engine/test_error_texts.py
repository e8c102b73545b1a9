"""Engine errors carry a message id and values; the presenter writes them in English and
Bengali, so a Bengali player never reads an English parse error."""

from __future__ import annotations

import pickle
import re
import string

import pytest

from derivquest.engine import check_derivative, parse
from derivquest.engine.error_texts import ERRORS, PREFIX
from derivquest.engine.errors import DeadlineExceeded, EngineError, LimitExceeded
from derivquest.engine.presenter import present, present_error
from derivquest.kinds.choice.spec import grade_choice


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_every_message_id() -> None:
    assert set(ERRORS["bn"]) == set(ERRORS["en"])
    assert all(key.startswith(PREFIX) for key in ERRORS["en"])


@pytest.mark.parametrize("key", sorted(ERRORS["en"]))
def test_each_message_has_the_same_values_in_both_languages(key: str) -> None:
    assert placeholders(ERRORS["bn"][key]) == placeholders(ERRORS["en"][key])
    assert ERRORS["bn"][key] != ERRORS["en"][key]


UNREADABLE = [
    # (typed, message id): every way an answer fails to read has an id
    ("", "error.empty"),
    ("2x +", "error.ends-early"),
    ("sin(x", "error.missing-closer"),
    ("(", "error.ends-after-opening"),
    ("|x", "error.missing-bar"),
    ("x)", "error.unexpected-token"),
    ("x $ 1", "error.unexpected-character"),
    ("sinn(x)", "error.did-you-mean"),
    ("foo(x)", "error.unknown-function"),
    ("x + q", "error.unknown-name"),
    ("2..3", "error.malformed-number"),
    ("1e999", "error.number-exponent"),
    ("1234567890123456789012345678901234", "error.number-digits"),
    ("x⁻", "error.superscript-sign"),
    ("x¹²³⁴⁵", "error.superscript-large"),
    ("9^9^9", "error.power-too-large-at"),
    ("1/0", "error.undefined-everywhere"),
    ("sqrt(-1)", "error.not-real"),
    ("sin", "error.needs-argument"),
    ("sin^x(x)", "error.function-power"),
    ("log_", "error.log-base-missing"),
    ("log_1(x)", "error.log-base-invalid"),
    ("\\sqrt[1]{x}", "error.root-index"),
    ("\\frac{1}", "error.braces"),
    ("x \\", "error.latex-lone-backslash"),
    ("\\foo x", "error.latex-unknown"),
    ("∂x", "error.partial"),
    ("dy/dx = x = 2", "error.second-equals"),
    ("hello = 2x", "error.bad-label"),
    ("dy/dz = 2x", "error.label-variable"),
    ("dy/dx =", "error.after-equals"),
    ("sin(x, 1)", "error.comma"),
    ("x_2", "error.unexpected-underscore"),
    ("2 3", "error.missing-operator"),
    ("sin(" * 45 + "x" + ")" * 45, "error.nested"),
    ("x" * 600, "error.too-long"),
]


@pytest.mark.parametrize(("typed", "key"), UNREADABLE)
def test_unreadable_answers_carry_a_message_id(typed: str, key: str) -> None:
    with pytest.raises(EngineError) as raised:
        parse(typed, ("x",))
    error = raised.value
    assert error.key == key, error.message
    assert present_error(error, "en") == error.message
    bengali = present_error(error, "bn")
    assert bengali != error.message and not re.search(r"\{[a-z]{2,}\}", bengali)


def test_an_invalid_verdict_is_presented_in_bengali() -> None:
    verdict = check_derivative("x^2", "sin(x")
    assert verdict.status == "invalid" and verdict.sentence_id == "error.missing-closer"
    assert present(verdict, "en") == "missing ')' to close the '(' at column 4"
    assert present(verdict, "bn") == "4 নম্বর কলামের '(' বন্ধ করার ')' নেই"


def test_an_error_keeps_its_id_across_a_process_pipe() -> None:
    with pytest.raises(EngineError) as raised:
        parse("x" * 600, ("x",))
    copy = pickle.loads(pickle.dumps(raised.value))
    assert isinstance(copy, LimitExceeded)
    assert (copy.key, copy.params, copy.column, copy.message) == (
        raised.value.key,
        raised.value.params,
        raised.value.column,
        raised.value.message,
    )
    deadline = pickle.loads(pickle.dumps(DeadlineExceeded(1.5)))
    assert isinstance(deadline, DeadlineExceeded) and deadline.seconds == 1.5
    assert present_error(deadline, "bn") == "এটা হিসাব করতে 1.5 সেকেন্ডের বেশি লেগেছে"


def test_an_error_without_an_id_is_shown_as_written() -> None:
    assert present_error(EngineError("the checker replied with int"), "bn") == (
        "the checker replied with int"
    )


def test_a_content_message_is_bengali_too() -> None:
    verdict = grade_choice((), "7")
    assert present(verdict, "en") == "type the number of an option, from 1 to 0"
    assert present(verdict, "bn") == "একটা বিকল্পের নম্বর লিখুন, 1 থেকে 0"


def test_the_checkers_own_messages_have_ids_with_todays_english() -> None:
    """service.py and worker.py (another helper's files) can switch to these ids: the
    English is the text they show today."""
    from derivquest.engine.service import CANNOT_START_MESSAGE, TOO_BIG_MESSAGE

    assert EngineError.said("error.checker-cannot-start").message == CANNOT_START_MESSAGE
    assert EngineError.said("error.checker-too-big").message == TOO_BIG_MESSAGE
    slow = EngineError.said("error.checker-too-slow", seconds="1")
    assert slow.message.startswith("that took too long to check (over 1 s)")
