"""Benchmark the judge on multivariable ML gradients and traps, beside a naive SymPy checker.

    python bench/judge_v2_bench.py [--rounds 2] [--baseline-timeout 5] [--notation] [--tag T]

The corpus is ``bench/judge_corpus_v2.toml``: questions (d/dw of a neuron's loss, sigmoid,
tanh, relu, softmax, kinks, roots and logs with domains, far kinks, oscillating traps), each
with answers labelled correct or incorrect. Our judge runs in its ``JudgeService`` worker
process with the game's deadline; the baseline is what most checkers do, ``parse_expr``
(which runs ``eval``; here only on the corpus's own trusted text) then
``simplify(a - b) == 0``, in a killable process of its own. Latency is the time each side
reports for the judgement itself (our verdict's ``elapsed_ms``; the baseline's own clock),
so process round trips are left out of both.

Two more columns run our judge in this process and time it in CPU seconds, which a busy
shared machine does not inflate: the whole judgement, and the equivalence decision alone
(sampling; no parsing, no derivative, no mistake diagnosis). Wrong answers cost more than
right ones because the judge then looks for the classic mistake that explains them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time
import tomllib
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import sympy

from derivquest.engine import JudgeService, judge
from derivquest.engine.equivalence import compare
from derivquest.engine.errors import EngineError
from derivquest.engine.judge import UNDECIDED
from derivquest.engine.parser import parse

CORPUS = Path(__file__).with_name("judge_corpus_v2.toml")

DEADLINE_MESSAGE = "took too long"


@dataclass(frozen=True)
class Item:
    """One labelled answer."""

    tag: str
    kind: str
    expected: str
    answer: str
    var: str
    variables: tuple[str, ...]
    truth: str

    def label(self) -> str:
        where = f"d/d{self.var} " if self.kind == "diff" else ""
        return f"[{self.tag}] {where}{self.expected} :: {self.answer}"


def load(notation: bool, tags: list[str]) -> tuple[list[Item], int]:
    """Return the corpus items, and how many notation items were left out."""
    groups: list[dict[str, Any]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["group"]
    items: list[Item] = []
    skipped = 0
    for group in groups:
        if tags and group["tag"] not in tags:
            continue
        for truth in ("correct", "incorrect"):
            for answer in group.get(truth, []):
                if group.get("notation") and not notation:
                    skipped += 1
                    continue
                items.append(
                    Item(
                        group["tag"],
                        group["kind"],
                        group["expected"],
                        answer,
                        group.get("var", "x"),
                        tuple(group["vars"]),
                        truth,
                    )
                )
    return items, skipped


@dataclass
class Tally:
    """Outcomes and latencies of one checker over the corpus."""

    name: str
    right: int = 0
    false_accepts: list[str] = field(default_factory=list)
    false_rejects: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    truths: list[str] = field(default_factory=list)

    def record(self, item: Item, verdict: str, elapsed_ms: float, undecided: bool) -> None:
        self.latencies_ms.append(elapsed_ms)
        self.truths.append(item.truth)
        if verdict == "timeout":
            self.timeouts.append(item.label())
        if undecided:
            self.undecided.append(item.label())
        accepted = verdict == "correct"
        if accepted == (item.truth == "correct"):
            self.right += 1
        elif accepted:
            self.false_accepts.append(item.label())
        else:
            self.false_rejects.append(item.label())

    def percentile(self, q: float, truth: str | None = None) -> float:
        ordered = sorted(
            ms for ms, t in zip(self.latencies_ms, self.truths, strict=True) if truth in (None, t)
        )
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_ours(items: list[Item], rounds: int) -> Tally:
    """Judge every item ``rounds`` times; outcomes come from the last round."""
    tally = Tally("judge (worker, wall)")
    with JudgeService() as service:
        service.start()
        for round_number in range(rounds):
            for item in items:
                if item.kind == "diff":
                    verdict = service.check_derivative(
                        item.expected, item.answer, item.var, item.variables
                    )
                else:
                    verdict = service.check(item.expected, item.answer, item.variables)
                timed_out = verdict.status == "invalid" and DEADLINE_MESSAGE in verdict.message
                if round_number == rounds - 1:
                    tally.record(
                        item,
                        "timeout" if timed_out else verdict.status,
                        verdict.elapsed_ms,
                        verdict.message.startswith(UNDECIDED),
                    )
    return tally


def run_in_process(items: list[Item], rounds: int) -> tuple[Tally, Tally]:
    """The same judgements in this process, timed in CPU seconds (a shared machine's load
    does not count), and the equivalence decision alone (sampling, no parsing, no diagnosis)."""
    whole = Tally("judge (in-process, CPU)")
    alone = Tally("equivalence only (CPU)")
    for round_number in range(rounds):
        for item in items:
            started = time.process_time()
            if item.kind == "diff":
                verdict = judge.check_derivative(
                    item.expected, item.answer, item.var, item.variables
                )
            else:
                verdict = judge.check(item.expected, item.answer, item.variables)
            spent = (time.process_time() - started) * 1000
            comparison, compare_ms = _compare_only(item)
            if round_number == rounds - 1:
                whole.record(item, verdict.status, spent, verdict.message.startswith(UNDECIDED))
                alone.record(item, comparison, compare_ms, comparison == "unknown")
    return whole, alone


def _compare_only(item: Item) -> tuple[str, float]:
    """Parse and differentiate untimed, then time ``compare`` alone."""
    try:
        expected = parse(item.expected, item.variables)
        answer = parse(item.answer, item.variables)
    except EngineError:
        return "invalid", 0.0
    target = expected.expr
    if item.kind == "diff":
        target = sympy.diff(target, expected.symbols[item.var])
    started = time.process_time()
    outcome = compare(target, answer.expr, list(expected.symbols.values())).outcome
    spent = (time.process_time() - started) * 1000
    return {"equal": "correct", "different": "incorrect"}.get(outcome, "unknown"), spent


def _naive_worker(connection: Connection) -> None:
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
        kind, expected, answer, var, variables = request
        started = time.perf_counter()
        try:
            names = {name: sympy.Symbol(name, real=True) for name in variables}
            names.update(sigmoid=lambda u: 1 / (1 + sympy.exp(-u)), step=sympy.Heaviside)
            names.update(relu=lambda u: sympy.Max(0, u), σ=names["sigmoid"], E=sympy.E)
            given = parse_expr(answer, local_dict=names, transformations=transformations)
            target = parse_expr(expected, local_dict=names, transformations=transformations)
            if kind == "diff":
                target = sympy.diff(target, names[var])
            verdict = "correct" if sympy.simplify(given - target) == 0 else "incorrect"
        except Exception:
            verdict = "invalid"
        connection.send((verdict, (time.perf_counter() - started) * 1000))


def run_naive(items: list[Item], timeout: float) -> Tally:
    tally = Tally("naive parse_expr+simplify")
    context = multiprocessing.get_context("fork")

    def start() -> tuple[multiprocessing.process.BaseProcess, Connection]:
        parent, child = context.Pipe()
        process = context.Process(target=_naive_worker, args=(child,), daemon=True)
        process.start()
        parent.recv()
        return process, parent

    process, connection = start()
    for item in items:
        # The baseline cannot read |x|, √ or the middle dot: give it the usual spellings.
        answer = item.answer.replace("·", "*").replace("σ", "sigmoid").replace("√", "sqrt")
        connection.send((item.kind, item.expected, answer, item.var, item.variables))
        if connection.poll(timeout):
            verdict, elapsed_ms = connection.recv()
        else:
            verdict, elapsed_ms = "timeout", timeout * 1000
            process.kill()
            process.join()
            process, connection = start()
        tally.record(item, verdict, elapsed_ms, undecided=False)
    connection.send(None)
    process.join(timeout=2)
    return tally


def report(tallies: list[Tally], total: int) -> None:
    rows = [
        ("items", lambda t: str(total)),
        ("accuracy", lambda t: f"{100 * t.right / total:.1f}%"),
        ("false accepts", lambda t: str(len(t.false_accepts))),
        ("false rejects", lambda t: str(len(t.false_rejects))),
        ("could not decide", lambda t: str(len(t.undecided))),
        ("timeouts", lambda t: str(len(t.timeouts))),
        ("median ms", lambda t: f"{statistics.median(t.latencies_ms):.2f}"),
        ("p99 ms", lambda t: f"{t.percentile(0.99):.2f}"),
        ("max ms", lambda t: f"{max(t.latencies_ms):.2f}"),
        ("median, right ones", lambda t: f"{t.percentile(0.5, 'correct'):.2f}"),
        ("p99, right ones", lambda t: f"{t.percentile(0.99, 'correct'):.2f}"),
        ("median, wrong ones", lambda t: f"{t.percentile(0.5, 'incorrect'):.2f}"),
        ("p99, wrong ones", lambda t: f"{t.percentile(0.99, 'incorrect'):.2f}"),
    ]
    width = max(len(t.name) for t in tallies) + 2
    print(f"{'':20}" + "".join(f"{t.name:>{width}}" for t in tallies))
    for label, value in rows:
        print(f"{label:20}" + "".join(f"{value(t):>{width}}" for t in tallies))
    for tally in tallies:
        for kind, labels in (
            ("false accept", tally.false_accepts),
            ("false reject", tally.false_rejects),
            ("could not decide", tally.undecided),
            ("timeout", tally.timeouts),
        ):
            for label in labels[:40]:
                print(f"  {tally.name}: {kind}: {label}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=2, help="passes for our judge (warm-up)")
    parser.add_argument(
        "--baseline-timeout", type=float, default=5.0, help="seconds per baseline item"
    )
    parser.add_argument(
        "--notation", action="store_true", help="include LaTeX and 'dL/dw =' answers"
    )
    parser.add_argument("--tag", action="append", default=[], help="only these groups")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive checker")
    args = parser.parse_args()
    items, skipped = load(args.notation, args.tag)
    print(f"corpus: {len(items)} answers ({skipped} notation answers left out)\n")
    tallies = [run_ours(items, max(1, args.rounds)), *run_in_process(items, max(1, args.rounds))]
    if not args.no_baseline:
        tallies.append(run_naive(items, args.baseline_timeout))
    report(tallies, len(items))
    print("\ntargets: 0 false accepts, 0 could not decide, median < 5 ms, p99 < 50 ms, 0 timeouts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
