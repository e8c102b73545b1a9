"""The shared checker pool against a checker per game, side by side in one run.

    python bench/checkpool_bench.py [--students 20] [--rounds 3] [--workers 0]

Starts `--students` per-game checkers (each `JudgeService` with its own fresh interpreter,
as a served game had before the pool) and one pool (`python -m derivquest.engine.pool`, a
worker per core unless `--workers`), then prints:

- verdict latency: 1, 10 and all students submit an answer at the same instant (threads
  released by one barrier), median and p90 of the time each waited for its verdict. Each
  round is a new question that every student answers (a class works through the same
  questions), with a different answer per student, so a checker meets each question cold;
- CPU: the checkers' own CPU time (user + system) per check over all those rounds, which
  other work on the machine does not change much;
- memory: PSS (proportional set size: shared pages divided among their sharers) of all the
  per-game checkers, and of the pool's parent and workers;
- the question cache: CPU time of the same answers to a question the checker has not seen,
  and to one it has (another student's answer just before), in process.

No timed assertion; bounded (at most 40 students, a few rounds, only local processes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from derivquest.engine import JudgeService

MAX_STUDENTS = 40

QUESTIONS = [
    ("(3x+2)^5", ["5(3x+2)^4", "15(3x+2)^4", "5(3x+2)^5", "15(3x+2)"]),
    ("x^2 sin(x)", ["2x cos(x)", "2x sin x + x^2 cos x", "2x sin x - x^2 cos x", "x^2 cos x"]),
    ("sigmoid(2x+1)", ["sigmoid(2x+1)(1-sigmoid(2x+1))", "2sigmoid(2x+1)", "2 sigmoid(2x+1)"]),
    ("ln(x^2+1)/(x+3)", ["1/(x^2+1)", "2x/(x^2+1)", "(2x(x+3) - ln(x^2+1))/(x+3)^2"]),
    ("e^(3x) cos(2x)", ["3e^(3x) cos 2x", "-6e^(3x) sin(2x)", "e^(3x)(3cos 2x - 2 sin 2x)"]),
    ("tanh(x^2) + x^3", ["2x(1-tanh(x^2)^2) + 3x^2", "1-tanh(x^2)^2 + 3x^2", "2x(1-x^4)+3x^2"]),
    ("sqrt(1 + x^2) ln(x)", ["x/sqrt(1+x^2) ln x + sqrt(1+x^2)/x", "1/(2sqrt(1+x^2)) * 1/x"]),
    ("(2x - 1)^3 / x", ["3(2x-1)^2", "(6(2x-1)^2 x - (2x-1)^3)/x^2", "6(2x-1)^2/x"]),
    ("softplus(3x) - x e^(-x)", ["3sigmoid(3x) - e^(-x) + x e^(-x)", "sigmoid(3x) - e^(-x)"]),
    ("cos(x)^3 + sin(2x)", ["-3cos(x)^2 sin(x) + 2cos(2x)", "3cos(x)^2 + cos(2x)"]),
]
"""One question a round (a new one each round at the default --rounds 3); student i gives
answer i mod len(answers)."""


def pss_kib(pids: list[int]) -> int:
    """Total PSS of `pids` in KiB (from /proc/PID/smaps_rollup)."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pids: list[int], waited: bool = False) -> float:
    """User + system CPU of `pids` (with their reaped children's when `waited`), in seconds."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])
        if waited:
            total += int(fields[13]) + int(fields[14])
    return total / os.sysconf("SC_CLK_TCK")


def pool_cpu(pool: int) -> float:
    """The pool's CPU: its parent, its live workers, and the workers it already reaped."""
    return cpu_seconds([pool], waited=True) + cpu_seconds(children(pool))


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if stat[stat.rfind(")") + 2 :].split()[1] == str(parent):
                found.append(int(entry.name))
    return found


def submit_together(services: list[JudgeService], round_number: int) -> list[float]:
    """Every service checks one answer at the same instant; each one's wait in ms."""
    function, answers = QUESTIONS[round_number % len(QUESTIONS)]
    barrier = threading.Barrier(len(services))
    waits = [0.0] * len(services)

    def student(index: int) -> None:
        answer = answers[index % len(answers)]
        barrier.wait()
        started = time.perf_counter()
        services[index].check_derivative(function, answer)
        waits[index] = (time.perf_counter() - started) * 1000

    threads = [threading.Thread(target=student, args=(i,)) for i in range(len(services))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return waits


def latencies(
    sides: list[list[JudgeService]], counts: list[int], rounds: int
) -> list[dict[int, list[float]]]:
    """Each side's waits per number of simultaneous students; the sides take turns on
    the same question, so a load that comes and goes weighs on both alike."""
    found: list[dict[int, list[float]]] = [{count: [] for count in counts} for _ in sides]
    question = 0
    for count in counts:
        for _ in range(rounds):
            for side, services in enumerate(sides):
                found[side][count] += submit_together(services[:count], question)
            question += 1
    return found


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def start_pool(path: str, workers: int, extra: int = -1) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "derivquest.engine.pool", path, "--parent", str(os.getpid())]
    if workers:
        argv += ["--workers", str(workers)]
    if extra >= 0:
        argv += ["--extra", str(extra)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE)
    assert process.stdout is not None
    for expected in (b"listening\n", b"ready\n"):
        if process.stdout.readline() != expected:
            raise SystemExit("the pool did not start")
    return process


def cache_saving() -> tuple[float, float]:
    """Median CPU ms of the same wrong answers to a question unseen, then seen before."""
    from derivquest.engine import judge

    def forget() -> None:
        judge.QUESTIONS.clear()
        judge._differentiate.cache_clear()
        judge._read_expected.cache_clear()

    def cpu(function: str, answer: str) -> float:
        started = time.thread_time()
        judge.check_derivative(function, answer)
        return (time.thread_time() - started) * 1000

    judge.check_derivative("x*e^x + (3x+2)^5", "5(3x+2)^4 e^x")  # imports and SymPy's warm-up
    cold, warm = [], []
    for _ in range(3):
        for function, answers in QUESTIONS:
            for index, answer in enumerate(answers):
                forget()
                cold.append(cpu(function, answer))
                forget()
                cpu(function, answers[index - 1])  # another student's answer first
                warm.append(cpu(function, answer))
    return statistics.median(cold), statistics.median(warm)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="pool workers (0: one per core)")
    parser.add_argument(
        "--extra", type=int, default=-1, help="pool's extra workers (-1: its default)"
    )
    args = parser.parse_args()
    students = max(1, min(args.students, MAX_STUDENTS))
    counts = sorted({1, min(10, students), students})

    print(f"{students} students, rounds of {', '.join(map(str, counts))} simultaneous submits")
    own = [JudgeService(60.0, pool=False) for _ in range(students)]
    started = time.perf_counter()
    for service in own:
        service.start()
    own_start = time.perf_counter() - started
    own_pids = children(os.getpid())

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "pool.sock")
        started = time.perf_counter()
        pool = start_pool(path, args.workers, args.extra)
        pool_start = time.perf_counter() - started
        try:
            shared = [JudgeService(60.0, pool=path) for _ in range(students)]
            for service in shared:
                service.start()
            time.sleep(0.5)  # the workers are forked once the parent is warm
            pool_pids = [pool.pid, *children(pool.pid)]
            own_cpu, shared_cpu = cpu_seconds(own_pids), pool_cpu(pool.pid)
            own_latency, pool_latency = latencies([own, shared], counts, args.rounds)
            own_cpu = cpu_seconds(own_pids) - own_cpu
            shared_cpu = pool_cpu(pool.pid) - shared_cpu
            own_pss = pss_kib(own_pids)
            pool_pss = pss_kib([pool.pid, *children(pool.pid)])
            for service in [*own, *shared]:
                service.close()
        finally:
            pool.terminate()
            pool.wait()

    print(f"{'':34}{'per-game checkers':>20}{'shared pool':>16}")
    print(f"{'start (wall s)':34}{own_start:>20.2f}{pool_start:>16.2f}")
    for count in counts:
        mine, theirs = own_latency[count], pool_latency[count]
        label = f"verdict, {count} at once: median ms"
        print(f"{label:34}{statistics.median(mine):>20.0f}{statistics.median(theirs):>16.0f}")
        print(f"{'                     p90 ms':34}{p90(mine):>20.0f}{p90(theirs):>16.0f}")
    checks = sum(counts) * args.rounds
    print(
        f"{'checker CPU per check (ms)':34}{own_cpu * 1000 / checks:>20.1f}"
        f"{shared_cpu * 1000 / checks:>16.1f}"
    )
    print(
        f"{'processes':34}{len(own_pids):>20}{len(pool_pids):>16}"
        f"\n{'PSS in all (MiB)':34}{own_pss / 1024:>20.0f}{pool_pss / 1024:>16.0f}"
        f"\n{'PSS per student (MiB)':34}{own_pss / 1024 / students:>20.1f}"
        f"{pool_pss / 1024 / students:>16.1f}"
    )
    cold, warm = cache_saving()
    print(
        f"question cache (CPU ms, in process): unseen question {cold:.1f}, seen {warm:.1f}"
        f" ({100 * (1 - warm / cold):.0f}% saved)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
