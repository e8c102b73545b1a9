"""Validate pack folders: the schema, the structure, every text, and many variants per question."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from derivquest.content.content_checks import (
    level_problems,
    manifest_problems,
    math_templates_complete,
)
from derivquest.content.engine_checks import OVERRUN, VariantChecker
from derivquest.content.loader import read_pack
from derivquest.content.problems import FileLines, Problem, sorted_problems
from derivquest.content.reference import checked_by
from derivquest.content.schema import Question
from derivquest.content.templates import ParamValue, format_number
from derivquest.content.variants import sample_variants
from derivquest.ids import QuestionId
from derivquest.kinds.registry import spec_for

if TYPE_CHECKING:
    from derivquest.engine import JudgeService

SAMPLES = 25
"""Variants drawn per randomised question."""

EXHAUSTIVE_UP_TO = 64
"""Questions with at most this many parameter combinations are checked on all of them."""


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What validating one pack folder found."""

    folder: Path
    pack_id: str | None
    """None when the manifest has no valid id (or could not be read at all)."""
    problems: tuple[Problem, ...]
    questions: int
    """Questions checked with the engine."""
    variants: int
    """Distinct variants checked with the engine."""
    seconds: float

    @property
    def ok(self) -> bool:
        """True when there is no problem at all."""
        return not self.problems


def validate_pack(
    folder: Path,
    service: JudgeService,
    *,
    samples: int = SAMPLES,
    exhaustive_up_to: int = EXHAUSTIVE_UP_TO,
    checker: VariantChecker | None = None,
) -> ValidationReport:
    """Return every problem of the pack in `folder`, not just the first.

    Args:
        folder: the pack folder (holding pack.toml).
        service: the engine's worker; one service serves a whole run.
        samples: variants drawn per randomised question.
        exhaustive_up_to: check every variant of questions with at most this many.
        checker: reuse the result cache of an earlier run (several packs in one command).
    """
    started = time.perf_counter()
    with checked_by(service):  # reference answers, too, go to the checker process
        try:
            return _validate(folder, service, samples, exhaustive_up_to, checker)
        except (RecursionError, MemoryError) as error:
            # Reading is depth- and size-safe; this is the last line of defence, so one
            # pack can never stop the validation of the packs after it.
            what = "stack" if isinstance(error, RecursionError) else "memory"
            problem = Problem(
                folder,
                1,
                "",
                f"the validator ran out of {what} on this pack",
                "split the pack up, or simplify its math",
            )
            return ValidationReport(folder, None, (problem,), 0, 0, time.perf_counter() - started)


def _validate(
    folder: Path,
    service: JudgeService,
    samples: int,
    exhaustive_up_to: int,
    checker: VariantChecker | None,
) -> ValidationReport:
    started = time.perf_counter()
    checker = checker or VariantChecker(service)
    read = read_pack(folder)
    problems = list(read.problems)
    questions = variants = 0
    if read.manifest is not None and read.manifest_lines is not None:
        problems += manifest_problems(read.manifest, read.manifest_lines)
    # Level files are checked even when the manifest has problems: every problem in one run.
    pack_id = read.pack_id or folder.name
    languages = read.languages
    for level, lines in read.levels:
        problems += level_problems(level.model, lines, languages)
        for index, question in enumerate(level.model.questions):
            path = ("questions", index)
            if not math_templates_complete(question):
                continue  # unknown placeholders in its math: reported already
            spec = spec_for(question.kind_name)
            if spec.variants_need_structure and next(iter(spec.structure_problems(question)), None):
                continue  # its variants cannot be built (e.g. a cyclic graph): reported already
            full_id = str(QuestionId(pack_id, level.id, question.id))
            found, count = _question_problems(
                checker, question, full_id, lines, path, languages, samples, exhaustive_up_to
            )
            problems += found
            questions += 1
            variants += count
    return ValidationReport(
        folder,
        read.pack_id,
        tuple(sorted_problems(problems)),
        questions,
        variants,
        time.perf_counter() - started,
    )


def validate_packs(
    folders: Sequence[Path],
    *,
    samples: int = SAMPLES,
    exhaustive_up_to: int = EXHAUSTIVE_UP_TO,
    deadline: float = 2.0,
) -> list[ValidationReport]:
    """Validate several pack folders with one engine worker; one report per folder."""
    from derivquest.engine import JudgeService

    with JudgeService(deadline=deadline) as service:
        checker = VariantChecker(service)
        return [
            validate_pack(
                folder,
                service,
                samples=samples,
                exhaustive_up_to=exhaustive_up_to,
                checker=checker,
            )
            for folder in folders
        ]


def _question_problems(
    checker: VariantChecker,
    question: Question,
    full_id: str,
    lines: FileLines,
    path: tuple[str, int],
    languages: Sequence[str],
    samples: int,
    exhaustive_up_to: int,
) -> tuple[list[Problem], int]:
    """Check many variants of one question; report each failing check once, with its values."""
    reported: set[tuple[str, tuple[str | int, ...]]] = set()
    problems: list[Problem] = []
    variants = sample_variants(question.params, full_id, samples, exhaustive_up_to)
    checked = 0
    for values in variants:
        checked += 1
        issues = checker.check(question, full_id, values, languages)
        for issue in issues:
            if (issue.check, issue.path) in reported:
                continue
            reported.add((issue.check, issue.path))
            message = issue.message + _with_values(values)
            problems.append(lines.problem((*path, *issue.path), message, issue.fix))
        if any(issue.check == OVERRUN for issue in issues):
            break  # every other variant would wait out the deadline again, to say the same
    return problems, checked


def _with_values(values: dict[str, ParamValue]) -> str:
    if not values:
        return ""
    shown = ", ".join(f"{name} = {format_number(value)}" for name, value in values.items())
    return f" (with {shown})"
