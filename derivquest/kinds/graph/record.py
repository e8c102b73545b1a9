"""The lab's answer as one line of text: the right entries so far, then the one to check.

The question screen saves this text for resuming and hands it to the spec's `grade`, and the
store keeps it as the attempt's answer, so it is one short line without control characters:

    @w=0.5,x=1.25;p.v=0.625;w.g=1.3

`@...` names the variant the entries belong to (entries of another variant are dropped);
then `node.v=` (a value) or `node.g=` (a gradient) and the text, `;` between entries.
A right entry is kept as its number (6 significant digits, well inside every tolerance),
so a record stays short even when the player typed expressions.
"""

from __future__ import annotations

from collections.abc import Sequence

from derivquest.content.templates import format_number
from derivquest.kinds.graph.instance import GraphInstance, Slot

Entries = list[tuple[Slot, str]]

_CODES = {"value": "v", "grad": "g"}
_ENTRIES = {"v": "value", "g": "grad"}


def fingerprint(instance: GraphInstance) -> str:
    """The first part of a record: which variant's numbers the entries were typed for."""
    values = sorted(instance.values.items())
    return "@" + ",".join(f"{name}={format_number(value)}" for name, value in values)


def right_entry(number: float) -> str:
    """How a right entry is kept: its number, short."""
    return f"{number:.6g}"


def write_record(instance: GraphInstance, entries: Sequence[tuple[Slot, str]]) -> str:
    """The record of these entries (a `;` in a text, never valid maths, is dropped)."""
    parts = [fingerprint(instance)]
    for (node, entry), text in entries:
        clean = " ".join(text.replace(";", " ").split())
        parts.append(f"{node}.{_CODES[entry]}={clean}")
    return ";".join(parts)


def read_record(instance: GraphInstance, text: str) -> Entries:
    """The entries of a record, in order; parts that do not belong to this graph are skipped.

    Never raises: a record saved by an older game or for another variant gives no entries.
    """
    parts = text.split(";")
    if not parts or parts[0] != fingerprint(instance):
        return []
    known = {node.id for node in instance.nodes}
    entries: Entries = []
    for part in parts[1:]:
        where, equals, typed = part.partition("=")
        node, dot, code = where.partition(".")
        if equals and dot and node in known and code in _ENTRIES:
            entries.append(((node, "value" if code == "v" else "grad"), typed))
    return entries
