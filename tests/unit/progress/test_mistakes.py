"""The mistake queries on a seeded class: named groups, equal wrong answers, repeaters."""

from __future__ import annotations

import pytest

from derivquest.progress import ProgressStore
from derivquest.progress.mistakes import NamedMistake, RepeatedMistake, WrongAnswer

LEVEL = "calc/chain"
Q1, Q2, Q3 = f"{LEVEL}/q1", f"{LEVEL}/q2", "calc/other/q3"
CHAIN = "chain-inner-missing"
SIGN = "sign-error"


def seed(store: ProgressStore) -> None:
    """ana and bo forget the inner derivative on q1 and q2; cy types 2x+2 and 2(x+1) on q1."""
    ana, bo, cy = (store.create_profile(name) for name in ("ana", "bo", "cy"))
    answers = [
        (ana.id, Q1, "cos(x^2)", False, CHAIN, "f-chain1", ("chain",)),
        (ana.id, Q2, "exp(3x)", False, CHAIN, "f-chain2", ("chain", "exp")),
        (ana.id, Q2, "3exp(3x)", True, None, "f-right2", ("chain", "exp")),
        (bo.id, Q1, "cos(x^2)", False, CHAIN, "f-chain1", ("chain",)),
        (bo.id, Q1, "sin(x^2)", False, SIGN, "f-sign1", ("chain",)),
        (cy.id, Q1, "2x+2", False, None, "f-line", ("chain",)),
        (cy.id, Q1, "2(x+1)", False, None, "f-line", ("chain",)),
        (bo.id, Q1, "2x + 2", False, None, "f-line", ("chain",)),
        (bo.id, Q3, "x", False, CHAIN, "f-chain3", ("power",)),
        (cy.id, Q3, "old", False, None, None, ("power",)),
    ]
    for profile, question, typed, correct, diagnosis, print_, skills in answers:
        store.record_attempt(
            profile,
            question,
            typed,
            correct=correct,
            seconds=3,
            skills=skills,
            diagnosis=diagnosis,
            fingerprint=print_,
        )


@pytest.fixture
def seeded(store: ProgressStore) -> ProgressStore:
    seed(store)
    return store


def test_named_mistakes_per_question(seeded: ProgressStore) -> None:
    assert seeded.mistakes.report().by_question == [
        NamedMistake(Q1, CHAIN, 2, 2),
        NamedMistake(Q1, SIGN, 1, 1),
        NamedMistake(Q2, CHAIN, 1, 1),
        NamedMistake(Q3, CHAIN, 1, 1),
    ]


def test_named_mistakes_per_skill(seeded: ProgressStore) -> None:
    assert seeded.mistakes.report().by_skill == [
        NamedMistake("chain", CHAIN, 3, 2),
        NamedMistake("chain", SIGN, 1, 1),
        NamedMistake("exp", CHAIN, 1, 1),
        NamedMistake("power", CHAIN, 1, 1),
    ]


def test_unnamed_answers_group_by_fingerprint(seeded: ProgressStore) -> None:
    # Three spellings of one wrong line, by two students; an unfingerprinted answer is left out.
    assert seeded.mistakes.report().unnamed == [WrongAnswer(Q1, "f-line", "2(x+1)", 3, 2)]


def test_students_repeating_a_mistake_on_different_questions(seeded: ProgressStore) -> None:
    found = seeded.mistakes.report().repeated
    assert [(r.name, r.diagnosis, r.questions, r.answers) for r in found] == [
        ("ana", CHAIN, (Q1, Q2), 2),
        ("bo", CHAIN, (Q1, Q3), 2),
    ]


@pytest.mark.parametrize(
    ("level", "known", "questions", "repeaters"),
    [
        (None, None, {Q1, Q2, Q3}, ["ana", "bo"]),
        (LEVEL, None, {Q1, Q2}, ["ana"]),
        ("calc/other", None, {Q3}, []),
        ("calc/cha", None, set(), []),  # a prefix of a level id is not that level
        (None, {Q1, Q3}, {Q1, Q3}, ["bo"]),  # questions no pack has now are left out
    ],
)
def test_filters(
    seeded: ProgressStore,
    level: str | None,
    known: set[str] | None,
    questions: set[str],
    repeaters: list[str],
) -> None:
    report = seeded.mistakes.report(level, known)
    assert {row.group for row in report.by_question} == questions
    assert {row.question_id for row in report.unnamed} <= questions
    assert [row.name for row in report.repeated] == repeaters


def test_one_class_only(seeded: ProgressStore) -> None:
    """`report --mistakes --class 7B`: only the attempts of that class's students count."""
    seeded.assign_class(["bo", "cy"], "7B")
    report = seeded.mistakes.report(cohort="7B")
    assert report.by_question == [
        NamedMistake(Q1, CHAIN, 1, 1),
        NamedMistake(Q1, SIGN, 1, 1),
        NamedMistake(Q3, CHAIN, 1, 1),
    ]
    assert report.unnamed == [WrongAnswer(Q1, "f-line", "2(x+1)", 3, 2)]
    assert [row.name for row in report.repeated] == ["bo"]
    assert seeded.mistakes.report(cohort="8A").by_question == []


def test_a_players_own_repeated_mistakes(seeded: ProgressStore) -> None:
    bo = seeded.profile_named("bo")
    assert bo is not None
    found = seeded.mistakes.repeated_by(bo.id)
    assert [(r.diagnosis, r.questions, r.answers) for r in found] == [(CHAIN, (Q1, Q3), 2)]
    assert isinstance(found[0], RepeatedMistake)


def test_the_class_right_now(seeded: ProgressStore, wall: object) -> None:
    now = seeded.mistakes.class_now(since=0)
    assert {(a.name, a.question_id, a.answers) for a in now.playing} == {
        ("ana", Q2, 3),
        ("bo", Q3, 4),
        ("cy", Q3, 3),
    }
    assert [(s.name, s.question_id, s.failures) for s in now.stuck] == [("bo", Q1, 3)]
    assert len(now.mistakes) == 9
    assert seeded.mistakes.class_now(since=10**12).playing == []
