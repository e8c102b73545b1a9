"""Benchmark keystroke-to-preview latency of the answer box against a plain echo, same run.

    python bench/preview_bench.py [--tail 20] [--timeout 5]

Target: a keystroke updates the preview in under 50 ms for ordinary answers (the preview may
parse on the UI thread only if it is that fast; otherwise it belongs in the worker).

Part 1 times ``render_preview(text, variables)`` (parse + pretty print, or the error with its
caret) for every prefix of each answer, as if typed character by character: ordinary answers,
and long but legal ones of about 400 characters. SymPy's cache is cleared before each answer
(a new answer shares nothing with the last one); the pretty printer is warmed up first, and the
very first answer of a fresh process is timed on its own. ``parse`` alone, timed the same way,
is the figure beside it: what is left once the pretty printing is gone.

Part 2 drives the real widget in a headless 80x24 app (``App.run_test``) with the Pilot: each
keystroke is timed from the call to ``pilot.press`` until the compositor paints the preview
``Static`` with that keystroke's text (a spy on the ``Static``'s ``render_lines``; the widget is
not changed). Contenders, in the same run and on the same keystrokes:

- baseline: a plain ``Input`` whose ``Changed`` handler copies the text into a ``Static``
  (what a keystroke costs with no parsing at all);
- ``AnswerInput`` as shipped (the preview is built in a worker thread);
- ``AnswerInput`` with the preview built on the UI thread (a subclass defined here).

Ordinary answers are typed whole; long answers are set to all but their last ``--tail``
characters, which are then typed. Only keystrokes that change the preview are timed (a space
after ``x`` shows the same preview, so nothing is painted). Headless means nothing is written
to a terminal: a real terminal adds the write of the changed lines. Prints figures; no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sympy.core.cache import clear_cache
from textual import on
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from derivquest.engine import EngineError, parse
from derivquest.ui.widgets.answer_input import AnswerInput, render_preview

TARGET_MS = 50.0

Answer = tuple[str, tuple[str, ...]]
"""What is typed, and the question's variables."""

ORDINARY: list[Answer] = [
    ("15(3x+2)^4", ("x",)),
    ("e^x(1+x)", ("x",)),
    ("sigmoid(x)(1-sigmoid(x))", ("x",)),
    ("2x(wx-y)", ("w", "x", "y")),
    ("3x^2 - 4x + 5", ("x",)),
    ("(x cos x - sin x)/x^2", ("x",)),
    ("1 - tanh^2 x", ("x",)),
    ("2(wx-y)x", ("w", "x", "y")),
]

TERMS = [
    "3x^2",
    "4x",
    "sin(2x)",
    "e^x(1+x)",
    "15(3x+2)^4",
    "x cos x",
    "sigmoid(x)(1-sigmoid(x))",
    "ln(x^2+1)",
    "tanh^2 x",
    "sqrt(x)/x",
    "(x cos x - sin x)/x^2",
    "relu(x)",
]
"""Ordinary pieces the long answers are made of."""


def joined(separator: str, limit: int) -> str:
    """As many of TERMS (cycling) as fit in ``limit`` characters."""
    text, index = "", 0
    while True:
        longer = (text + separator if text else "") + TERMS[index % len(TERMS)]
        if len(longer) > limit:
            return text
        text, index = longer, index + 1


def nested(limit: int) -> str:
    """Functions of sums nested as deep as the parser allows, within ``limit`` characters."""
    functions = ("sin", "cos", "ln", "sqrt", "tanh", "sigmoid", "exp")
    best = "x"
    for depth in range(1, 60):
        inner = "x"
        for level in range(depth):
            inner = f"{functions[level % len(functions)]}({level + 2}x^2 + {inner})"
        if len(inner) > limit or not _legal(inner, ("x",)):
            break
        best = inner
    return best


def _legal(text: str, variables: Sequence[str]) -> bool:
    try:
        parse(text, variables)
    except EngineError:
        return False
    return True


def long_answers() -> list[Answer]:
    """About 400 characters each: a long sum, a long quotient, deep nesting."""
    return [
        (joined(" + ", 400), ("x",)),
        (f"({joined(' + ', 197)})/({joined(' - ', 197)})", ("x",)),
        (nested(400), ("x",)),
    ]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(values: Sequence[float], prefix: str = "") -> list[tuple[str, str]]:
    """Median, p99, max and how many are over the target, as (row label, cell) pairs."""
    labels = [f"{prefix}median ms", f"{prefix}p99 ms", f"{prefix}max ms"]
    labels.append(f"{prefix}over {TARGET_MS:.0f} ms")
    if not values:
        return [(label, "-") for label in labels]
    cells = [statistics.median(values), percentile(values, 0.99), max(values)]
    over = sum(value > TARGET_MS for value in values)
    return [*zip(labels, [f"{cell:.2f}" for cell in cells], strict=False), (labels[3], str(over))]


def print_table(title: str, columns: list[tuple[str, list[tuple[str, str]]]]) -> None:
    """One column per contender; every column has the same row labels."""
    width = max(22, *(len(name) + 2 for name, _ in columns))
    labels = [label for label, _ in columns[0][1]]
    label_width = max(len(label) for label in labels) + 2
    print(title)
    print(" " * label_width + "".join(f"{name:>{width}}" for name, _ in columns))
    for index, label in enumerate(labels):
        cells = "".join(f"{rows[index][1]:>{width}}" for _, rows in columns)
        print(f"{label:{label_width}}{cells}")


# -- part 1: render_preview directly ---------------------------------------------------------


def time_prefixes(
    answers: list[Answer], function: Callable[[str, tuple[str, ...]], object]
) -> list[float]:
    """Milliseconds of ``function(prefix, variables)`` for every prefix of every answer."""
    timings = []
    for text, variables in answers:
        clear_cache()
        for end in range(1, len(text) + 1):
            started = time.perf_counter()
            function(text[:end], variables)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def parse_only(text: str, variables: tuple[str, ...]) -> object:
    """Parse without the pretty print; an error is a result too."""
    try:
        return parse(text, variables)
    except EngineError as error:
        return error


COLD = """
import json, time
from derivquest.ui.widgets.answer_input import render_preview
timings = []
for end in range(1, len(TEXT) + 1):
    started = time.perf_counter()
    render_preview(TEXT[:end], ("x",))
    timings.append((time.perf_counter() - started) * 1000)
print(json.dumps(timings))
"""
"""The first answer typed in a fresh process (the game imports the same modules at start)."""


def cold_first_answer(text: str) -> list[float]:
    """Milliseconds per keystroke of ``text`` typed first thing in a fresh process."""
    source = f"TEXT = {text!r}\n{COLD}"
    result = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        print(f"cold run failed: {result.stderr.strip()[-300:]}")
        return []
    timings: list[float] = json.loads(result.stdout)
    return timings


def part_one(ordinary: list[Answer], long: list[Answer]) -> None:
    """Time render_preview (and parse alone) per keystroke and print the table."""
    cold = cold_first_answer(ordinary[0][0])
    time_prefixes(ordinary, render_preview)  # warm the printer and the code paths, untimed
    results = {
        "ordinary": time_prefixes(ordinary, render_preview),
        "ordinary, parse only": time_prefixes(ordinary, parse_only),
        "long": time_prefixes(long, render_preview),
        "long, parse only": time_prefixes(long, parse_only),
    }
    print_table(
        f"Part 1: render_preview per keystroke, every prefix of {len(ordinary)} ordinary "
        f"answers and {len(long)} long ones (SymPy cache cleared before each answer)",
        [
            (name, [("keystrokes", str(len(values))), *summary(values)])
            for name, values in results.items()
        ],
    )
    for text, variables in long:
        timings = time_prefixes([(text, variables)], render_preview)
        print(
            f"  long answer of {len(text)} characters, {text[:28]!r}...: "
            f"median {statistics.median(timings):.1f} ms, max {max(timings):.0f} ms"
        )
    if cold:
        steps = " ".join(f"{value:.0f}" for value in cold)
        print(
            f"  first answer in a fresh process, {ordinary[0][0]!r}, ms per keystroke: {steps}"
            f"  (max {max(cold):.0f})"
        )


# -- part 2: the widget, driven by the Pilot -----------------------------------------------


class EchoApp(App[None]):
    """Baseline: an Input and a Static that shows whatever was typed; no parsing."""

    def compose(self) -> ComposeResult:
        yield Input(id="answer")
        yield Static("", id="preview", markup=False)

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        self.query_one("#preview", Static).update(event.value)


class UiThreadAnswerInput(AnswerInput):
    """The shipped widget, but the preview is built on the UI thread, in the key handler."""

    def _request_preview(self, text: str) -> None:
        self._generation += 1
        self._show_preview(render_preview(text, self.variables), self._generation)


class AnswerApp(App[None]):
    """Hosts one answer box, as the question screen does."""

    def __init__(self, widget: Callable[[], AnswerInput]) -> None:
        super().__init__()
        self._widget = widget

    def compose(self) -> ComposeResult:
        yield self._widget()


@dataclass
class PaintSpy:
    """Records when the compositor paints a widget, and what the widget held then."""

    widget: Widget
    read: Callable[[], str]
    """What the widget shows now (the Static's content, the Input's value)."""
    paints: list[tuple[float, str]] = field(default_factory=list)

    def install(self) -> None:
        """Wrap this widget's ``render_lines`` (the compositor's call to paint it)."""
        original = self.widget.render_lines

        def render_lines(crop: Region) -> list[Strip]:
            lines = original(crop)
            self.paints.append((time.perf_counter(), self.read()))
            return lines

        self.widget.render_lines = render_lines  # type: ignore[method-assign]

    async def wait_for(self, content: str, since: float, timeout: float) -> float | None:
        """Milliseconds from ``since`` to the first paint of ``content``; None on timeout."""
        while True:
            for painted_at, painted in self.paints:
                if painted_at >= since and painted == content:
                    return (painted_at - since) * 1000
            if time.perf_counter() - since > timeout:
                return None
            await asyncio.sleep(0.001)


@dataclass(frozen=True)
class Planned:
    """One answer to type: start from ``start`` and time the keystrokes ending at ``timed``."""

    group: str
    text: str
    variables: tuple[str, ...]
    start: str
    timed: frozenset[int]


@dataclass
class Contender:
    """One app under test, and what its preview should show for a given text."""

    name: str
    make_app: Callable[[], App[None]]
    expected: Callable[[str, tuple[str, ...]], str]
    preview_ms: dict[str, list[float]] = field(default_factory=dict)
    """Key press to the preview painted with the new text, per group of answers."""
    echo_ms: dict[str, list[float]] = field(default_factory=dict)
    """Key press to the input box painted with the new text (is typing still responsive?)."""
    missed: int = 0
    slowest: dict[str, tuple[float, str]] = field(default_factory=dict)
    """Per group, the slowest preview and the text it was for."""


async def drive(contender: Contender, plan: list[Planned], timeout: float) -> None:
    """Type each planned answer in the contender's app; time the planned keystrokes."""
    app = contender.make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one("#answer", Input)
        static = app.query_one("#preview", Static)
        preview = PaintSpy(static, lambda: str(static.content))
        echo = PaintSpy(box, lambda: box.value)
        preview.install()
        echo.install()
        for item in plan:
            for answer_input in app.query(AnswerInput):
                answer_input.variables = item.variables
            clear_cache()
            preview.paints.clear()
            since = time.perf_counter()
            box.value = item.start
            box.cursor_position = len(item.start)
            await preview.wait_for(contender.expected(item.start, item.variables), since, timeout)
            await pilot.pause(0.05)
            previews = contender.preview_ms.setdefault(item.group, [])
            echoes = contender.echo_ms.setdefault(item.group, [])
            for end in range(len(item.start) + 1, len(item.text) + 1):
                preview.paints.clear()
                echo.paints.clear()
                since = time.perf_counter()
                await pilot.press(item.text[end - 1])
                if end not in item.timed:
                    await pilot.pause(0.05)
                    continue
                expected = contender.expected(item.text[:end], item.variables)
                preview_ms = await preview.wait_for(expected, since, timeout)
                echo_ms = await echo.wait_for(item.text[:end], since, timeout)
                if preview_ms is None or echo_ms is None:
                    contender.missed += 1
                    continue
                previews.append(preview_ms)
                if preview_ms > contender.slowest.get(item.group, (0.0, ""))[0]:
                    contender.slowest[item.group] = (preview_ms, item.text[:end])
                echoes.append(echo_ms)


def preview_body(text: str, variables: tuple[str, ...]) -> str:
    """What the AnswerInput's preview shows for ``text``."""
    return render_preview(text, variables).body


def make_plan(ordinary: list[Answer], long: list[Answer], tail: int) -> list[Planned]:
    """Every keystroke of the ordinary answers; the last ``tail`` ones of the long answers."""
    plan = []
    for group, answers in (("ordinary", ordinary), ("long", long)):
        for text, variables in answers:
            start = "" if group == "ordinary" else text[: max(0, len(text) - tail)]
            bodies = [preview_body(text[:end], variables) for end in range(len(text) + 1)]
            changed = (end for end in range(len(start) + 1, len(text) + 1))
            timed = frozenset(end for end in changed if bodies[end] != bodies[end - 1])
            plan.append(Planned(group, text, variables, start, timed))
    return plan


def part_two(ordinary: list[Answer], long: list[Answer], tail: int, timeout: float) -> None:
    """Type the answers into each contender's app and print the tables."""
    plan = make_plan(ordinary, long, tail)
    contenders = [
        Contender("plain Input -> Static", EchoApp, lambda text, _: text),
        Contender("AnswerInput (worker)", lambda: AnswerApp(AnswerInput), preview_body),
        Contender("AnswerInput (UI thread)", lambda: AnswerApp(UiThreadAnswerInput), preview_body),
    ]
    for contender in contenders:
        asyncio.run(drive(contender, plan, timeout))
    for group in ("ordinary", "long"):
        what = "every keystroke" if group == "ordinary" else f"the last {tail} keystrokes"
        print()
        print_table(
            f"Part 2: key press to paint in a headless 80x24 app, {group} answers "
            f"({what} that change the preview)",
            [
                (
                    c.name,
                    [
                        ("keystrokes", str(len(c.preview_ms.get(group, [])))),
                        *summary(c.preview_ms.get(group, []), "preview "),
                        *summary(c.echo_ms.get(group, []), "typed text ")[:3],
                    ],
                )
                for c in contenders
            ],
        )
    for contender in contenders:
        for group, (slowest_ms, text) in contender.slowest.items():
            shown = text if len(text) <= 40 else f"...{text[-37:]}"
            print(f"  {contender.name}, slowest {group} preview: {slowest_ms:.0f} ms for {shown!r}")
        if contender.missed:
            print(f"  {contender.name}: {contender.missed} keystrokes not painted in {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tail", type=int, default=20, help="keystrokes typed at the end of each long answer"
    )
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="seconds to wait for one preview"
    )
    args = parser.parse_args()
    long = long_answers()
    for text, variables in long:
        if not _legal(text, variables):
            print(f"note: a long answer does not parse: {text[:60]!r}...")
    part_one(ORDINARY, long)
    part_two(ORDINARY, long, args.tail, args.timeout)
    print(f"\ntarget: under {TARGET_MS:.0f} ms per keystroke for ordinary answers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
