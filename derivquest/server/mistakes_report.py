"""`derivquest report --mistakes`: the class's mistakes as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import tzinfo
from typing import Any

from derivquest.engine.presenter import mistake_sentence
from derivquest.engine.texts import MISTAKES
from derivquest.progress.mistakes import MistakeReport
from derivquest.server.report import csv_cell, timestamp

EXAMPLE_WIDTH = 40
"""Characters of an example answer the table shows (CSV and JSON have all of it)."""


def sentence(diagnosis: str, language: str = "en") -> str:
    """The human sentence of a mistake id; the id itself when this version does not know it
    (an imported attempt may carry one from a newer DerivQuest)."""
    if diagnosis not in MISTAKES["en"]:
        return diagnosis
    return mistake_sentence(diagnosis, language)


def to_json(report: MistakeReport, zone: tzinfo | None = None, language: str = "en") -> str:
    """`{"by_question": [...], "by_skill": [...], "unnamed": [...], "repeated": [...]}`."""

    def named(group: str, rows: Any) -> list[dict[str, Any]]:
        return [
            {
                group: row.group,
                "diagnosis": row.diagnosis,
                "sentence": sentence(row.diagnosis, language),
                "answers": row.answers,
                "students": row.students,
            }
            for row in rows
        ]

    document = {
        "by_question": named("question", report.by_question),
        "by_skill": named("skill", report.by_skill),
        "unnamed": [
            {
                "question": row.question_id,
                "fingerprint": row.fingerprint,
                "example": row.example,
                "answers": row.answers,
                "students": row.students,
            }
            for row in report.unnamed
        ],
        "repeated": [
            {
                "name": row.name,
                "diagnosis": row.diagnosis,
                "sentence": sentence(row.diagnosis, language),
                "questions": list(row.questions),
                "answers": row.answers,
                "last": timestamp(row.last_at, zone),
            }
            for row in report.repeated
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


CSV_HEADER = (
    "section",
    "group",
    "diagnosis",
    "sentence",
    "fingerprint",
    "example",
    "answers",
    "students",
    "name",
    "questions",
)
"""One CSV for all four sections; `section` says which (question, skill, unnamed, repeated)."""


def to_csv(report: MistakeReport, zone: tzinfo | None = None, language: str = "en") -> str:
    """Every row of every section, cells neutralised like the class report's."""
    del zone  # CSV has no times: the same columns for every section
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    rows: list[tuple[object, ...]] = []
    for section, named in (("question", report.by_question), ("skill", report.by_skill)):
        for row in named:
            text = sentence(row.diagnosis, language)
            rows.append(
                (section, row.group, row.diagnosis, text, "", "", row.answers, row.students, "", "")
            )
    for wrong in report.unnamed:
        rows.append(
            (
                "unnamed",
                wrong.question_id,
                "",
                "",
                wrong.fingerprint,
                wrong.example,
                wrong.answers,
                wrong.students,
                "",
                "",
            )
        )
    for rep in report.repeated:
        text = sentence(rep.diagnosis, language)
        questions = " ".join(rep.questions)
        rows.append(
            ("repeated", "", rep.diagnosis, text, "", "", rep.answers, "", rep.name, questions)
        )
    for cells in rows:
        writer.writerow([csv_cell(cell) for cell in cells])
    return out.getvalue()


def _safe(text: str) -> str:
    """Control characters out (names and answers are typed by students)."""
    return "".join("\ufffd" if ord(c) < 32 or ord(c) == 127 else c for c in text)


def to_table(report: MistakeReport, zone: tzinfo | None = None, language: str = "en") -> str:
    """Four plain-text sections for the terminal; CSV and JSON have the full sentences."""
    del zone
    lines: list[str] = []
    for title, named in (
        ("Named mistakes by question", report.by_question),
        ("Named mistakes by skill", report.by_skill),
    ):
        lines.append(f"{title}:")
        group = None
        for row in named:
            if row.group != group:
                group = row.group
                lines.append(f"  {_safe(group)}")
            lines.append(
                f"    {row.answers:>4} answers {row.students:>3} students  {_safe(row.diagnosis)}:"
                f" {_safe(sentence(row.diagnosis, language))}"
            )
        if not named:
            lines.append("  none")
        lines.append("")
    lines.append("Wrong answers the judge did not name (equal answers together):")
    question = None
    for wrong in report.unnamed:
        if wrong.question_id != question:
            question = wrong.question_id
            lines.append(f"  {_safe(question)}")
        example = _safe(wrong.example)
        if len(example) > EXAMPLE_WIDTH:
            example = example[: EXAMPLE_WIDTH - 1] + "…"
        lines.append(
            f"    {wrong.answers:>4} answers {wrong.students:>3} students  e.g. {example}"
            f"  [{_safe(wrong.fingerprint)}]"
        )
    if not report.unnamed:
        lines.append("  none")
    lines.append("")
    lines.append("Students repeating a mistake on different questions:")
    for rep in report.repeated:
        lines.append(
            f"  {_safe(rep.name)}: {_safe(rep.diagnosis)} on {len(rep.questions)} questions"
            f" ({rep.answers} answers): {', '.join(_safe(q) for q in rep.questions)}"
        )
    if not report.repeated:
        lines.append("  none")
    return "\n".join(lines) + "\n"
