"""Benchmark the PostgreSQL backend against SQLite, same run: latency, then a school's load.

    python bench/postgres_bench.py [--answers 1000] [--students 50] [--servers 4]
                                   [--database postgresql://...]

1. Answer-to-committed latency: one student saves answers one at a time through
   `record_attempt` (timed from the call until COMMIT returned), on the SQLite store as
   shipped (WAL, synchronous=FULL) and on PostgreSQL (synchronous_commit on, fsync on).
2. Throughput: `--students` simulated students split over `--servers` processes, each
   student a thread with its own store (as each served game is its own process), all
   answering as fast as they can on one database; answers per second overall.

Without `--database` a throwaway cluster is made with the tests' helper (initdb in a temp
folder, Unix socket only, fsync ON so the comparison is fair), and removed at the end.
Figures depend on the disk's fsync time and on the machine's cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

# The throwaway cluster is the tests' helper; the benchmark runs from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from derivquest.progress import ProgressStore  # noqa: E402
from tests.unit.progress.pg_cluster import Cluster, find_binaries  # noqa: E402

Q = "calc-for-ml/chain-rule/q{}"


def latency(location: str | Path, answers: int) -> list[float]:
    """Milliseconds from each `record_attempt` call until it returned (committed)."""
    with ProgressStore(location) as store:
        profile = store.create_profile("bench")
        times = []
        for number in range(answers):
            start = time.perf_counter()
            store.record_attempt(
                profile.id, Q.format(number % 50), f"15(3x+2)^4 + {number}",
                correct=number % 3 != 0, seconds=4.0, skills=("chain",),
            )  # fmt: skip
            times.append((time.perf_counter() - start) * 1000)
    return times


def _server(location: str, names: list[str], answers: int, started: float) -> None:
    """One server process: a thread per student, each with its own store."""

    def student(name: str) -> None:
        with ProgressStore(location, wait=30) as store:
            profile = store.create_profile(name)
            while time.perf_counter() < started:
                time.sleep(0.001)
            for number in range(answers):
                store.record_attempt(
                    profile.id, Q.format(number % 50), "x", correct=True, seconds=1.0
                )

    threads = [threading.Thread(target=student, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def throughput(location: str, students: int, servers: int, answers: int) -> float:
    """Answers per second with `students` answering at once over `servers` processes."""
    ProgressStore(location).close()  # migrate once before the clock starts
    names = [f"student-{n}" for n in range(students)]
    start_at = time.perf_counter() + 3.0
    processes = [
        multiprocessing.Process(
            target=_server, args=(location, names[i::servers], answers, start_at)
        )
        for i in range(servers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    assert all(process.exitcode == 0 for process in processes)
    elapsed = time.perf_counter() - start_at
    return students * answers / elapsed


def report(name: str, times: list[float]) -> None:
    """Print median, p99 and max."""
    ordered = sorted(times)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(
        f"{name:<34} median {statistics.median(ordered):6.2f} ms"
        f"   p99 {p99:6.2f} ms   max {ordered[-1]:6.1f} ms"
    )


def main() -> int:
    """Run both measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--per-student", type=int, default=20)
    parser.add_argument("--database", help="an existing, empty PostgreSQL database")
    args = parser.parse_args()
    cluster = None
    url = args.database
    if url is None:
        binaries = find_binaries()
        if binaries is None:
            print("no PostgreSQL binaries (initdb); pass --database URL", file=sys.stderr)
            return 1
        cluster = Cluster(binaries, durable=True)
        url = cluster.admin_url()
    try:
        with tempfile.TemporaryDirectory() as folder:
            sqlite_file = Path(folder) / "bench.sqlite3"
            print(f"answer-to-committed, {args.answers} answers one at a time:")
            report("SQLite (WAL, synchronous=FULL)", latency(sqlite_file, args.answers))
            report("PostgreSQL (fsync, sync commit)", latency(url, args.answers))
            print(
                f"\n{args.students} students over {args.servers} server processes,"
                f" {args.per_student} answers each, one database:"
            )
            shared = str(Path(folder) / "school.sqlite3")
            rate = throughput(shared, args.students, args.servers, args.per_student)
            print(f"{'SQLite (one machine only)':<34} {rate:8.0f} answers/s")
            school = cluster.new_schema_url() if cluster is not None else url
            rate = throughput(school, args.students, args.servers, args.per_student)
            print(f"{'PostgreSQL':<34} {rate:8.0f} answers/s")
    finally:
        if cluster is not None:
            cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
