"""Export and import: exact round trip, merging twice changes nothing, replace, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from derivquest.progress import (
    DrillSetting,
    DrillSummary,
    Profile,
    ProfileError,
    ProgressStore,
    ResumePoint,
)
from derivquest.progress.drill_results import DrillResultItem
from derivquest.progress.export_format import ExportDocument, ImportFormatError, parse_document
from tests.unit.progress.conftest import WallClock

Q1 = "calc/power/q1"
Q2 = "calc/chain/q2"


def fill(store: ProgressStore, profile: Profile, wall: WallClock) -> None:
    """Answers, a level, a resume point and a drill."""
    store.record_attempt(profile.id, Q1, "2x", correct=False, seconds=3.25, skills=["power"])
    wall.advance(10)
    store.record_attempt(
        profile.id, Q1, "2*x", correct=True, seconds=1.5, hints_used=1, variant_seed=2**64 - 1
    )
    wall.advance(10)
    store.record_attempt(profile.id, Q2, "σ(x)", correct=True, seconds=0.1, skills=["chain", "exp"])
    store.record_level_result(profile.id, "calc/power", stars=2, seconds=42.5)
    store.save_resume_point(
        profile.id, ResumePoint(Q2, 99, "e^x(1+x", round_number=1, hints_shown=1)
    )
    items = (
        DrillResultItem(Q1, 5, 1, "correct", 2.5, 155),
        DrillResultItem(Q2, 6, 2, "wrong", 4.0, 0),
        DrillResultItem(Q1, 7, 3, "unanswered", 1.0, 0),
    )
    store.drills.save(profile.id, DrillSummary(DrillSetting(1), items, 155, 1, True, 60.0))


def comparable(document: ExportDocument) -> dict[str, object]:
    """The document without its export time."""
    data = document.model_dump(mode="json")
    del data["exported_at"]
    return data


def test_round_trip_is_exact(
    store: ProgressStore, ana: Profile, wall: WallClock, tmp_path: Path
) -> None:
    """Export, import into an empty store, export again: the same document."""
    fill(store, ana, wall)
    first = store.export_document()
    text = first.model_dump_json(indent=2)
    with ProgressStore(tmp_path.joinpath("other.sqlite3"), now=wall) as other:
        counts = other.import_document(parse_document(text))
        assert (counts.profiles_created, counts.attempts_added, counts.drills_added) == (1, 3, 1)
        second = other.export_document()
        imported = other.profile_named("ana")
        assert imported is not None and imported.player_id == ana.player_id
        assert other.question_progress(imported.id, Q1) == store.question_progress(ana.id, Q1)
        assert other.resume_point(imported.id) == store.resume_point(ana.id)
        assert other.drills.personal_bests(imported.id) == {"1m:all": 155}
    assert comparable(second) == comparable(first)


def test_merging_twice_changes_nothing(store: ProgressStore, ana: Profile, wall: WallClock) -> None:
    """Answers and drills are keyed by uid, so a second import adds nothing."""
    fill(store, ana, wall)
    document = store.export_document()
    counts = store.import_document(document)
    assert (counts.profiles_created, counts.attempts_added, counts.drills_added) == (0, 0, 0)
    progress = store.question_progress(ana.id, Q1)
    assert progress is not None and progress.attempts == 2
    assert comparable(store.export_document()) == comparable(document)


def test_merge_combines_two_machines(
    store: ProgressStore, ana: Profile, wall: WallClock, tmp_path: Path
) -> None:
    """Answers from another machine are added; counters are recomputed from the log."""
    store.record_attempt(ana.id, Q1, "a", correct=False, seconds=1)
    with ProgressStore(tmp_path.joinpath("laptop.sqlite3"), now=wall) as laptop:
        wall.advance(5)
        laptop_ana = laptop.create_profile("ana")
        laptop.record_attempt(laptop_ana.id, Q1, "b", correct=True, seconds=2)
        laptop.record_level_result(laptop_ana.id, "calc/power", stars=3, seconds=10)
        document = laptop.export_document()
    store.record_level_result(ana.id, "calc/power", stars=1, seconds=5)
    store.import_document(document)
    progress = store.question_progress(ana.id, Q1)
    assert progress is not None
    assert (progress.attempts, progress.correct, progress.solved, progress.stars) == (2, 1, True, 2)
    level = store.summary(ana.id, {Q1}).levels["calc/power"]
    assert (level.stars, level.best_seconds) == (3, 5)


def test_replace_empties_only_the_imported_profiles(
    store: ProgressStore, ana: Profile, wall: WallClock, tmp_path: Path
) -> None:
    """With replace, a profile in the file is emptied first; other profiles are untouched."""
    bo = store.create_profile("bo")
    store.record_attempt(bo.id, Q1, "x", correct=True, seconds=1)
    with ProgressStore(tmp_path.joinpath("other.sqlite3"), now=wall) as other:
        other.record_attempt(other.create_profile("ana").id, Q2, "y", correct=True, seconds=1)
        document = other.export_document()
    store.record_attempt(ana.id, Q1, "old", correct=True, seconds=1)
    store.import_document(document, replace=True)
    assert set(store.summary(ana.id, {Q1, Q2}).questions) == {Q2}
    assert set(store.summary(bo.id, {Q1, Q2}).questions) == {Q1}


def test_a_failed_import_changes_nothing(store: ProgressStore, ana: Profile) -> None:
    """An import that breaks part-way (a bad profile name here) is rolled back whole."""
    store.record_attempt(ana.id, Q1, "x", correct=True, seconds=1)
    document = store.export_document()
    unnamed = document.profiles[0].model_copy(update={"name": ""})  # model_copy skips checks
    bad = document.model_copy(update={"profiles": [document.profiles[0], unnamed]})
    with pytest.raises(ProfileError, match="1 to 40"):
        store.import_document(bad, replace=True)
    assert [p.name for p in store.profiles()] == ["ana"]
    assert store.question_progress(ana.id, Q1) is not None


def test_every_problem_of_a_bad_file_is_listed() -> None:
    """Validation reports each bad field with its place, unknown keys included."""
    data = {
        "format": "derivquest-progress",
        "version": 1,
        "exported_at": "2025-01-01T00:00:00Z",
        "profiles": [
            {
                "name": "ana",
                "player_id": "p",
                "created_at": "2025-01-01T00:00:00Z",
                "attempts": [
                    {
                        "uid": "u",
                        "question_id": "no-slashes",
                        "answered_at": "2025-01-01T00:00:00",
                        "answer": "x",
                        "correct": "yes",
                        "seconds": -1,
                        "hints_used": 0,
                        "mode": "play",
                        "colour": "red",
                    }
                ],
            }
        ],
    }
    with pytest.raises(ImportFormatError) as caught:
        parse_document(json.dumps(data))
    problems = "\n".join(caught.value.problems)
    for place in ("question_id", "answered_at", "correct", "seconds", "colour"):
        assert f"profile 1, attempt 1, {place}:" in problems
    assert len(caught.value.problems) == 5


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("not json", "(file)"),
        (
            '{"format": "other", "version": 1, "exported_at": "2025-01-01T00:00:00Z",'
            ' "profiles": []}',
            "format",
        ),
        (
            '{"format": "derivquest-progress", "version": 2,'
            ' "exported_at": "2025-01-01T00:00:00Z", "profiles": []}',
            "version",
        ),
    ],
)
def test_wrong_files_are_refused(text: str, where: str) -> None:
    """Files that are not exports at all, or of another version, are refused."""
    with pytest.raises(ImportFormatError) as caught:
        parse_document(text)
    assert caught.value.problems[0].startswith(where)


def test_the_class_travels_with_the_export(
    store: ProgressStore, wall: WallClock, tmp_path: Path
) -> None:
    """`progress export` carries each student's class; import restores it (SQLite <-> PG)."""
    for name in ("ana", "bo"):
        store.create_profile(name)
    store.assign_class(["ana"], "7B")
    text = store.export_document().model_dump_json()
    profiles = {p["name"]: p for p in json.loads(text)["profiles"]}
    assert profiles["ana"]["cohort"] == "7B"
    assert "cohort" not in profiles["bo"]  # no class: no key, older versions still read it
    with ProgressStore(tmp_path / "other.sqlite3", now=wall) as other:
        other.create_profile("bo")
        other.assign_class(["bo"], "8A")
        other.import_document(parse_document(text))
        assert {p.name: p.cohort for p in other.profiles()} == {"ana": "7B", "bo": "8A"}
        other.assign_class(["ana"], "9C")
        other.import_document(parse_document(text), replace=True)
        assert {p.name: p.cohort for p in other.profiles()} == {"ana": "7B", "bo": "8A"}


@pytest.mark.parametrize(
    ("cohort", "message"),
    [("", "1 to 20 characters"), ("7 B", "spaces or control"), ("x" * 21, "1 to 20")],
)
def test_a_bad_class_in_a_file_is_refused(cohort: str, message: str) -> None:
    document = {
        "format": "derivquest-progress",
        "version": 1,
        "exported_at": "2025-03-10T12:00:00Z",
        "profiles": [
            {
                "name": "ana",
                "player_id": "p1",
                "created_at": "2025-03-10T12:00:00Z",
                "cohort": cohort,
            }
        ],
    }
    with pytest.raises(ImportFormatError, match=f"profile 1, cohort: .*{message}"):
        parse_document(json.dumps(document))
