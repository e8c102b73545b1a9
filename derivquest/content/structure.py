"""Checks that need a whole pack but no engine: unique ids and the level prerequisite graph."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from derivquest.content.problems import FileLines, Problem
from derivquest.content.schema import Level


def structure_problems(
    levels: Sequence[tuple[Level, FileLines]],
    unreadable_ids: Collection[str] = (),
    ids_complete: bool = True,
) -> list[Problem]:
    """Return problems with ids and prerequisites across the levels of one pack.

    Args:
        levels: each level model with the file it was read from, in manifest order.
        unreadable_ids: ids of levels whose files have other problems; requiring them is fine.
        ids_complete: False when some level file could not be read at all, so its id is
            unknown and "requires an unknown level" would only repeat that problem.
    """
    problems: list[Problem] = []
    first_file: dict[str, FileLines] = {}
    for level, source in levels:
        if level.id in first_file:
            problems.append(
                source.problem(
                    ("id",),
                    f"level id {level.id!r} is already used in {first_file[level.id].file}",
                    "give every level its own id",
                )
            )
        else:
            first_file[level.id] = source
        problems.extend(_question_id_problems(level, source))
    known = set(first_file) | set(unreadable_ids)
    for level, source in levels:
        for index, need in enumerate(level.requires):
            if need == level.id:
                problems.append(
                    source.problem(
                        ("requires", index),
                        f"level {level.id!r} requires itself",
                        "remove it from requires",
                    )
                )
            elif need not in known and ids_complete:
                problems.append(
                    source.problem(
                        ("requires", index),
                        f"requires unknown level {need!r}",
                        "use the id of a level listed in this pack's pack.toml",
                    )
                )
    problems.extend(_cycle_problems(levels))
    return problems


def _question_id_problems(level: Level, source: FileLines) -> list[Problem]:
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, question in enumerate(level.questions):
        if question.id in seen:
            problems.append(
                source.problem(
                    ("questions", index, "id"),
                    f"question id {question.id!r} is already used in this level",
                    "give every question in a level its own id",
                )
            )
        seen.add(question.id)
    return problems


def _cycle_problems(levels: Sequence[tuple[Level, FileLines]]) -> list[Problem]:
    """Report each cycle of prerequisites once, at the first level of it in pack order."""
    graph = {level.id: [n for n in level.requires if n != level.id] for level, _ in levels}
    files = {level.id: source for level, source in reversed(levels)}
    order = {level_id: index for index, level_id in enumerate(graph)}
    reported: set[frozenset[str]] = set()
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for need in graph.get(node, []):
            if need not in graph:
                continue
            if state.get(need) == 1:
                cycle = path[path.index(need) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    problems.append(_cycle_problem(cycle, files, order))
            elif need not in state:
                visit(need)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return problems


def _cycle_problem(cycle: list[str], files: dict[str, FileLines], order: dict[str, int]) -> Problem:
    start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
    ordered = cycle[start:] + cycle[:start]
    # `ordered` follows "requires" edges: each level requires the next one.
    shown = " -> ".join([*ordered, ordered[0]])
    return files[ordered[0]].problem(
        ("requires",),
        f"prerequisites form a cycle: {shown}",
        "remove one of these requires so some level can be played first",
    )
