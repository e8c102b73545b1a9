"""Each attempt keeps the judge's mistake id and fingerprint: stored, migrated, exported."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from derivquest.progress import Profile, ProgressStore
from derivquest.progress.attempts import attempt_rows
from derivquest.progress.export_format import parse_document
from tests.unit.progress.conftest import NOON, WallClock
from tests.unit.progress.test_migrations import build

Q1 = "calc/chain/q1"


def stored(path: Path) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT answer, diagnosis, fingerprint FROM attempts ORDER BY answered_at, id"
        )
        return list(rows)


def test_a_version_3_database_keeps_its_attempts_and_stores_new_ids(tmp_path: Path) -> None:
    """Old attempts survive with no diagnosis; new attempts store their id and fingerprint."""
    path = tmp_path / "progress.sqlite3"
    connection = build(path, 3)
    connection.execute("INSERT INTO profiles VALUES (1, 'ana', 'p1', ?)", (NOON,))
    connection.execute(
        "INSERT INTO attempts (uid, profile_id, question_id, answered_at, answer, correct,"
        " seconds, hints_used, mode, variant_seed) VALUES ('u1', 1, ?, ?, '5(3x+2)^4', 0, 2.0,"
        " 0, 'play', NULL)",
        (Q1, NOON),
    )
    connection.execute(
        "INSERT INTO attempt_skills (attempt_id, skill, profile_id) VALUES (1, 'chain', 1)"
    )
    connection.close()
    wall = WallClock(NOON + 60)
    with ProgressStore(path, now=wall) as store:
        ana = store.profile_named("ana")
        assert ana is not None
        store.record_attempt(
            ana.id,
            Q1,
            "15(3x+2)^5",
            correct=False,
            seconds=1,
            skills=("chain",),
            diagnosis="power-rule-exponent",
            fingerprint="0123456789ab",
        )
        mastery = store.skills.mastery(ana.id)
        assert mastery["chain"].answers == 2
    assert stored(path) == [
        ("5(3x+2)^4", None, None),
        ("15(3x+2)^5", "power-rule-exponent", "0123456789ab"),
    ]


def test_export_and_import_carry_the_diagnosis(
    store: ProgressStore, ana: Profile, wall: WallClock, tmp_path: Path
) -> None:
    store.record_attempt(
        ana.id,
        Q1,
        "cos(3x)",
        correct=False,
        seconds=2,
        diagnosis="chain-inner-missing",
        fingerprint="feedc0ffee00",
    )
    wall.advance(5)
    store.record_attempt(ana.id, Q1, "3cos(3x)", correct=True, seconds=2)
    document = store.export_document()
    attempts = document.profiles[0].attempts
    assert [(a.diagnosis, a.fingerprint) for a in attempts] == [
        ("chain-inner-missing", "feedc0ffee00"),
        (None, None),
    ]
    text = document.model_dump_json()
    with ProgressStore(tmp_path / "other.sqlite3", now=wall) as other:
        other.import_document(parse_document(text))
        imported = other.profile_named("ana")
        assert imported is not None
        assert other.path is not None
        with sqlite3.connect(other.path) as connection:
            rows = list(attempt_rows(connection, imported.id))
    assert [(r.diagnosis, r.fingerprint) for r in rows] == [
        ("chain-inner-missing", "feedc0ffee00"),
        (None, None),
    ]


def test_an_export_without_the_fields_still_imports(
    store: ProgressStore, ana: Profile, wall: WallClock, tmp_path: Path
) -> None:
    """Files written before version 4 have no diagnosis keys: they import as None."""
    store.record_attempt(ana.id, Q1, "x", correct=True, seconds=1)
    data = store.export_document().model_dump(mode="json")
    for attempt in data["profiles"][0]["attempts"]:
        del attempt["diagnosis"], attempt["fingerprint"]
    with ProgressStore(tmp_path / "old.sqlite3", now=wall) as other:
        counts = other.import_document(parse_document(json.dumps(data)))
        assert counts.attempts_added == 1
