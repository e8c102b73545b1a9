"""The teacher's view of the class: one row per student, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from derivquest.progress import ProgressStore


@dataclass(frozen=True, slots=True)
class StudentRow:
    """What one student has done, over the questions and levels the packs have now."""

    name: str
    levels_completed: int
    stars: int
    """Best stars of the completed levels, summed."""
    questions_solved: int
    answers: int
    last_seen: float | None
    """Unix time of the latest answer or drill (None: never played)."""
    level_stars: dict[str, int] = field(default_factory=dict)
    """`pack/level` -> best stars, completed levels only."""
    mastery: dict[str, str] = field(default_factory=dict)
    """Skill -> new, attempted, familiar, proficient or mastered."""
    drill_bests: dict[str, int] = field(default_factory=dict)
    """Standard drill setting (e.g. `3m:all`) -> best score."""


def class_report(
    store: ProgressStore,
    question_ids: Collection[str],
    level_ids: Collection[str],
    cohort: str | None = None,
) -> list[StudentRow]:
    """One row per profile (of class `cohort` only, when given), by name; ids no pack has
    now are left out (docs/progress.md)."""
    rows = []
    for profile in store.profiles():
        if cohort is not None and profile.cohort != cohort.strip():
            continue
        summary = store.summary(profile.id, question_ids, level_ids)
        completed = {key: level for key, level in summary.levels.items() if level.completed}
        mastery = store.skills.mastery(profile.id, question_ids)
        drills = store.drills.history(profile.id, limit=1)
        seen = [question.last_attempt_at for question in summary.questions.values()]
        seen += [drill.finished_at for drill in drills]
        rows.append(
            StudentRow(
                name=profile.name,
                levels_completed=len(completed),
                stars=sum(level.stars for level in completed.values()),
                questions_solved=sum(q.solved for q in summary.questions.values()),
                answers=sum(q.attempts for q in summary.questions.values()),
                last_seen=max(seen, default=None),
                level_stars={key: level.stars for key, level in sorted(completed.items())},
                mastery={skill: found.level.label for skill, found in mastery.items()},
                drill_bests=dict(sorted(store.drills.personal_bests(profile.id).items())),
            )
        )
    return rows


def timestamp(seconds: float | None, zone: tzinfo | None = None) -> str:
    """ISO 8601 with the UTC offset (local time unless `zone`); empty for None."""
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, zone).astimezone(zone).isoformat(timespec="seconds")


def to_json(rows: Sequence[StudentRow], zone: tzinfo | None = None) -> str:
    """`{"students": [...]}` with every field of every row."""
    students: list[dict[str, Any]] = [
        {
            "name": row.name,
            "levels_completed": row.levels_completed,
            "stars": row.stars,
            "questions_solved": row.questions_solved,
            "answers": row.answers,
            "last_seen": timestamp(row.last_seen, zone) or None,
            "levels": row.level_stars,
            "mastery": row.mastery,
            "drill_bests": row.drill_bests,
        }
        for row in rows
    ]
    return json.dumps({"students": students}, ensure_ascii=False, indent=2) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@")
"""A cell starting with one of these is a formula to a spreadsheet (CSV injection); tab and
carriage return, the other two, are control characters and replaced before this is looked at."""


def csv_cell(value: object) -> object:
    """Return a text cell safe to open in a spreadsheet and to print on a terminal.

    Control characters (escape sequences) become U+FFFD, and a cell that would start a
    formula gets a leading apostrophe, so `=HYPERLINK(...)` in a name or skill stays text.
    Numbers are left as they are.
    """
    if not isinstance(value, str):
        return value
    text = "".join("\ufffd" if unicodedata.category(char) == "Cc" else char for char in value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


_COLUMNS = ["name", "levels_completed", "stars", "questions_solved", "answers", "last_seen"]


def to_csv(rows: Sequence[StudentRow], zone: tzinfo | None = None) -> str:
    """One line per student; a `mastery:SKILL` column per skill, `best:SETTING` per drill.

    Columns for every skill and setting anyone has, so a spreadsheet can sort by any of them.
    """
    skills = sorted({skill for row in rows for skill in row.mastery})
    settings = sorted({key for row in rows for key in row.drill_bests})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [
        *_COLUMNS,
        *(f"mastery:{skill}" for skill in skills),
        *(f"best:{s}" for s in settings),
    ]
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        cells = [
            row.name,
            row.levels_completed,
            row.stars,
            row.questions_solved,
            row.answers,
            timestamp(row.last_seen, zone),
            *(row.mastery.get(skill, "") for skill in skills),
            *(row.drill_bests.get(setting, "") for setting in settings),
        ]
        writer.writerow([csv_cell(cell) for cell in cells])
    return out.getvalue()


def to_table(rows: Sequence[StudentRow], zone: tzinfo | None = None) -> str:
    """A plain-text table for the terminal; CSV or JSON has every skill and drill."""
    header = ("name", "levels", "stars", "solved", "answers", "skills mastered", "last seen")
    lines = [header]
    for row in rows:
        mastered = sum(label == "mastered" for label in row.mastery.values())
        lines.append(
            (
                row.name,
                str(row.levels_completed),
                str(row.stars),
                str(row.questions_solved),
                str(row.answers),
                f"{mastered}/{len(row.mastery)}",
                timestamp(row.last_seen, zone)[:16].replace("T", " ") or "never",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    return "\n".join(text) + "\n"
