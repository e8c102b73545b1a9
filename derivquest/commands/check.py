"""`derivquest check`: judge answers from the command line, one at a time or as JSON lines."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any, TextIO

HELP = """\
Judge whether ANSWER is mathematically EXPECTED (over the reals).

  derivquest check "15(3x+2)^4" "15*(2+3x)^4"
  derivquest check --diff "(3x+2)^5" "5(3x+2)^4"      # expected is d/dx F; names the mistake
  derivquest check --vars w,x,y "2x(wx-y)" "2wx^2 - 2xy"
  derivquest check --jsonl answers.jsonl              # one JSON object per line, - for stdin
  derivquest check --jsonl answers.jsonl --jobs 4     # four checkers at once, same order

Exit status: 0 correct, 1 incorrect, 2 invalid input. With --jsonl: 0 when every line was
judged, 2 when a line could not be read (its output line says why).
"""


MAX_DEADLINE = 60.0
"""Longest --deadline, in seconds: a check that needs longer is not worth waiting for."""

MAX_LINE_BYTES = 100_000
"""Longest --jsonl line (an answer has at most 500 characters); longer lines are refused."""

MAX_VARIABLES = 26
"""Most variables one --jsonl line may declare."""

MAX_JOBS = 64
"""Most checker processes --jobs may start."""

AHEAD = 4
"""Lines read ahead per job: enough to keep every checker busy, never the whole file."""


def default_jobs() -> int:
    """One checker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def register(subcommands: Any) -> None:
    """Add the `check` subcommand."""
    parser = subcommands.add_parser(
        "check",
        help="judge an answer (exit 0 correct, 1 incorrect, 2 invalid)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("texts", nargs="*", metavar="EXPECTED ANSWER", help="expected, answer")
    parser.add_argument("--diff", metavar="F", help="expected is the derivative of F")
    parser.add_argument("--var", default="x", help="variable to differentiate by (default x)")
    parser.add_argument(
        "--vars", default=None, help="comma-separated variable names (default: x, or --var)"
    )
    parser.add_argument("--jsonl", metavar="FILE", help="judge every line of a JSON-lines file")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="with --jsonl: checker processes at once (default: one per core); the output "
        "keeps the input's order",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=1.0,
        help=f"seconds each check may take (default 1, at most {MAX_DEADLINE:g})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handle `derivquest check`."""
    from derivquest.engine import JudgeService

    if not (math.isfinite(args.deadline) and 0 < args.deadline <= MAX_DEADLINE):
        return _usage(
            f"--deadline must be a number of seconds above 0 and at most {MAX_DEADLINE:g},"
            f" not {args.deadline:g}"
        )
    variables = _variables(args.vars, args.var)
    if args.jsonl is not None:
        if args.texts or args.diff:
            return _usage("--jsonl reads everything from the file: give no other answers")
        jobs = default_jobs() if args.jobs is None else args.jobs
        if not 1 <= jobs <= MAX_JOBS:
            return _usage(f"--jobs takes 1 to {MAX_JOBS}, not {jobs}")
        if jobs == 1:
            with JudgeService(args.deadline) as service:
                return _run_jsonl(args.jsonl, _one_by_one(service), sys.stdout)
        checkers = _Checkers(lambda: JudgeService(args.deadline))
        try:
            return _run_jsonl(args.jsonl, _in_parallel(checkers, jobs), sys.stdout)
        finally:
            checkers.close()
    with JudgeService(args.deadline) as service:
        if args.diff is not None:
            if len(args.texts) != 1:
                return _usage("with --diff F give exactly one ANSWER")
            answer = args.texts[0]
            verdict = service.check_derivative(args.diff, answer, args.var, variables)
        else:
            if len(args.texts) != 2:
                return _usage("give EXPECTED and ANSWER (or --diff F ANSWER)")
            answer = args.texts[1]
            verdict = service.check(args.texts[0], answer, variables)
    if args.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False))
    else:
        _print_verdict(verdict, answer, sys.stdout)
    from derivquest.engine.verdict import EXIT_CODES

    return EXIT_CODES[verdict.status]


def _usage(message: str) -> int:
    print(f"derivquest check: {message}", file=sys.stderr)
    return 2


def _variables(names: str | None, variable: str) -> tuple[str, ...]:
    if not names:
        return (variable,)
    return tuple(name.strip() for name in names.split(",") if name.strip())


def _print_verdict(verdict: Any, answer: str, out: TextIO) -> None:
    label = verdict.diagnosis and f"{verdict.status} ({verdict.diagnosis})" or verdict.status
    print(f"{label}: {verdict.message}", file=out)
    if verdict.status == "invalid" and verdict.column is not None:
        print(f"  {answer}", file=out)
        print("  " + " " * (verdict.column - 1) + "^", file=out)
    elif verdict.parsed:
        print("read as:", file=out)
        for line in verdict.parsed.splitlines():
            print(f"  {line}", file=out)


def _lines(path: str) -> Iterator[bytes | None]:
    """Yield each line's bytes, or None for a line longer than MAX_LINE_BYTES (skipped)."""
    if path == "-":
        yield from _capped_lines(sys.stdin.buffer)
        return
    with open(path, "rb") as handle:
        yield from _capped_lines(handle)


def _capped_lines(handle: IO[bytes]) -> Iterator[bytes | None]:
    """Read line by line, never holding more than one capped line: a huge line is skipped."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


Line = tuple[bytes | None, int]
"""A line's bytes (None: too long) and its number."""

Judging = Callable[[Iterable[Line]], Iterator[dict[str, Any]]]
"""Judges lines and yields their results in the lines' order."""


def _one_by_one(service: Any) -> Judging:
    """Every line in turn, in one checker."""

    def judge(lines: Iterable[Line]) -> Iterator[dict[str, Any]]:
        for raw, number in lines:
            yield _judge_raw(raw, number, service)

    return judge


class _Checkers:
    """One checker per thread of the pool, started on the thread's first line."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Any] = []

    def mine(self) -> Any:
        service = getattr(self._local, "service", None)
        if service is None:
            service = self._make()
            self._local.service = service
            with self._lock:
                self._all.append(service)
        return service

    def close(self) -> None:
        with self._lock:
            for service in self._all:
                service.close()
            self._all.clear()


def _in_parallel(checkers: _Checkers, jobs: int) -> Judging:
    """Lines judged `jobs` at a time, each in its own thread's checker, results in order.

    Each line is still judged on its own, by one checker, with the full deadline.
    """

    def judge_one(raw: bytes | None, number: int) -> dict[str, Any]:
        return _judge_raw(raw, number, checkers.mine())

    def judge(lines: Iterable[Line]) -> Iterator[dict[str, Any]]:
        with ThreadPoolExecutor(jobs, thread_name_prefix="derivquest-check") as executor:
            pending: deque[Future[dict[str, Any]]] = deque()
            for raw, number in lines:
                pending.append(executor.submit(judge_one, raw, number))
                while len(pending) >= jobs * AHEAD or (pending and pending[0].done()):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    return judge


def _run_jsonl(path: str, judge: Judging, out: TextIO) -> int:
    """Judge each JSON line on its own; output lines keep the input order, one per non-blank line.

    A line that cannot be read (not UTF-8, not JSON, nested too deeply, wrong types, too
    long) gets an `invalid` output line with its number, and the lines after it are judged.
    """
    status = 0
    lines = (
        (raw, number)
        for number, raw in enumerate(_lines(path), start=1)
        if raw is None or raw.strip()
    )
    try:
        for result in judge(lines):
            if "error" in result:
                status = 2
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
    except OSError as error:
        print(f"derivquest check: cannot read {path}: {error.strerror}", file=sys.stderr)
        return 2
    return status


def _judge_raw(raw: bytes | None, number: int, service: Any) -> dict[str, Any]:
    """Decode, read and judge one line; whatever is wrong with it stays with this line."""
    if raw is None:
        return _line_error(number, f"longer than {MAX_LINE_BYTES} bytes")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _line_error(number, f"not UTF-8 text (byte {error.start + 1})")
    try:
        return _judge_line(line, number, service)
    except RecursionError:
        return _line_error(number, "nested too deeply")
    except MemoryError:
        return _line_error(number, "too large to read")


def _judge_line(line: str, number: int, service: Any) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return _line_error(number, f"not valid JSON ({error.msg})")
    except ValueError:  # the only other one: an integer with more digits than Python reads
        return _line_error(number, "not valid JSON (a number with too many digits)")
    if not isinstance(item, dict):
        return _line_error(number, "each line must be a JSON object")
    answer = item.get("answer")
    variables = item.get("vars", ["x"])
    if isinstance(variables, str):
        variables = [name.strip() for name in variables.split(",")]
    if not isinstance(answer, str) or not isinstance(variables, list):
        return _line_error(number, "needs a string 'answer' and optional 'vars' (a list)")
    if not all(isinstance(name, str) for name in variables):
        return _line_error(number, "'vars' must be a list of names")
    if len(variables) > MAX_VARIABLES:
        return _line_error(number, f"'vars' may name at most {MAX_VARIABLES} variables")
    variable = item.get("var", variables[0] if variables else "x")
    if not isinstance(variable, str):
        return _line_error(number, "'var' must be a name (a string)")
    if isinstance(item.get("function"), str):
        verdict = service.check_derivative(item["function"], answer, variable, variables)
    elif isinstance(item.get("expected"), str):
        verdict = service.check(item["expected"], answer, variables)
    else:
        return _line_error(number, "needs a string 'expected' or 'function'")
    data = verdict.to_dict()
    # Every field `--json` gives (the witness, slips, reading notes, fingerprint...), with
    # the status under the name a --jsonl line has always used.
    return {"verdict": data.pop("status"), **data}


def _line_error(number: int, message: str) -> dict[str, Any]:
    return {
        "verdict": "invalid",
        "message": f"line {number}: {message}",
        "diagnosis": None,
        "parsed": None,
        "column": None,
        "elapsed_ms": 0.0,
        "error": True,
    }
