"""Benchmark the judge against a naive SymPy checker on the same labelled corpus, same run.

    python bench/judge_bench.py [--rounds 3] [--baseline-timeout 5]

The baseline is what most checkers do: ``parse_expr`` (which runs ``eval``) then
``simplify(a - b) == 0``, given every courtesy (``^`` as power, implicit multiplication).
Each side runs in its own killable worker process, so a baseline hang counts as a timeout
(at its full timeout in the latency figures) instead of freezing the benchmark.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import CORPUS, Item  # noqa: E402

from derivquest.engine import JudgeService  # noqa: E402


@dataclass
class Tally:
    """Outcomes and latencies of one checker over the corpus."""

    name: str
    right: int = 0
    false_accepts: list[str] = field(default_factory=list)
    false_rejects: list[str] = field(default_factory=list)
    timeouts: int = 0
    latencies_ms: list[float] = field(default_factory=list)

    def record(self, item: Item, verdict: str, elapsed_ms: float) -> None:
        truth = item[4]
        self.latencies_ms.append(elapsed_ms)
        label = f"{item[1][:30]!r} vs {item[2][:30]!r}"
        accepted = verdict == "correct"
        if accepted == (truth == "correct"):
            self.right += 1
        elif accepted:
            self.false_accepts.append(label)
        else:
            self.false_rejects.append(label)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_ours(rounds: int) -> Tally:
    tally = Tally("DerivQuest judge")
    with JudgeService() as service:
        service.start()
        for round_number in range(rounds):
            for item in CORPUS:
                kind, expected, answer, variables, _ = item
                if kind == "diff":
                    verdict = service.check_derivative(
                        expected, answer, variables[0] if "w" not in variables else "w", variables
                    )
                else:
                    verdict = service.check(expected, answer, variables)
                if round_number == rounds - 1:
                    tally.record(item, verdict.status, verdict.elapsed_ms)
                else:
                    tally.latencies_ms.append(verdict.elapsed_ms)
    return tally


def _naive_worker(connection: multiprocessing.connection.Connection) -> None:
    """The baseline: exactly what a naive SymPy checker does (eval included)."""
    import sympy
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    transformations = (*standard_transformations, implicit_multiplication_application, convert_xor)
    connection.send("ready")
    while True:
        request = connection.recv()
        if request is None:
            return
        kind, expected, answer, variables = request
        try:
            names = {name: sympy.Symbol(name) for name in variables}
            given = parse_expr(answer, local_dict=names, transformations=transformations)
            target = parse_expr(expected, local_dict=names, transformations=transformations)
            if kind == "diff":
                target = sympy.diff(target, names["w" if "w" in names else "x"])
            connection.send("correct" if sympy.simplify(given - target) == 0 else "incorrect")
        except Exception:
            connection.send("invalid")


def run_naive(timeout: float) -> Tally:
    tally = Tally("naive parse_expr + simplify")
    context = multiprocessing.get_context("fork")

    def start() -> tuple[
        multiprocessing.process.BaseProcess, multiprocessing.connection.Connection
    ]:
        parent, child = context.Pipe()
        process = context.Process(target=_naive_worker, args=(child,), daemon=True)
        process.start()
        parent.recv()
        return process, parent

    process, connection = start()
    for item in CORPUS:
        kind, expected, answer, variables, _ = item
        started = time.perf_counter()
        connection.send((kind, expected, answer, variables))
        if connection.poll(timeout):
            verdict = connection.recv()
        else:
            verdict = "timeout"
            tally.timeouts += 1
            process.kill()
            process.join()
            process, connection = start()
        tally.record(item, verdict, (time.perf_counter() - started) * 1000)
    connection.send(None)
    process.join(timeout=2)
    return tally


def report(tallies: list[Tally]) -> None:
    total = len(CORPUS)
    rows = [
        ("items", lambda t: str(total)),
        ("accuracy", lambda t: f"{100 * t.right / total:.1f}%"),
        ("false accepts", lambda t: str(len(t.false_accepts))),
        ("false rejects", lambda t: str(len(t.false_rejects))),
        ("timeouts", lambda t: str(t.timeouts)),
        ("median ms", lambda t: f"{statistics.median(t.latencies_ms):.2f}"),
        ("p99 ms", lambda t: f"{t.percentile(0.99):.2f}"),
        ("max ms", lambda t: f"{max(t.latencies_ms):.2f}"),
    ]
    width = max(len(t.name) for t in tallies) + 2
    print(f"{'':16}" + "".join(f"{t.name:>{width}}" for t in tallies))
    for label, value in rows:
        print(f"{label:16}" + "".join(f"{value(t):>{width}}" for t in tallies))
    for tally in tallies:
        for kind, items in (
            ("false accept", tally.false_accepts),
            ("false reject", tally.false_rejects),
        ):
            for item in items:
                print(f"  {tally.name}: {kind}: {item}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="passes over the corpus for our judge"
    )
    parser.add_argument(
        "--baseline-timeout", type=float, default=5.0, help="seconds per baseline item"
    )
    args = parser.parse_args()
    ours = run_ours(args.rounds)
    naive = run_naive(args.baseline_timeout)
    report([ours, naive])
    ratio = ours.percentile(0.99) / naive.percentile(0.99)
    print(f"\np99 ratio (ours / naive): {ratio:.3f}  (target: under 0.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
