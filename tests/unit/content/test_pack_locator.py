"""The TOML line locator: pydantic error locations to line numbers."""

from __future__ import annotations

import tomllib

import pytest

from derivquest.content.locator import clean_path, key_lines, locate

LEVEL = '''\
# a comment with [[questions]] in it
id = "level"
title = { en = "T", bn = 'B' }
lesson = """
Not a header: [[questions]]
expected = "nope"
"""

[[questions]]
id = "q0"

[[questions]]
id = "q1"
options = [
  { text = "a", correct = true },
  # a comment ] with a bracket
  { text = "b", explanation = "c" },
]

[[questions]]
id = "q2"
"quoted key" = 1

[[questions]]
id = "q3"
kind = "expression"
expected = "x^2"

[questions.params]
a = { min = 1, max = 2 }

[questions.plot]
chart = "tangent"
target = 3
'''


def test_fixture_text_is_valid_toml() -> None:
    """The locator only ever sees text tomllib accepted; make sure this one is."""
    assert tomllib.loads(LEVEL)["questions"][3]["expected"] == "x^2"


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("questions", 3, "expected"), 27),  # the 4th [[questions]], then its key
        (("questions", 3, "<expression>", "expected"), 27),  # union tags are skipped
        (("questions", 3, "missing"), 24),  # a missing key: its table's header
        (("questions", 0), 9),
        (("questions", 1, "options", 1, "explanation"), 17),
        (("questions", 1, "options", 1), 17),
        (("questions", 1, "options", 0, "correct"), 15),
        (("questions", 1, "options"), 14),
        (("questions", 2, "quoted key"), 22),
        (("questions", 3, "params", "a", "<range>", "max"), 30),
        (("questions", 3, "params", "Bad", "[key]"), 29),
        (("questions", 3, "plot", "<tangent>", "target"), 34),
        (("title", "<table>", "bn"), 3),
        (("lesson",), 4),
        (("nowhere", 2, "at", "all"), 1),  # nothing matches: line 1
        ((), 1),
    ],
)
def test_locate(loc: tuple[str | int, ...], line: int) -> None:
    assert locate(LEVEL, loc) == line


def test_strings_and_comments_hold_no_headers() -> None:
    lines = key_lines(LEVEL)
    assert lines[("questions",)] == 9
    assert ("expected",) not in lines
    assert max(key[1] for key in lines if len(key) == 2 and key[0] == "questions") == 3


@pytest.mark.parametrize(
    ("loc", "cleaned"),
    [
        (("questions", 0, "<derivative>", "function"), ("questions", 0, "function")),
        (("params", "A", "[key]"), ("params", "A")),
        (("title", "<table>", "en"), ("title", "en")),
    ],
)
def test_clean_path(loc: tuple[str | int, ...], cleaned: tuple[str | int, ...]) -> None:
    assert clean_path(loc) == cleaned


@pytest.mark.parametrize(
    "text",
    ['key = "unterminated', "[table\nx = 1", "= 3", 'a = [1, 2\nb = "x"', "a = {", "a.b."],
)
def test_never_raises_on_broken_text(text: str) -> None:
    assert locate(text, ("a", "b")) >= 1
