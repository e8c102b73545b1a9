"""Benchmark start-up to the first interactive screen against a bare Textual app, same run.

    python bench/startup_bench.py [--runs 10] [--timeout 60] [--top 12]

Target: the game's start screen is ready in at most 1.5x the time a bare Textual app takes
to show the same widgets.

Each launch is a fresh Python process in its own 80x24 pseudo-terminal (``TERM=xterm-256color``),
timed from just before the fork to the moment its output contains a text that only the painted
first screen shows ("Who is playing?"). The contenders, alternated so they share machine noise:

- the real ``derivquest`` console script next to ``sys.executable``, with a temporary
  ``DERIVQUEST_HOME`` (no players yet, so the start screen has the name box focused);
- baseline: a Textual app with no DerivQuest imports that pushes a screen with the same
  widgets (labels, an OptionList, an Input, a Static, a Footer).

Each launch is then quit with Ctrl+Q, as a player would. One untimed launch of each comes
first (it creates the data folder and warms the disk cache); its time is printed on its own.

Afterwards the script shows where the game's start-up goes: ``-X importtime`` of
``derivquest.ui.app`` grouped by package and by the import that pulled each heavy package in,
and the phases of ``make_app`` timed in a fresh process. It prints figures and always exits 0.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import math
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from derivquest.ui.strings import t

COLUMNS, LINES = 80, 24
MARKER = t("start.profiles", "en")
"""Shown only once the start screen is painted (the bare app shows the same label)."""

QUIT = b"\x11"
"""Ctrl+Q: both apps bind it to quit."""

ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
"""CSI and OSC sequences, and two-byte escapes: stripped before looking for the marker."""

BARE_APP = f"""
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static


class Start(Screen[str]):
    BINDINGS = [Binding("c", "continue_last", "continue")]

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label("DerivQuest", classes="app-name")
            yield Label("derivatives, the way machine learning uses them")
            yield Label({MARKER!r})
            yield OptionList(id="profiles")
            yield Input(placeholder="New player name", id="new-profile")
            yield Static("No players yet: type a name and press Enter.", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_continue_last(self) -> None:
        pass


class Bare(App[None]):
    CSS = "#start-box {{ width: 60; height: auto; margin: 2 0 0 10; }}"
    BINDINGS = [Binding("ctrl+q", "quit", "quit", priority=True)]

    def on_mount(self) -> None:
        self.theme = "ansi-dark"
        self.push_screen(Start())


Bare().run()
"""
"""The baseline: the start screen's widgets and layout, in a plain Textual app."""


@dataclass
class Contender:
    """One program launched repeatedly, and its timings."""

    name: str
    argv: list[str]
    env: dict[str, str]
    first_ms: float | None = None
    """The untimed warm-up launch (first ever start for the game: new data folder)."""
    times_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (with 10 runs, p90 is the 9th fastest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def launch(argv: list[str], env: dict[str, str], timeout: float) -> float:
    """Start ``argv`` in a new 80x24 pty; return ms until the marker is painted.

    Raises:
        TimeoutError: the marker did not appear within ``timeout`` seconds.
        RuntimeError: the program exited before showing it.
    """
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: size the terminal before the program asks for it
        try:
            winsize = struct.pack("HHHH", LINES, COLUMNS, 0, 0)
            fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, winsize)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = b""
    ready_ms: float | None = None
    marker = MARKER.encode()
    try:
        deadline = started + timeout
        while ready_ms is None:
            chunk = _read(master, deadline - time.perf_counter())
            if chunk is None:
                raise TimeoutError(f"no {MARKER!r} within {timeout:.0f} s")
            if not chunk:
                tail = ANSI.sub(b"", seen)[-300:].decode(errors="replace")
                raise RuntimeError(f"exited before showing {MARKER!r}: {tail!r}")
            seen += chunk
            if marker in ANSI.sub(b"", seen):
                ready_ms = (time.perf_counter() - started) * 1000
        return ready_ms
    finally:
        _quit(pid, master)


def _read(master: int, wait: float) -> bytes | None:
    """The next output from the pty; ``b""`` once the program has exited; None on timeout."""
    if wait <= 0 or not select.select([master], [], [], wait)[0]:
        return None
    try:
        return os.read(master, 65536)
    except OSError:  # EIO: the other side of the pty is closed
        return b""


def _quit(pid: int, master: int) -> None:
    """Quit with Ctrl+Q (so the game stops its checker process); kill it if it will not go."""
    try:
        os.write(master, QUIT)
        deadline = time.perf_counter() + 15
        while _read(master, deadline - time.perf_counter()):
            pass  # drain until the program closes the terminal (or the deadline passes)
    except OSError:
        pass
    try:
        deadline = time.perf_counter() + 5
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.perf_counter() > deadline:
                os.killpg(pid, signal.SIGKILL)  # pty.fork made it a process group leader
                os.waitpid(pid, 0)
                break
            time.sleep(0.01)
    finally:
        os.close(master)


def run_launches(contenders: list[Contender], runs: int, timeout: float) -> None:
    """One warm-up launch each, then ``runs`` timed launches, alternating the contenders."""
    for round_number in range(runs + 1):
        order = contenders if round_number % 2 == 0 else contenders[::-1]
        for contender in order:
            try:
                elapsed = launch(contender.argv, contender.env, timeout)
            except (TimeoutError, RuntimeError) as error:
                contender.failures.append(str(error))
                continue
            if round_number == 0:
                contender.first_ms = elapsed
            else:
                contender.times_ms.append(elapsed)


def report_launches(game: Contender, bare: Contender) -> None:
    """Both contenders side by side, and the ratio the target is about."""
    contenders = [game, bare]
    width = max(len(c.name) for c in contenders) + 2
    print(f"Start-up to a painted, focused first screen ({COLUMNS}x{LINES} pty), same run\n")
    print(f"{'':22}" + "".join(f"{c.name:>{width}}" for c in contenders))

    def figures(c: Contender) -> list[str]:
        timed = c.times_ms
        first = f"{c.first_ms:.0f}" if c.first_ms is not None else "-"
        if not timed:
            return ["0", "-", "-", "-", "-", first, str(len(c.failures))]
        return [
            str(len(timed)),
            f"{statistics.median(timed):.0f}",
            f"{percentile(timed, 0.9):.0f}",
            f"{min(timed):.0f}",
            f"{max(timed):.0f}",
            first,
            str(len(c.failures)),
        ]

    labels = ["timed launches", "median ms", "p90 ms", "min ms", "max ms"]
    labels += ["first launch ms", "failures"]
    columns = [figures(c) for c in contenders]
    for index, label in enumerate(labels):
        print(f"{label:22}" + "".join(f"{column[index]:>{width}}" for column in columns))
    for contender in contenders:
        for failure in contender.failures:
            print(f"  {contender.name}: {failure}")
    if game.times_ms and bare.times_ms:
        ratio = statistics.median(game.times_ms) / statistics.median(bare.times_ms)
        print(f"\nratio of medians (game / bare): {ratio:.2f}  (target: at most 1.5)")


# -- where the game's start-up goes -----------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    """One line of ``-X importtime``: microseconds in the module itself and with its imports."""

    name: str
    depth: int
    self_us: int
    cumulative_us: int


def import_rows(module: str, env: dict[str, str]) -> list[ImportRow]:
    """``python -X importtime -c "import module"`` in a fresh process, parsed."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            self_us, cumulative_us, indent, name = match.groups()
            rows.append(ImportRow(name, len(indent) // 2, int(self_us), int(cumulative_us)))
    return rows


def report_imports(rows: list[ImportRow], top: int) -> None:
    """Self time per top-level package, and the heavy imports made by DerivQuest modules."""
    total = sum(row.self_us for row in rows)
    print(f"\nImports of derivquest.ui.app (-X importtime, fresh process): {total / 1000:.0f} ms")
    by_package: dict[str, int] = defaultdict(int)
    for row in rows:
        by_package[row.name.split(".")[0]] += row.self_us
    print("  self time by top-level package:")
    for package, micros in sorted(by_package.items(), key=lambda item: -item[1])[:top]:
        print(f"    {package:28}{micros / 1000:8.0f} ms {100 * micros / total:5.1f}%")

    # importtime lists a module after everything it imported: its parent is the next row
    # one level shallower.
    parents: list[str | None] = []
    for index, row in enumerate(rows):
        parent = next(
            (later.name for later in rows[index + 1 :] if later.depth == row.depth - 1), None
        )
        parents.append(parent)
    pulled_in = [
        (row, parent)
        for row, parent in zip(rows, parents, strict=True)
        if parent is not None
        and parent.startswith("derivquest")
        and not row.name.startswith("derivquest")
    ]
    print("  third-party imports made by DerivQuest modules (first importer pays), cumulative:")
    for row, parent in sorted(pulled_in, key=lambda item: -item[0].cumulative_us)[:top]:
        print(f"    {row.name:28}{row.cumulative_us / 1000:8.0f} ms  from {parent}")
    ours = [row for row in rows if row.name.startswith("derivquest")]
    print("  DerivQuest modules: cumulative (first import pays) | self (the module's own code):")
    by_cumulative = sorted(ours, key=lambda row: -row.cumulative_us)[:top]
    by_self = sorted(ours, key=lambda row: -row.self_us)[:top]
    for left, right in zip(by_cumulative, by_self, strict=False):
        print(
            f"    {left.name:36}{left.cumulative_us / 1000:6.0f} ms"
            f"  | {right.name:34}{right.self_us / 1000:5.0f} ms"
        )


PHASES = """
import json, sys, time
marks = [("interpreter up", 0.0)]
start = time.perf_counter()
def mark(label):
    marks.append((label, (time.perf_counter() - start) * 1000))
import textual.app, textual.widgets
mark("import textual.app (the bare app's imports)")
import derivquest.cli
mark("import derivquest.cli (the console script)")
import derivquest.ui.app
mark("import derivquest.ui.app")
from derivquest.content.catalog import load_catalog
catalog = load_catalog()
mark("load_catalog()")
from derivquest.progress import ProgressStore
store = ProgressStore.open()
store.profiles()
mark("ProgressStore.open() + profiles()")
app = derivquest.ui.app.make_app()
mark("make_app() (again: catalog, store, JudgeService())")
app.judge.start()
mark("judge.start() (in a thread in the game; a second process)")
app.judge.close()
print(json.dumps(marks))
"""
"""Times the phases of the game's start-up, cumulatively, in one fresh process."""

START_SCREEN_NEEDS = """
import json, sys, time
start = time.perf_counter()
import derivquest.cli, derivquest.ui.screens.start
from derivquest.progress import ProgressStore
ProgressStore.open().profiles()
heavy = ("sympy", "mpmath", "pydantic", "numpy", "pygments", "markdown_it", "plotext")
print(json.dumps([(time.perf_counter() - start) * 1000, [m for m in heavy if m in sys.modules]]))
"""
"""What the start screen itself needs: the floor if everything else loaded after it."""


def report_phases(env: dict[str, str]) -> None:
    """Time the phases of make_app, then what the start screen alone needs."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PHASES], env=env, capture_output=True, text=True, check=False
    )
    total_ms = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        print(f"\nphases: failed: {result.stderr.strip()[-500:]}")
        return
    marks: list[tuple[str, float]] = json.loads(result.stdout)
    print("\nPhases of the game's start-up (one fresh process, ms since its first line ran):")
    previous = 0.0
    for label, at_ms in marks[1:]:
        print(f"  {label:58}{at_ms:7.0f}  (+{at_ms - previous:.0f})")
        previous = at_ms
    print(f"  {'whole process, including interpreter start and exit':58}{total_ms:7.0f}")
    result = subprocess.run(
        [sys.executable, "-c", START_SCREEN_NEEDS],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        needs_ms, heavy = json.loads(result.stdout)
        print(
            f"  only what the start screen needs (cli, StartScreen, ProgressStore), "
            f"fresh process: {needs_ms:.0f} ms; heavy packages it loads: {heavy or 'none'}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10, help="timed launches of each")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per launch")
    parser.add_argument("--top", type=int, default=12, help="rows in the import breakdown")
    args = parser.parse_args()

    script = Path(sys.executable).parent / "derivquest"
    with tempfile.TemporaryDirectory(prefix="derivquest-startup-") as home:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEXTUAL", "DERIVQUEST", "NO_COLOR", "COLORTERM"))
        }
        env |= {"TERM": "xterm-256color", "DERIVQUEST_HOME": home, "LANG": "C.UTF-8"}
        game = Contender("derivquest", [str(script)], env)
        bare = Contender("bare Textual app", [sys.executable, "-c", BARE_APP], env)
        if not script.exists():
            print(f"no console script at {script}: install the package in this environment")
            return 0
        run_launches([game, bare], args.runs, args.timeout)
        report_launches(game, bare)
        report_imports(import_rows("derivquest.ui.app", env), args.top)
        report_phases(env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
