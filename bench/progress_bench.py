"""Benchmark answer-to-committed latency of `record_attempt` against two baselines, same run.

    python bench/progress_bench.py [--answers 2000] [--dir DIR]

Each contender saves the same answers one at a time and is timed from the call until the
answer is durable in its own terms (COMMIT returned, or the file renamed into place):

- the store as shipped: WAL, synchronous=FULL (survives power loss);
- the store with synchronous=NORMAL (survives crashes; power loss may drop the last answers);
- baseline: the same SQL in rollback-journal mode with synchronous=FULL;
- baseline: one JSON file of all answers, rewritten atomically per answer
  (temporary file, fsync, rename, fsync of the folder).

Prints median, p99 and max per contender. Figures depend on the disk (fsync cost).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from derivquest.progress import ProgressStore
from derivquest.progress.attempts import AttemptRow, insert_attempt
from derivquest.progress.database import Synchronous
from derivquest.progress.migrations import migrate

Save = Callable[[int], None]
"""Saves answer number n; returns once it is durable."""


def answer_text(number: int) -> str:
    """What the player typed (a realistic length)."""
    return f"15(3x+2)^4 + {number}"


def question(number: int) -> str:
    """Answers rotate over 50 questions, so counters are updated as well as inserted."""
    return f"calc-for-ml/level-{number % 5}/q{number % 50}"


def store_contender(folder: Path, synchronous: Synchronous) -> tuple[Save, Callable[[], None]]:
    """The real store."""
    store = ProgressStore(folder / f"store-{synchronous}.sqlite3", synchronous=synchronous)
    profile_id = store.create_profile("bench").id

    def save(number: int) -> None:
        store.record_attempt(
            profile_id,
            question(number),
            answer_text(number),
            correct=number % 3 != 0,
            seconds=4.2,
            hints_used=number % 2,
            skills=("chain", "power"),
            variant_seed=number,
        )

    return save, store.close


def rollback_contender(folder: Path) -> tuple[Save, Callable[[], None]]:
    """The store's own SQL in rollback-journal mode, synchronous=FULL."""
    connection = sqlite3.connect(folder / "rollback.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    migrate(connection)
    connection.execute("INSERT INTO profiles VALUES (1, 'bench', 'p', 0)")

    def save(number: int) -> None:
        row = AttemptRow(
            uuid.uuid4().hex,
            question(number),
            time.time(),
            answer_text(number),
            number % 3 != 0,
            4.2,
            number % 2,
            "play",
            number,
            ("chain", "power"),
        )
        connection.execute("BEGIN IMMEDIATE")
        insert_attempt(connection, 1, row)
        connection.execute("COMMIT")

    return save, connection.close


def json_contender(folder: Path) -> tuple[Save, Callable[[], None]]:
    """All answers in one JSON file, rewritten atomically after each answer."""
    path = folder / "progress.json"
    answers: list[dict[str, object]] = []

    def save(number: int) -> None:
        answers.append(
            {
                "uid": uuid.uuid4().hex,
                "question_id": question(number),
                "answer": answer_text(number),
                "correct": number % 3 != 0,
                "seconds": 4.2,
                "hints_used": number % 2,
                "skills": ["chain", "power"],
            }
        )
        temporary = path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump({"attempts": answers}, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    return save, lambda: None


def measure(save: Save, answers: int) -> list[float]:
    """Milliseconds per save."""
    timings = []
    for number in range(answers):
        start = time.perf_counter()
        save(number)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    """Run every contender in turn and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000, help="answers per contender")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="progress-bench-") as name:
        folder = Path(name)
        contenders: dict[str, Callable[[], tuple[Save, Callable[[], None]]]] = {
            "store (WAL, synchronous=FULL)": lambda: store_contender(folder, "FULL"),
            "store (WAL, synchronous=NORMAL)": lambda: store_contender(folder, "NORMAL"),
            "rollback journal, synchronous=FULL": lambda: rollback_contender(folder),
            "JSON file, atomic rewrite": lambda: json_contender(folder),
        }
        print(f"{args.answers} answers each, files in {folder} (SQLite {sqlite3.sqlite_version})")
        print(f"{'':38} {'median':>9} {'p99':>9} {'max':>9}")
        for label, make in contenders.items():
            save, close = make()
            try:
                timings = measure(save, args.answers)
            finally:
                close()
            print(
                f"{label:38} {statistics.median(timings):8.2f}ms"
                f" {percentile(timings, 0.99):8.2f}ms {max(timings):8.2f}ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
