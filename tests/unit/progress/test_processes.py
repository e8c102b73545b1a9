"""Two processes on one profile: exact counts. SIGKILL at random moments: nothing lost."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path

import psycopg

from tests.unit.progress import writer
from tests.unit.progress.pg_cluster import Cluster

WRITER = Path(__file__).with_name("writer.py")
ROOT = Path(__file__).resolve().parents[3]
KILLS = 150
"""Writers killed in the crash test (at least 100)."""


def start_writer(path: Path | str, tag: str, count: int) -> subprocess.Popen[bytes]:
    """Start writer.py on `path`; it waits for a line on stdin before writing."""
    args = [sys.executable, str(WRITER), str(path), tag, str(count)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


def committed_answers(output: bytes) -> list[str]:
    """Answers from complete lines only (a kill can cut the last line short)."""
    return output.decode().split("\n")[:-1]


def check_database(path: Path) -> sqlite3.Connection:
    """Open the database after the writers: integrity ok and counters equal to the log."""
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    log = dict(
        connection.execute("SELECT question_id, COUNT(*) FROM attempts GROUP BY question_id")
    )
    counters = dict(connection.execute("SELECT question_id, attempts FROM questions"))
    assert counters == log
    skills = connection.execute("SELECT COUNT(*) FROM attempt_skills").fetchone()[0]
    assert skills == sum(log.values())
    return connection


def test_two_processes_on_one_profile(tmp_path: Path) -> None:
    """Two writers answering the same questions at once: every answer counted exactly once."""
    path = tmp_path / "progress.sqlite3"
    per_writer = 300
    processes = [start_writer(path, tag, per_writer) for tag in ("a", "b")]
    for process in processes:  # both have the store open before either writes
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n", process.communicate()[1].decode()
    outputs = [process.communicate(b"go\n", timeout=60) for process in processes]
    for process, (_, errors) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, errors.decode()
    answers = [committed_answers(out) for out, _ in outputs]
    assert [len(found) for found in answers] == [per_writer, per_writer]
    connection = check_database(path)
    assert connection.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 2 * per_writer
    stored = [answer for (answer,) in connection.execute("SELECT answer FROM attempts")]
    assert sorted(stored) == sorted(answers[0] + answers[1])
    correct = connection.execute("SELECT SUM(correct) FROM questions").fetchone()[0]
    assert correct == per_writer  # each writer got every second answer right
    assert connection.execute("SELECT COUNT(*) FROM profiles").fetchone()[0] == 1
    connection.close()


def test_two_processes_on_one_profile_on_postgres(postgres_cluster: Cluster) -> None:
    """The same race on PostgreSQL: exact counts, one profile, counters equal to the log."""
    url = postgres_cluster.new_schema_url()
    per_writer = 200
    processes = [start_writer(url, tag, per_writer) for tag in ("a", "b")]
    for process in processes:  # both have the store open (and migrated once) before writing
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n", process.communicate()[1].decode()
    outputs = [process.communicate(b"go\n", timeout=60) for process in processes]
    for process, (_, errors) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, errors.decode()
    answers = [committed_answers(out) for out, _ in outputs]
    with psycopg.connect(url) as connection:
        stored = [answer for (answer,) in connection.execute("SELECT answer FROM attempts")]
        log: dict[str, int] = dict(
            connection.execute("SELECT question_id, COUNT(*) FROM attempts GROUP BY question_id")
        )
        counters: dict[str, int] = dict(
            connection.execute("SELECT question_id, attempts FROM questions")
        )
        correct = connection.execute("SELECT SUM(correct) FROM questions").fetchone()
        profiles = connection.execute("SELECT COUNT(*) FROM profiles").fetchone()
    assert sorted(stored) == sorted(answers[0] + answers[1])
    assert len(stored) == 2 * per_writer
    assert counters == log
    assert correct is not None and correct[0] == per_writer
    assert profiles == (1,)


class Writer:
    """writer.py's loop in a forked child, its stdout a pipe to the test.

    Forking (about a millisecond) instead of starting Python (about 100 ms of imports)
    is what lets the test kill well over 100 writers in a couple of seconds. The test
    process holds no SQLite connection while it forks.
    """

    def __init__(self, path: Path, tag: str) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run the writer, never return into pytest
            os.close(read_end)
            try:
                writer.main([str(path), tag], os.fdopen(write_end, "w"))
            except BaseException:
                os.write(2, traceback.format_exc().encode())
            finally:
                os._exit(1)
        os.close(write_end)
        self.pid = pid
        """The child's process id."""
        self.output = b""
        """Everything it printed so far."""
        self._pipe = read_end

    def wait_for_output(self, timeout: float) -> None:
        """Block until the writer printed something (its first commit)."""
        ready, _, _ = select.select([self._pipe], [], [], timeout)
        assert ready, "the writer printed nothing"
        self.output += os.read(self._pipe, 65536)

    def kill(self) -> int | None:
        """SIGKILL it, collect the rest of its output; return its exit code if not killed."""
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        while chunk := os.read(self._pipe, 65536):
            self.output += chunk
        os.close(self._pipe)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            return None
        return os.waitstatus_to_exitcode(status)


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    """KILLS writers killed mid-work: the file stays sound and every printed answer is stored.

    Most kills come 0-10 ms after the writer's first commit, so they land anywhere in the
    write loop (inside a transaction, during COMMIT, between commit and print, mid-print);
    one in five comes during start-up (opening the store, WAL recovery, the profile). One
    writer at a time: a second one would mostly sit in SQLite's busy wait behind the
    first's tight loop (concurrency has its own test above).
    """
    path = tmp_path / "progress.sqlite3"
    rng = random.Random(20250310)
    printed: list[str] = []
    failures: list[int] = []
    for number in range(KILLS):
        victim = Writer(path, str(number))
        if rng.random() < 0.8:
            victim.wait_for_output(timeout=30)
        time.sleep(rng.uniform(0, 0.01))
        code = victim.kill()
        if code is not None:
            failures.append(code)
        printed.extend(committed_answers(victim.output))
    assert failures == []
    assert len(printed) > KILLS  # most writers committed answers before being killed
    connection = check_database(path)
    stored = {row[0] for row in connection.execute("SELECT answer FROM attempts")}
    assert sorted(set(printed) - stored) == []
    assert len(printed) == len(set(printed))
    connection.close()
