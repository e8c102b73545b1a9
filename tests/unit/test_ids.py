"""Question and level ids are formatted and parsed by one type."""

from __future__ import annotations

import pytest

from derivquest.ids import LevelId, QuestionId


def test_round_trip() -> None:
    qid = QuestionId.parse("calc/chain/q1")
    assert (qid.pack, qid.level, qid.question) == ("calc", "chain", "q1")
    assert str(qid) == "calc/chain/q1"
    assert qid.level_id == LevelId("calc", "chain") and str(qid.level_id) == "calc/chain"
    assert LevelId.parse("calc/chain").question("q2") == QuestionId("calc", "chain", "q2")


@pytest.mark.parametrize("text", ["", "calc/chain", "a/b/c/d", "a//c", "a b/c/d", "/b/c"])
def test_bad_question_ids(text: str) -> None:
    with pytest.raises(ValueError, match="pack/level/question"):
        QuestionId.parse(text)
    assert QuestionId.read(text) is None


@pytest.mark.parametrize("text", ["", "calc", "a/b/c", "a/", "a /b"])
def test_bad_level_ids(text: str) -> None:
    with pytest.raises(ValueError, match="pack/level"):
        LevelId.parse(text)
