"""`derivquest check`: judge answers from the command line, one at a time or as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO, Any, TextIO

HELP = """\
Judge whether ANSWER is mathematically EXPECTED (over the reals).

  derivquest check "15(3x+2)^4" "15*(2+3x)^4"
  derivquest check --diff "(3x+2)^5" "5(3x+2)^4"      # expected is d/dx F; names the mistake
  derivquest check --vars w,x,y "2x(wx-y)" "2wx^2 - 2xy"
  derivquest check --jsonl answers.jsonl              # one JSON object per line, - for stdin

Exit status: 0 correct, 1 incorrect, 2 invalid input. With --jsonl: 0 when every line was
judged, 2 when a line could not be read (its output line says why).
"""


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
        "--deadline", type=float, default=1.0, help="seconds each check may take (default 1)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Handle `derivquest check`."""
    from derivquest.engine import JudgeService

    if args.deadline <= 0:
        return _usage("--deadline must be a positive number of seconds")
    variables = _variables(args.vars, args.var)
    if args.jsonl is not None:
        if args.texts or args.diff:
            return _usage("--jsonl reads everything from the file: give no other answers")
        with JudgeService(args.deadline) as service:
            return _run_jsonl(args.jsonl, service, sys.stdout)
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


def _lines(path: str) -> Iterator[str]:
    if path == "-":
        yield from sys.stdin
        return
    handle: IO[str]
    with open(path, encoding="utf-8") as handle:
        yield from handle


def _run_jsonl(path: str, service: Any, out: TextIO) -> int:
    """Judge each JSON line; output lines keep the input order, one per non-blank line."""
    status = 0
    try:
        lines = _lines(path)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            result = _judge_line(line, number, service)
            if "error" in result:
                status = 2
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
    except OSError as error:
        print(f"derivquest check: cannot read {path}: {error.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"derivquest check: {path} is not UTF-8 text", file=sys.stderr)
        return 2
    return status


def _judge_line(line: str, number: int, service: Any) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return _line_error(number, f"not valid JSON ({error.msg})")
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
    if isinstance(item.get("function"), str):
        variable = item.get("var", variables[0] if variables else "x")
        verdict = service.check_derivative(item["function"], answer, str(variable), variables)
    elif isinstance(item.get("expected"), str):
        verdict = service.check(item["expected"], answer, variables)
    else:
        return _line_error(number, "needs a string 'expected' or 'function'")
    data = verdict.to_dict()
    return {
        "verdict": data["status"],
        "message": data["message"],
        "diagnosis": data["diagnosis"],
        "parsed": data["parsed"],
        "column": data["column"],
        "elapsed_ms": data["elapsed_ms"],
    }


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
