"""The PostgreSQL backend's own behaviour: SQL rewriting, URLs, restarts, moving a class."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg
import pytest

from derivquest.progress import ProgressStore, StoreCorruptError, StoreUnavailableError
from derivquest.progress.dialect import to_pyformat
from derivquest.progress.location import describe, is_database_url
from derivquest.progress.store import resolve
from tests.unit.progress.conftest import WallClock
from tests.unit.progress.pg_cluster import Cluster
from tests.unit.progress.test_command import run

Q1 = "calc/power/q1"


@pytest.mark.parametrize(
    ("sqlite", "psycopg"),
    [
        ("SELECT a FROM t WHERE b = ?", "SELECT a FROM t WHERE b = %s"),
        ("VALUES (:profile, :at)", "VALUES (%(profile)s, %(at)s)"),
        ("SELECT '?' , ':x', \"a?\" FROM t", "SELECT '?' , ':x', \"a?\" FROM t"),
        (
            "SELECT x::jsonb WHERE y LIKE 'a%' AND z = ?",
            "SELECT x::jsonb WHERE y LIKE 'a%' AND z = %s",
        ),
        ("SELECT 5 % 2, ?", "SELECT 5 %% 2, %s"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', %s"),
    ],
)
def test_placeholders_are_rewritten_outside_literals(sqlite: str, psycopg: str) -> None:
    """`?` and `:name` become psycopg's; quoted text, casts and a literal % stay as written."""
    assert to_pyformat(sqlite) == psycopg


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        (
            "postgresql://teacher:s3cret@db.school/derivquest",
            "postgresql://teacher@db.school/derivquest",
        ),
        (
            "postgres://db/derivquest?password=s3cret&sslmode=require",
            "postgres://db/derivquest?sslmode=require",
        ),
        ("postgresql:///derivquest?host=/run/pg", "postgresql:///derivquest?host=/run/pg"),
        ("/home/t/progress.sqlite3", "/home/t/progress.sqlite3"),
    ],
)
def test_messages_never_show_a_password(location: str, shown: str) -> None:
    """A URL is shown without its password wherever the store names its database."""
    assert describe(location) == shown


@pytest.mark.parametrize(
    ("given", "environment", "expected"),
    [
        (None, "", "default"),
        (None, "postgresql://db/dq", "postgresql://db/dq"),
        ("postgresql://a/b", "postgresql://db/dq", "postgresql://a/b"),
        ("elsewhere.sqlite3", "", Path("elsewhere.sqlite3")),
        (None, "/srv/class.sqlite3", Path("/srv/class.sqlite3")),
    ],
)
def test_the_database_is_chosen_by_argument_then_environment(
    given: str | None, environment: str, expected: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An explicit location wins, then DERIVQUEST_DATABASE, then the data folder's file."""
    monkeypatch.setenv("DERIVQUEST_DATABASE", environment)
    chosen = resolve(given)
    if expected == "default":
        assert isinstance(chosen, Path) and chosen.name == "progress.sqlite3"
    else:
        assert chosen == expected
    assert is_database_url(str(chosen)) == str(expected).startswith("postgres")


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    """Opening a database nobody serves says so, without a traceback or the password."""
    url = f"postgresql://dq:s3cret@/derivquest?host={tmp_path}"
    with pytest.raises(StoreUnavailableError, match="cannot reach") as raised:
        ProgressStore(url, wait=1.0)
    assert "s3cret" not in str(raised.value)


def test_a_database_of_another_program_is_refused_untouched(postgres_cluster: Cluster) -> None:
    """A database with someone else's `profiles` table: a clear error, nothing created."""
    url = postgres_cluster.new_schema_url()
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("CREATE TABLE profiles (login TEXT)")
    with pytest.raises(StoreCorruptError, match="another program's tables"):
        ProgressStore(url, wait=1.0)
    with psycopg.connect(url) as raw:
        tables = raw.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() ORDER BY table_name"
        ).fetchall()
    assert tables == [("profiles",)]  # the failed step rolled back whole


def test_no_judged_answer_is_lost_when_the_database_restarts(
    postgres_cluster: Cluster, wall: WallClock
) -> None:
    """A student answers on while the server stops and starts again.

    Every answer record_attempt acknowledged is in the database; while the server is away
    the store raises StoreUnavailableError (the game shows it and keeps the typed answer)
    and nothing else; after the restart answers are saved again.
    """
    url = postgres_cluster.new_schema_url()
    acknowledged: list[str] = []
    refused: list[BaseException] = []
    stop = threading.Event()
    with ProgressStore(url, now=wall, wait=1.0) as store:
        ana = store.create_profile("ana")

        def answer() -> None:
            number = 0
            while not stop.is_set():
                number += 1
                try:
                    store.record_attempt(ana.id, Q1, f"a{number}", correct=True, seconds=1)
                except BaseException as error:  # noqa: B036 - every kind is counted below
                    refused.append(error)
                    time.sleep(0.05)  # a student does not retry faster than this
                else:
                    acknowledged.append(f"a{number}")

        student = threading.Thread(target=answer)
        student.start()
        try:
            _wait_for(lambda: len(acknowledged) >= 5)
            postgres_cluster.stop()
            _wait_for(lambda: len(refused) >= 2)
        finally:
            postgres_cluster.start()
        before = len(acknowledged)
        try:
            _wait_for(lambda: len(acknowledged) >= before + 5)
        finally:
            stop.set()
            student.join()
        postgres_cluster.stop()
        try:
            with pytest.raises(StoreUnavailableError, match="cannot reach"):
                store.profiles()
        finally:
            postgres_cluster.start()
        # Back at once, though the pool would still be backing off between reconnection
        # tries: the store asks the server directly and starts a fresh pool.
        store.record_attempt(ana.id, Q1, "after", correct=True, seconds=1)
        acknowledged.append("after")
        saved = [attempt.answer for attempt in store.export_document().profiles[0].attempts]
    assert refused and all(isinstance(error, StoreUnavailableError) for error in refused)
    assert set(acknowledged) <= set(saved)
    assert len(saved) == len(set(saved))


def _wait_for(condition: object, seconds: float = 60.0) -> None:
    """Poll `condition` until true; the deadline only catches a hang on a loaded machine."""
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_class_moves_from_a_laptop_to_the_school_database(
    postgres_cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`progress export` from SQLite, `progress import --database URL`, then `show` there."""
    with ProgressStore() as laptop:
        ana = laptop.create_profile("ana")
        laptop.record_attempt(ana.id, Q1, "3x^2", correct=True, seconds=2, skills=["power"])
        laptop.record_level_result(ana.id, "calc/power", stars=3, seconds=20)
    url = postgres_cluster.new_schema_url()
    assert run("export", str(tmp_path / "class.json")) == 0
    assert run("import", "--database", url, str(tmp_path / "class.json")) == 0
    capsys.readouterr()
    assert run("show", "--database", url) == 0
    shown = capsys.readouterr().out
    assert "postgresql://" in shown and "ana" in shown
    with ProgressStore(url) as school:
        profile = school.profile_named("ana")
        assert profile is not None
        progress = school.question_progress(profile.id, Q1)
        assert progress is not None and progress.stars == 3
        assert school.skills.mastery(profile.id)["power"].answers == 1
