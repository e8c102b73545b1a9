"""`derivquest pack validate notes.toml`: an overlay checked against the packs it talks about."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from derivquest.content.catalog import Catalog
from derivquest.content.grading import grade
from derivquest.content.instance import instance_for_seed
from derivquest.content.overlay import read_overlay
from derivquest.content.problems import FileLines, Problem
from derivquest.content.tasks import VariantError

if TYPE_CHECKING:
    from derivquest.engine import JudgeService


def check_overlay(path: Path, catalog: Catalog, service: JudgeService) -> list[Problem]:
    """Every problem of the file: its format, then unknown questions and example answers
    that are unreadable or right (their note could never be shown)."""
    result = read_overlay(path)
    if result.overlay is None:
        return list(result.problems)
    lines = FileLines(path, path.read_text(encoding="utf-8"))
    problems = []
    for index, entry in enumerate(result.overlay.entries):
        if entry.question is None:
            continue
        ref = catalog.question(entry.question)
        if ref is None:
            problems.append(
                lines.problem(
                    ("feedback", index, "question"),
                    f"no loaded pack has the question {entry.question!r}",
                    "copy the id from `derivquest report --mistakes`, or add --pack PATH",
                )
            )
            continue
        if entry.answer is None:
            continue
        try:
            instance = instance_for_seed(ref, 0)
        except VariantError:
            continue  # the pack's own validation reports a broken variant
        verdict = grade(instance, entry.answer, service)
        if verdict.status == "invalid":
            message = f"the example answer {entry.answer!r} cannot be judged: {verdict.message}"
            fix = "write it as a student would type it"
        elif verdict.correct:
            message = f"the example answer {entry.answer!r} is right, so its note never shows"
            fix = "give a wrong answer students actually type"
        else:
            continue
        problems.append(lines.problem(("feedback", index, "answer"), message, fix))
    return problems
