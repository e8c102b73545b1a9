"""Lessons keep the author's lines, lists and lined-up columns; math loses its backticks."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from derivquest.ui.cell_width import install
from derivquest.ui.lesson_layout import BLANK, LessonLine, Segment, layout
from derivquest.ui.widgets.lesson_view import LessonDocument

LEVELS = Path(__file__).parents[2] / "levels" / "calculus-for-ml" / "levels"
COURSE = sorted(LEVELS.glob("*.toml"))


def draw(text: str, width: int = 76) -> list[str]:
    """The lesson as the screen draws it, one string per row, without trailing spaces."""
    install()
    console = Console(width=width, color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(LessonDocument(layout(text)))
    return [row.rstrip() for row in capture.get().splitlines()]


def column(rows: list[str], text: str) -> set[int]:
    """The cells where ``text`` starts on the rows that contain it."""
    install()
    return {cell_len(row[: row.index(text)]) for row in rows if text in row}


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # Each line break is the author's: a worked step does not run into the next.
        (
            "`(3x+2)^5` -> `15(3x+2)^4`\n`e^(4x)` -> `4e^(4x)`",
            ["(3x+2)^5 -> 15(3x+2)^4", "e^(4x) -> 4e^(4x)"],
        ),
        # Blank runs become one blank row; leading and trailing ones go.
        ("\n\nOne.\n\n\n\nTwo.\n\n", ["One.", "", "Two."]),
        # Bullets are drawn as •, numbers kept, continuation lines keep their indent.
        (
            "Why:\n  - first\n    more\n1. one\n   two",
            ["Why:", "  • first", "    more", "1. one", "   two"],
        ),
        # Indented blocks (code) stay as written.
        (
            "    def f(x):\n        return x  # two spaces",
            ["    def f(x):", "        return x  # two spaces"],
        ),
    ],
)
def test_lines_are_drawn_as_written(text: str, rows: list[str]) -> None:
    assert draw(text) == rows


def test_math_spans_are_one_style_without_backticks() -> None:
    line = layout("Slope `2x` at `x = 3`.")[0]
    assert line.segments == (
        Segment("Slope "),
        Segment("2x", math=True),
        Segment(" at "),
        Segment("x = 3", math=True),
        Segment("."),
    )
    document = LessonDocument([line], math_style="bold")
    console = Console(width=40, color_system="standard", force_terminal=True)
    with console.capture() as capture:
        console.print(document)
    assert capture.get() == "Slope \x1b[1m2x\x1b[0m at \x1b[1mx = 3\x1b[0m.\n"


FIVE_RULES = """\
  constant     d/dx `c`      = `0`
  power        d/dx `x^n`    = `n*x^(n-1)`
  exponential  d/dx `e^x`    = `e^x`      and  d/dx `a^x` = `a^x*ln(a)`
  sine/cosine  d/dx `sin(x)` = `cos(x)`   and  d/dx `cos(x)` = `-sin(x)`"""

CHAIN_STEPS = """\
  `(3x+2)^5`    ->  `5(3x+2)^4 * 3`     = `15(3x+2)^4`
  `e^(4x)`      ->  `e^(4x) * 4`        = `4e^(4x)`
  `sin(x^2)`    ->  `cos(x^2) * 2x`"""

BENGALI_TABLE = (
    # Lined up in cells, as an editor in a terminal shows it (virama ্ takes no cell).
    "  ঠিক উত্তর     `2x`       হলো\n"
    "  কেন্দ্রীয়      `x^2`      নয়\n"
    "  f'(x) > 0    x-এ f বাড়ছে (ডানে গেলে চড়াই)"
)


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        # The five-rules table: names, d/dx, "=", "and" and the second rule line up.
        (FIVE_RULES, ["d/dx", "= ", "and", "d/dx a", "d/dx cos"]),
        # Chain-rule steps: arrows and "=" line up even though the formulas lost backticks.
        (CHAIN_STEPS, ["->", "= "]),
        # Bengali cells before formulas: the columns after them still line up.
        (BENGALI_TABLE, ["2x", "হলো", "নয়"]),
    ],
)
def test_columns_stay_aligned(text: str, columns: list[str]) -> None:
    rows = draw(text)
    assert len(rows) == len(text.splitlines())
    assert "`" not in "".join(rows)
    for word in columns:
        starts = column(rows, word)
        assert len(starts) == 1, (word, rows)


def test_columns_start_where_the_author_put_them() -> None:
    """Backticks are not drawn, so spaces widen to keep the author's columns."""
    rows = draw(FIVE_RULES)
    first = FIVE_RULES.splitlines()[0]
    assert column(rows, "= ") == {first.index("=")}
    assert column(rows, "and") == {FIVE_RULES.splitlines()[2].index("and")}
    rows = draw(BENGALI_TABLE)
    assert column(rows, "2x") == column(rows, "x^2") == column(rows, "x-এ") == {15}
    assert column(rows, "হলো") == column(rows, "নয়") == {26}
    # Text after the columns keeps its single spaces, Bengali or not.
    assert rows[2].endswith("x-এ f বাড়ছে (ডানে গেলে চড়াই)")


def test_spaces_inside_a_column_stay_single() -> None:
    """Only spaces before a lined-up column widen: a formula inside a comment does not push
    the words after it apart (level 16's partial-derivative table)."""
    text = (
        "  f(x, y) = `x^2*y + 3y`\n"
        "  ∂f/∂x = `2x*y`         (y is a constant factor; the term `3y` has no x: 0)\n"
        "  ∂f/∂y = `x^2 + 3`      (`x^2` is now a constant factor of y)"
    )
    rows = draw(text)
    assert rows[1].endswith("(y is a constant factor; the term 3y has no x: 0)")
    assert rows[2].endswith("(x^2 is now a constant factor of y)")
    assert column(rows, "(y is") == column(rows, "(x^2") == {2 + 23}


def test_long_lines_wrap_under_their_own_text() -> None:
    text = "  - " + "word " * 20
    rows = draw(text, width=40)
    assert rows[0].startswith("  • word")
    assert all(row.startswith("    word") for row in rows[1:])
    assert all(cell_len(row) <= 40 for row in rows)


def test_layout_records_indent_and_marker() -> None:
    assert layout("a\n\n  - b\n 3. c") == [
        LessonLine(0, (Segment("a"),)),
        BLANK,
        LessonLine(2, (Segment("b"),), "-"),
        LessonLine(1, (Segment("c"),), "3."),
    ]


@pytest.mark.parametrize("path", COURSE, ids=[path.stem for path in COURSE])
@pytest.mark.parametrize("language", ["en", "bn"])
def test_every_course_lesson_fits_80_columns(path: Path, language: str) -> None:
    """At 80x24 the lesson text has 76 cells (padding and scroll bar take the rest): no
    author's line needs wrapping, and no backtick is left."""
    lesson = tomllib.loads(path.read_text(encoding="utf-8"))["lesson"][language]
    rows = draw(lesson, width=76)
    assert len(rows) == len(layout(lesson))
    assert "`" not in "".join(rows)
