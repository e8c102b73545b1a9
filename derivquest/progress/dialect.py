"""What SQLite and PostgreSQL share and where they differ: the connection shape, SQL helpers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, Protocol

DialectName = Literal["sqlite", "postgres"]
"""The two databases the store runs on."""

Parameters = Sequence[Any] | Mapping[str, Any]
"""`?` placeholders take a sequence, `:name` placeholders a mapping."""


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses (sqlite3's and psycopg's both have it)."""

    @property
    def rowcount(self) -> int:
        """Rows the last INSERT, UPDATE or DELETE changed."""
        ...

    def fetchone(self) -> Any:
        """The next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """Every remaining row."""
        ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection inside one transaction, with SQLite's placeholders (`?` and `:name`).

    `sqlite3.Connection` is one; the PostgreSQL backend wraps psycopg's to look the same.
    SQL written against it must run on both: no `INSERT OR ...` (use `ON CONFLICT`), no
    two-argument MAX/MIN (use `higher`/`lower`), no `lastrowid` (use `RETURNING id`), and
    integer flags compared with `= 1`, never used as booleans.
    """

    def execute(self, sql: str, parameters: Parameters = (), /) -> Cursor:
        """Run one statement."""
        ...

    def executemany(self, sql: str, parameters: Iterable[Parameters], /) -> Cursor:
        """Run one statement once per parameter set."""
        ...


def higher(table: str, column: str) -> str:
    """SQL for the larger of the stored value and the new one, in an upsert's SET.

    SQLite spells it MAX(a, b) and PostgreSQL GREATEST(a, b); CASE reads the same in both.
    The column is qualified: PostgreSQL calls a bare one ambiguous beside `excluded`.
    """
    old, new = f"{table}.{column}", f"excluded.{column}"
    return f"CASE WHEN {new} > {old} THEN {new} ELSE {old} END"


def lower(table: str, column: str) -> str:
    """SQL for the smaller of the stored value and the new one, in an upsert's SET."""
    old, new = f"{table}.{column}", f"excluded.{column}"
    return f"CASE WHEN {new} < {old} THEN {new} ELSE {old} END"


_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|:([A-Za-z_]\w*)|%")
"""String literals and quoted names (left alone), casts, and the placeholders to rewrite."""


@functools.lru_cache(maxsize=256)
def to_pyformat(sql: str) -> str:
    """Rewrite SQLite placeholders for psycopg: `?` to `%s`, `:name` to `%(name)s`, `%` to `%%`.

    Literals and `::` casts pass through unchanged. The store's SQL is a few dozen fixed
    strings, so the cache holds them all.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1) is not None:
            return f"%({match.group(1)})s"
        return token

    return _TOKENS.sub(replace, sql)
