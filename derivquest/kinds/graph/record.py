"""The lab's answer as text: the entries typed so far, the last one being the one to check.

The question screen saves this text for resuming and hands it to the spec's `grade`, so
the lab, the grader and the resume point agree on one format:

    @w=0.5;x=1.25        the variant it belongs to (entries of another variant are dropped)
    p.value=0.625        one entry a line: node, value or grad, what was typed
    w.grad=1.3
"""

from __future__ import annotations

from collections.abc import Sequence

from derivquest.content.templates import format_number
from derivquest.kinds.graph.instance import GraphInstance, Slot

Entries = list[tuple[Slot, str]]


def fingerprint(instance: GraphInstance) -> str:
    """The first line of a record: which variant's numbers the entries were typed for."""
    values = sorted(instance.values.items())
    return "@" + ";".join(f"{name}={format_number(value)}" for name, value in values)


def write_record(instance: GraphInstance, entries: Sequence[tuple[Slot, str]]) -> str:
    """The record of these entries (typed text is one line: an entry box has no newlines)."""
    lines = [fingerprint(instance)]
    lines += [f"{node}.{entry}={' '.join(text.split())}" for (node, entry), text in entries]
    return "\n".join(lines)


def read_record(instance: GraphInstance, text: str) -> Entries:
    """The entries of a record, in order; lines that do not belong to this graph are skipped.

    Never raises: a record saved by an older game or for another variant gives no entries.
    """
    lines = text.splitlines()
    if not lines or lines[0] != fingerprint(instance):
        return []
    known = {node.id for node in instance.nodes}
    entries: Entries = []
    for line in lines[1:]:
        where, equals, typed = line.partition("=")
        node, dot, entry = where.partition(".")
        if equals and dot and node in known and entry in ("value", "grad"):
            entries.append(((node, "value" if entry == "value" else "grad"), typed))
    return entries
