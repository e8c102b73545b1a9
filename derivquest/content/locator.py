"""Find the line of a key in TOML text, since `tomllib` keeps no positions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

KeyPath = tuple[str | int, ...]
"""A key path into the parsed document, e.g. ("questions", 3, "expected")."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\n#]")


class _Scanner:
    """A forgiving reader of TOML that records the line where every key and element starts.

    It handles headers (`[a.b]`, `[[a]]`, with arrays of tables counted), dotted and quoted
    keys, the four kinds of strings, arrays and inline tables, and comments. It assumes the
    text is valid TOML (tomllib read it already); on anything odd it stops early instead of
    raising, and the caller falls back to a shorter path.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[KeyPath, int] = {}
        self.table: KeyPath = ()
        self.array_counts: dict[KeyPath, int] = {}
        self.newlines = [index for index, char in enumerate(text) if char == "\n"]

    def line(self) -> int:
        return bisect.bisect_left(self.newlines, self.pos) + 1

    def peek(self, size: int = 1) -> str:
        return self.text[self.pos : self.pos + size]

    def record(self, path: KeyPath, line: int) -> None:
        self.lines.setdefault(path, line)

    def skip_space(self, newlines: bool) -> None:
        """Skip blanks and comments (and newlines when `newlines`)."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t\r" or (newlines and char == "\n"):
                self.pos += 1
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

    def run(self) -> dict[KeyPath, int]:
        while True:
            self.skip_space(newlines=True)
            if self.pos >= len(self.text):
                return self.lines
            start = self.pos
            if self.peek(2) == "[[":
                self.header(array=True)
            elif self.peek() == "[":
                self.header(array=False)
            else:
                self.key_value(self.table)
            if self.pos <= start:
                return self.lines

    def header(self, array: bool) -> None:
        line = self.line()
        self.pos += 2 if array else 1
        parts = self.dotted_key()
        self.skip_space(newlines=False)
        self.pos += 2 if array else 1
        path = self.resolve(parts[:-1]) + (parts[-1],)
        if array:
            index = self.array_counts.get(path, 0)
            self.array_counts[path] = index + 1
            self.record(path, line)
            path = (*path, index)
        self.record(path, line)
        self.table = path

    def resolve(self, parts: Sequence[str]) -> KeyPath:
        """Turn header parts into a path, entering the latest element of arrays of tables."""
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            if path in self.array_counts:
                path = (*path, self.array_counts[path] - 1)
        return path

    def dotted_key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_space(newlines=False)
            char = self.peek()
            if char and char in "\"'":
                parts.append(self.string())
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if match is None:
                    return parts or [""]
                parts.append(match.group())
                self.pos = match.end()
            self.skip_space(newlines=False)
            if self.peek() != ".":
                return parts
            self.pos += 1

    def key_value(self, table: KeyPath) -> None:
        line = self.line()
        parts = self.dotted_key()
        path = table
        for part in parts:
            path = (*path, part)
            self.record(path, line)
        self.skip_space(newlines=False)
        if self.peek() != "=":
            self.pos = len(self.text)  # not TOML we understand: stop quietly
            return
        self.pos += 1
        self.skip_space(newlines=False)
        self.value(path)

    def value(self, path: KeyPath) -> None:
        char = self.peek()
        if char and char in "\"'":
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            match = _SCALAR_END.search(self.text, self.pos)
            self.pos = len(self.text) if match is None else match.start()

    def array(self, path: KeyPath) -> None:
        self.pos += 1
        index = 0
        while self.pos < len(self.text):
            self.skip_space(newlines=True)
            if self.peek() == "]":
                self.pos += 1
                return
            self.record((*path, index), self.line())
            before = self.pos
            self.value((*path, index))
            index += 1
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.pos += 1
            elif self.pos == before:
                self.pos += 1

    def inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while self.pos < len(self.text):
            self.skip_space(newlines=True)
            if self.peek() == "}":
                self.pos += 1
                return
            before = self.pos
            self.key_value(path)
            self.skip_space(newlines=True)
            if self.peek() == ",":
                self.pos += 1
            elif self.pos == before:
                self.pos += 1

    def string(self) -> str:
        """Skip a string literal and return its raw content (escapes left as written)."""
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.text.find(quote * 3, self.pos + 3)
            end = len(self.text) if end < 0 else end
            # A multi-line string may end with up to two extra quotes before the closer.
            while self.text[end + 3 : end + 4] == quote:
                end += 1
            content = self.text[self.pos + 3 : end]
            self.pos = end + 3
            return content
        index = self.pos + 1
        while index < len(self.text) and self.text[index] not in (quote, "\n"):
            index += 2 if quote == '"' and self.text[index] == "\\" else 1
        content = self.text[self.pos + 1 : index]
        self.pos = index + 1
        return content


def key_lines(text: str) -> dict[KeyPath, int]:
    """Return the 1-based line where each key path (and each array element) starts."""
    return _Scanner(text).run()


def clean_path(loc: Sequence[str | int]) -> KeyPath:
    """Drop the parts of a pydantic error location that are not keys in the file.

    Those are union tags (written `<...>` in the schema) and `[key]` for a bad table key.
    """
    return tuple(
        part
        for part in loc
        if not (isinstance(part, str) and (part == "[key]" or part.startswith("<")))
    )


def locate(text: str, loc: Sequence[str | int], lines: dict[KeyPath, int] | None = None) -> int:
    """Return the line for an error location: the key, else its nearest parent, else 1.

    Args:
        text: the TOML text the location refers to.
        loc: a pydantic error location or any key path, e.g. ("questions", 3, "expected").
        lines: `key_lines(text)`, when the caller already has it.
    """
    table = key_lines(text) if lines is None else lines
    path = clean_path(loc)
    while path:
        if path in table:
            return table[path]
        path = path[:-1]
    return 1
