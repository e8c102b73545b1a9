"""Drills in the store: saving a summary, personal bests, history for the trend chart."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from derivquest.progress.database import Database
from derivquest.progress.dialect import Connection
from derivquest.progress.drill_results import DrillResultItem, DrillSummary
from derivquest.progress.scoring import DrillSetting, counts_for_record


@dataclass(frozen=True, slots=True)
class DrillSaved:
    """What saving a drill tells the end screen."""

    drill_id: int
    personal_best: bool
    """True when this drill beat the best score of its standard setting."""
    previous_best: int | None
    """The best score of this setting before this drill (None: no record yet)."""


@dataclass(frozen=True, slots=True)
class DrillRecord:
    """A stored drill with its items (for replays and export)."""

    uid: str
    finished_at: float
    summary: DrillSummary


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One point of the trend chart."""

    finished_at: float
    setting: str
    """The setting's key, e.g. `3m:all`."""
    score: int
    accuracy: float
    answered: int
    correct: int
    completed: bool
    standard: bool

    @property
    def date(self) -> datetime:
        """When the drill ended, in local time."""
        return datetime.fromtimestamp(self.finished_at)


_BEST = (
    "SELECT MAX(score) FROM drills WHERE profile_id = ? AND setting = ? AND standard = 1"
    " AND completed = 1"
)


def save_drill(
    connection: Connection,
    profile_id: int,
    record: DrillRecord,
) -> DrillSaved:
    """Store a drill and its items; call inside a write transaction (it reads the old best).

    An import offering a drill whose uid is stored already changes nothing.
    """
    summary = record.summary
    setting = summary.setting
    previous = connection.execute(_BEST, (profile_id, setting.key)).fetchone()[0]
    inserted = connection.execute(
        "INSERT INTO drills (uid, profile_id, finished_at, setting, minutes, skills, standard,"
        " completed, score, answered, correct, best_streak, seconds)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING"
        " RETURNING id",
        (
            record.uid,
            profile_id,
            record.finished_at,
            setting.key,
            setting.minutes,
            json.dumps(sorted(setting.skills)),
            int(setting.standard),
            int(summary.completed),
            summary.score,
            len(summary.answered),
            summary.correct,
            summary.best_streak,
            summary.seconds,
        ),
    ).fetchone()
    if inserted is None:
        found = connection.execute("SELECT id FROM drills WHERE uid = ?", (record.uid,))
        return DrillSaved(int(found.fetchone()[0]), False, previous)
    drill_id = int(inserted[0])
    connection.executemany(
        "INSERT INTO drill_items (drill_id, position, question_id, variant_seed, outcome,"
        " seconds, points) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                drill_id,
                i.position,
                i.question_id,
                str(i.variant_seed),
                i.outcome,
                i.seconds,
                i.points,
            )
            for i in summary.items
        ],
    )
    eligible = counts_for_record(setting, summary.completed) and summary.score > 0
    best = eligible and (previous is None or summary.score > previous)
    return DrillSaved(drill_id, best, previous)


def personal_bests(connection: Connection, profile_id: int) -> dict[str, int]:
    """Return the best score of every standard setting played to the end, by setting key."""
    rows = connection.execute(
        "SELECT setting, MAX(score) FROM drills WHERE profile_id = ? AND standard = 1"
        " AND completed = 1 AND score > 0 GROUP BY setting",
        (profile_id,),
    )
    return {setting: score for setting, score in rows}


def history(
    connection: Connection, profile_id: int, setting: str | None, limit: int
) -> list[HistoryEntry]:
    """Return the latest `limit` drills (of one setting key, or all), oldest first."""
    where = "profile_id = ?" + ("" if setting is None else " AND setting = ?")
    params: tuple[Any, ...] = (profile_id,) if setting is None else (profile_id, setting)
    rows = connection.execute(
        "SELECT finished_at, setting, score, answered, correct, completed, standard"
        f" FROM drills WHERE {where} ORDER BY finished_at DESC, id DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [
        HistoryEntry(
            finished_at=at,
            setting=key,
            score=score,
            accuracy=correct / answered if answered else 0.0,
            answered=answered,
            correct=correct,
            completed=bool(completed),
            standard=bool(standard),
        )
        for at, key, score, answered, correct, completed, standard in reversed(rows)
    ]


def drill_records(
    connection: Connection, profile_id: int, limit: int | None = None
) -> list[DrillRecord]:
    """Return stored drills with their items, newest first (all of them without `limit`)."""
    # LIMIT -1 means "all" to SQLite only: leave the clause out instead.
    rows = connection.execute(
        "SELECT id, uid, finished_at, minutes, skills, setting, completed, score, best_streak,"
        " seconds FROM drills WHERE profile_id = ? ORDER BY finished_at DESC, id DESC"
        + ("" if limit is None else " LIMIT ?"),
        (profile_id,) if limit is None else (profile_id, limit),
    ).fetchall()
    records = []
    for drill_id, uid, at, minutes, skills, key, completed, score, streak, seconds in rows:
        items = connection.execute(
            "SELECT question_id, variant_seed, position, outcome, seconds, points"
            " FROM drill_items WHERE drill_id = ? ORDER BY position",
            (drill_id,),
        )
        setting = DrillSetting(minutes, frozenset(json.loads(skills)), key.startswith("replay:"))
        summary = DrillSummary(
            setting=setting,
            items=tuple(
                DrillResultItem(question, int(seed), position, outcome, item_seconds, points)
                for question, seed, position, outcome, item_seconds, points in items
            ),
            score=score,
            best_streak=streak,
            completed=bool(completed),
            seconds=seconds,
        )
        records.append(DrillRecord(uid, at, summary))
    return records


class DrillLog:
    """`store.drills`: saving finished drills and reading records, history and the last one."""

    def __init__(self, database: Database, now: Callable[[], float]) -> None:
        self._db = database
        self._now = now

    def save(self, profile_id: int, summary: DrillSummary) -> DrillSaved:
        """Store a finished drill (quit or not); says whether it set a personal best."""
        record = DrillRecord(uuid.uuid4().hex, self._now(), summary)
        with self._db.write() as connection:
            return save_drill(connection, profile_id, record)

    def personal_bests(self, profile_id: int) -> dict[str, int]:
        """Return the best score per standard setting key (e.g. `3m:all`)."""
        with self._db.read() as connection:
            return personal_bests(connection, profile_id)

    def history(
        self, profile_id: int, setting: str | None = None, limit: int = 100
    ) -> list[HistoryEntry]:
        """Return the latest `limit` drills (of one setting key, or all), oldest first."""
        with self._db.read() as connection:
            return history(connection, profile_id, setting, limit)

    def last(self, profile_id: int) -> DrillRecord | None:
        """Return the most recent drill with its items (for "replay missed")."""
        with self._db.read() as connection:
            records = drill_records(connection, profile_id, limit=1)
        return records[0] if records else None
