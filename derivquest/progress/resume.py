"""Resume points: the question, variant and typed text to put back on screen, per slot."""

from __future__ import annotations

from derivquest.progress.dialect import Connection
from derivquest.progress.records import ResumePoint

_SAVE = """
INSERT INTO resume (profile_id, slot, question_id, variant_seed, round_number, typed,
                    hints_shown, saved_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (profile_id, slot) DO UPDATE SET
    question_id = excluded.question_id, variant_seed = excluded.variant_seed,
    round_number = excluded.round_number, typed = excluded.typed,
    hints_shown = excluded.hints_shown, saved_at = excluded.saved_at
"""


def save_resume(connection: Connection, profile_id: int, point: ResumePoint, now: float) -> None:
    """Replace the profile's resume point for `point.slot` (in a write transaction)."""
    connection.execute(
        _SAVE,
        (
            profile_id,
            point.slot,
            point.question_id,
            str(point.variant_seed),  # TEXT: seeds reach 2**64 - 1, past SQLite's INTEGER
            point.round_number,
            point.typed,
            point.hints_shown,
            point.saved_at or now,
        ),
    )


def load_resume(connection: Connection, profile_id: int, slot: str) -> ResumePoint | None:
    """Return the resume point of a slot, or None."""
    row = connection.execute(
        "SELECT question_id, variant_seed, typed, round_number, hints_shown, slot, saved_at"
        " FROM resume WHERE profile_id = ? AND slot = ?",
        (profile_id, slot),
    ).fetchone()
    if row is None:
        return None
    question_id, seed, typed, round_number, hints, slot_name, saved_at = row
    return ResumePoint(question_id, int(seed), typed, round_number, hints, slot_name, saved_at)


def all_resume_points(connection: Connection, profile_id: int) -> list[ResumePoint]:
    """Return every slot's resume point, by slot."""
    slots = connection.execute(
        "SELECT slot FROM resume WHERE profile_id = ? ORDER BY slot", (profile_id,)
    ).fetchall()
    points = [load_resume(connection, profile_id, slot) for (slot,) in slots]
    return [point for point in points if point is not None]


def clear_resume(connection: Connection, profile_id: int, slot: str) -> None:
    """Delete a slot's resume point."""
    connection.execute("DELETE FROM resume WHERE profile_id = ? AND slot = ?", (profile_id, slot))
