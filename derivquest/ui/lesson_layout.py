"""A lesson's text as lines to draw: the author's line breaks, indents, lists and columns.

Lessons are plain text wrapped by hand at about 76 columns. Every line break is the
author's and is kept: a worked step such as `(3x+2)^5 -> 15(3x+2)^4` on its own line must not
run into the next. Math is written in backticks in the players' syntax; the backticks are not
drawn, so in an indented block whose columns the author lined up (the five-rules table, the
chain-rule steps) the spaces before each column widen by the backticks lost on its left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len

MATH = re.compile(r"`([^`]*)`")
MARKER = re.compile(r"^([-•*]|\d{1,2}[.)])\s+")
"""A list item: `- `, `* `, `• ` or `1. ` / `1) ` at the start of a line."""
GAP = re.compile(r"\S {2,}\S")
"""Two or more spaces between words: how authors line up columns."""
BULLETS = frozenset("-•*")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text, math (written in backticks) or not."""

    text: str
    math: bool = False


@dataclass(frozen=True, slots=True)
class LessonLine:
    """One line as the author wrote it; a blank line has no segments."""

    indent: int
    """Spaces before the marker or the text."""
    segments: tuple[Segment, ...]
    marker: str = ""
    """A list item's marker (`-`, `1.`), empty for other lines."""

    @property
    def bullet(self) -> bool:
        """An unnumbered list item."""
        return self.marker in BULLETS and bool(self.marker)

    def hang(self, marker_width: int) -> int:
        """The column where the text starts, and where its wrapped continuation starts."""
        return self.indent + (marker_width + 1 if self.marker else 0)

    @property
    def plain(self) -> str:
        """The line as drawn, without indent or marker (for tests and searching)."""
        return "".join(segment.text for segment in self.segments)


BLANK = LessonLine(0, ())


def layout(text: str) -> list[LessonLine]:
    """The lesson's lines: blank runs become one blank line, columns stay aligned."""
    raw = [line.rstrip().expandtabs(4) for line in text.strip("\n").splitlines()]
    aligned = {row: block for block in _aligned_blocks(raw) for row in block}
    lines: list[LessonLine] = []
    for number, source in enumerate(raw):
        if not source:
            if lines and lines[-1] is not BLANK:
                lines.append(BLANK)
            continue
        body = source.lstrip(" ")
        indent = len(source) - len(body)
        marker = ""
        if match := MARKER.match(body):
            marker, body = match.group(1), body[match.end() :]
        if number in aligned:
            segments = _aligned(body, _column_starts([raw[n] for n in aligned[number]]))
        else:
            segments = _segments(body)
        lines.append(LessonLine(indent, segments, marker))
    while lines and lines[-1] is BLANK:
        lines.pop()
    return lines


def _aligned_blocks(raw: list[str]) -> list[tuple[int, ...]]:
    """Blocks laid out in columns: consecutive indented lines (same indent, no list
    markers) of which at least two have a gap of two or more spaces."""
    blocks: list[tuple[int, ...]] = []
    block: list[int] = []

    def close() -> None:
        if sum(1 for n in block if GAP.search(raw[n].strip())) >= 2:
            blocks.append(tuple(block))
        block.clear()

    for number, line in enumerate(raw):
        indent = len(line) - len(line.lstrip(" "))
        if not line or indent == 0 or MARKER.match(line.lstrip(" ")):
            close()
            continue
        if block and indent != len(raw[block[0]]) - len(raw[block[0]].lstrip(" ")):
            close()
        block.append(number)
    close()
    return blocks


def _column_starts(rows: list[str]) -> frozenset[int]:
    """The cells (from the text's start, backticks counted) where some row of a block has
    a word after two or more spaces: the columns the author lined up."""
    starts: set[int] = set()
    for row in rows:
        body = row.strip()
        starts.update(cell_len(body[: gap.end()]) for gap in re.finditer(r" {2,}(?=\S)", body))
    return frozenset(starts)


def _segments(body: str) -> tuple[Segment, ...]:
    """Text and math runs; backticks removed."""
    parts = MATH.split(body)
    return tuple(Segment(part, math=bool(index % 2)) for index, part in enumerate(parts) if part)


def _aligned(body: str, columns: frozenset[int]) -> tuple[Segment, ...]:
    """Like `_segments`, but where the next word starts one of the block's ``columns``, the
    spaces before it widen by the backticks drawn so far, so it starts in the cell where the
    author put it. Other spaces (inside a column's text) stay as written.

    Columns are counted in cells on both sides, as the author's editor shows the source:
    a Bengali virama takes no cell there either, so only the backticks move text.
    """
    segments: list[Segment] = []
    source = drawn = 0
    for index, part in enumerate(MATH.split(body)):
        if index % 2:
            source += cell_len(part) + 2
            drawn += cell_len(part)
            segments.append(Segment(part, math=True))
            continue
        for piece in re.findall(r" +|[^ ]+", part):
            source += cell_len(piece)
            if piece.startswith(" ") and source in columns:
                piece = " " * max(source - drawn, 1)
            drawn += cell_len(piece)
            segments.append(Segment(piece))
    return tuple(_merge(segments))


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring runs of the same kind."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].math == segment.math and not segment.math:
            merged[-1] = Segment(merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged
