"""Load test of `derivquest serve`: today's design beside the new default, in the same run.

    python bench/ssh_bench.py [--quick] [--students 1,10,20,40] [--idle 5] [--spread 0]
                              [--timeout 600] [--only today|new]

For each design (a column) and each class size (a block), starts `derivquest serve --open`
on a free port of 127.0.0.1 with a fresh data directory, waits until it is ready (its
zygote, when it forks games), then logs that many asyncssh students in at once (or, with
`--spread S`, one every S/students seconds, as a class arriving over S seconds), each with a
PTY (xterm-256color, 100x30). Every student plays the real game: starts the first level,
waits at the first question while the class sits idle, types a wrong answer of their own
(`sqrt(3)*(1000+i)`, irrational: no question or authored feedback expects it) one key at a
time, presses Enter, reads the verdict and quits.

The designs:
- today: every game a fresh interpreter (`--spawn fresh`), each with its own answer checker
  (`--checkers per-game`, passed only when this server has the option: the hook for the
  shared checker pool);
- new: the defaults (games forked from a warm zygote; the shared checker pool if present).

Prints per class size, side by side, with no timed assertion:
- PSS per student: the proportional set size of the server and everything below it
  (games, checkers, zygote, pool) with the class at the first question, minus the same
  before anyone logged in, divided by the students; and that fixed part alone;
- login CPU: CPU seconds the server and everything below it used from the first login until
  the whole class sat at the first question, per student (exited processes not counted);
  and the same for logging in again;
- connect-to-question: from opening the connection to the first question's answer box on
  screen, median and p90 over the class (a first login: the first level's lesson, where a new
  player starts, Enter, the question; a server whose games open on the map gets Enter there
  first); and the same once the class has quit and logs in again (the next lesson: each game
  reopens at the student's question);
- idle CPU (% of one core per student) and bytes per second per idle student, over `--idle`
  seconds with the whole class at the question and nobody typing;
- key-to-screen p50/p90: from sending a key to the text typed so far on screen, with the
  whole class typing (the typists are the class: 1, 10, 20);
- first check: from Enter on the first answer to its verdict on screen, median and p90;
- the machine's load: the cores other processes kept busy from the first login to the end
  of the idle measure, and the load average then (the machine is shared: read the figures
  with it).
Every student's stored answers must be exactly their own (checked; a mismatch makes the
exit status 1).

Bounded: at most 40 students, one global timeout per run, only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh

from derivquest.server.zygote_process import running_zygote_socket

ESCAPE_KINDS = {
    "[": re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]"),  # CSI
    "]": re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"),  # OSC
    "P": re.compile(r"\x1bP[^\x1b]*\x1b\\"),  # DCS
    "(": re.compile(r"\x1b\([0-9A-Za-z]"),  # character sets
    ")": re.compile(r"\x1b\)[0-9A-Za-z]"),
}
ESCAPES = re.compile("|".join(kind.pattern for kind in ESCAPE_KINDS.values()) + r"|\x1b[ -~]")
"""Terminal control sequences, removed to find the text a student would see."""

OVERLAP = 200
"""Characters searched again when more text arrives (a pattern split across two reads)."""

TOO_LONG = "took too long to check"
"""The game's verdict when a check overruns its deadline (wall-clock, so load matters)."""

MAX_STUDENTS = 40
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Design:
    """One column: a name and the server options that give it."""

    name: str
    options: tuple[str, ...]


def designs() -> list[Design]:
    """Today's design and the new default; `--checkers per-game` only where it exists."""
    help_text = subprocess.run(
        [sys.executable, "-m", "derivquest", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spawn = ("--spawn", "fresh") if "--spawn" in help_text else ()
    checkers = ("--checkers", "per-game") if "--checkers" in help_text else ()
    today = "today: fresh games" + (", per-game checkers" if checkers else "")
    new = "new: forked games" + (", checker pool" if checkers else "")
    return [Design(today, (*spawn, *checkers)), Design(new, ())]


# -- one student ---------------------------------------------------------------------------


def complete_until(raw: str, start: int) -> int:
    """Where the text from `start` stops being safe to clean: before a control sequence the
    next read may still finish (a read can end anywhere in one)."""
    last = raw.rfind("\x1b", start)
    if last == -1:
        return len(raw)
    kind = raw[last + 1 : last + 2]
    if not kind:
        return last
    anchored = ESCAPE_KINDS.get(kind)
    if anchored is None:  # a two-character sequence, complete once its second one came
        return len(raw)
    return len(raw) if anchored.match(raw, last) else last


@dataclass
class Screen:
    """Everything a session printed, decoded, and its text without control sequences, cleaned
    as it arrives (so 20 students in one bench process cost little CPU: the bench shares the
    machine with the server it measures)."""

    raw: str = ""
    text: str = ""
    """What a student reads: `raw` without control sequences, up to `cleaned`."""
    cleaned: int = 0
    """How much of `raw` is in `text`."""
    received: int = 0
    """Bytes received in all."""
    decoder: Any = field(default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace"))
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def feed(self, data: bytes) -> None:
        self.received += len(data)
        self.raw += self.decoder.decode(data)
        end = complete_until(self.raw, self.cleaned)
        self.text += ESCAPES.sub("", self.raw[self.cleaned : end])
        self.cleaned = end
        self.changed.set()

    def mark(self) -> int:
        """A place in the text: `wait_for(..., mark)` looks only at what came after it."""
        return len(self.text)

    def visible(self, start: int = 0) -> str:
        return self.text[start:]

    async def wait_for(self, pattern: str | re.Pattern[str], start: int = 0) -> re.Match[str]:
        """Wait until `pattern` shows in the text printed since `start` (a `mark()`)."""
        regex = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern
        searched = start
        while True:
            found = regex.search(self.text, searched)
            if found is not None:
                return found
            searched = max(start, len(self.text) - OVERLAP)
            self.changed.clear()
            await self.changed.wait()


@dataclass
class Student:
    """One scripted session and what it measured."""

    number: int
    screen: Screen = field(default_factory=Screen)
    to_question: float = 0.0
    back_at_question: float = 0.0
    """Logging in again: connect to the question the student left (resumed, no map)."""
    latencies: list[float] = field(default_factory=list)
    first_check: float = 0.0
    answers: list[str] = field(default_factory=list)
    too_long: int = 0
    last_screen: str = ""

    @property
    def name(self) -> str:
        return f"student{self.number:02d}"


async def pump(process: Any, screen: Screen) -> None:
    while True:
        data = await process.stdout.read(65536)
        if not data:
            return
        screen.feed(data)


async def type_and_time(process: Any, screen: Screen, text: str, student: Student) -> None:
    """Type `text` one key at a time, timing each until the text so far is on screen."""
    for count in range(1, len(text) + 1):
        mark = screen.mark()
        sent = time.perf_counter()
        process.stdin.write(text[count - 1].encode())
        await screen.wait_for(text[:count], mark)
        if count >= 2:  # one character could match something else on the screen
            student.latencies.append(time.perf_counter() - sent)


async def submit(process: Any, screen: Screen, verdict: str, student: Student) -> None:
    """Press Enter until `verdict` shows (a check over the deadline is retried after 1 s)."""
    started = time.perf_counter()
    while True:
        mark = screen.mark()
        process.stdin.write(b"\r")
        found = await screen.wait_for(re.compile(f"{re.escape(verdict)}|{TOO_LONG}"), mark)
        if found.group(0) == verdict:
            student.first_check = time.perf_counter() - started
            return
        student.too_long += 1
        await asyncio.sleep(1.0)


async def play(port: int, student: Student, at_question: asyncio.Barrier, delay: float) -> None:
    await asyncio.sleep(delay)  # the class arrives over --spread seconds
    try:
        await script(port, student, at_question)
    except BaseException:
        lines = [line.strip() for line in student.screen.visible().splitlines()]
        student.last_screen = " | ".join([line for line in lines if line][-12:])
        raise


@contextlib.asynccontextmanager
async def session(port: int, student: Student, screen: Screen) -> AsyncIterator[Any]:
    """The student's SSH session with a PTY (xterm-256color, 100x30), its output pumped
    into `screen`; on leaving, Ctrl+Q and the end of the game."""
    async with asyncssh.connect(
        "127.0.0.1",
        port,
        username=student.name,
        known_hosts=None,
        agent_path=None,
        config=None,
        client_keys=None,
    ) as conn:
        process = await conn.create_process(
            term_type="xterm-256color", term_size=(100, 30), encoding=None
        )
        reader = asyncio.create_task(pump(process, screen))
        yield process
        process.stdin.write(b"\x11")  # Ctrl+Q
        await process.wait()
        await reader


FIRST_SCREEN = re.compile("Course map|start the questions")
"""A new student's first screen: the map (Enter opens the first level) or that level's lesson."""


async def script(port: int, student: Student, at_question: asyncio.Barrier) -> None:
    screen = student.screen
    started = time.perf_counter()
    async with session(port, student, screen) as process:
        first = await screen.wait_for(FIRST_SCREEN)
        if first.group(0) == "Course map":
            process.stdin.write(b"\r")
            await screen.wait_for("start the questions")
        mark = screen.mark()
        process.stdin.write(b"\r")
        await screen.wait_for("type a number", mark)  # the answer box is there
        student.to_question = time.perf_counter() - started
        await at_question.wait()  # memory and login CPU are measured now
        await at_question.wait()  # ... and idle CPU and bytes until now
        # Irrational, so always wrong and never one of the authored wrong answers (sqrt(1024)
        # once hit "that is the change in position", a note that does not say "Not quite").
        wrong = f"sqrt(3)*{1000 + student.number}"
        await type_and_time(process, screen, wrong, student)
        await submit(process, screen, "Not quite", student)
        student.answers = [wrong]


QUESTION_SHOWN = re.compile(r"Question \d+ of \d+")


async def come_back(port: int, student: Student, delay: float, back: asyncio.Barrier) -> None:
    """Log in again, once the whole class has quit: the game reopens at the question."""
    await asyncio.sleep(delay)
    screen = Screen()
    started = time.perf_counter()
    async with session(port, student, screen):
        await screen.wait_for(QUESTION_SHOWN)
        student.back_at_question = time.perf_counter() - started
        await back.wait()  # the returning logins' CPU is measured now
        await back.wait()


# -- the server and its processes ------------------------------------------------------------


def proc_table() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rfind(")") + 2 :].split()[1])
    return parents


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    parents = proc_table()
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def role(pid: int, server: int) -> str:
    """What a process below the server is: server, zygote, checker or game."""
    if pid == server:
        return "server"
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "game"
    if name == "derivquest-zyg":
        return "zygote"
    if b"derivquest.engine" in command:  # a game's checker, or the shared pool's workers
        return "checker"
    return "game"


ROLES = ("server", "zygote", "game", "checker")


def tree_pss(root: int) -> int:
    return sum(pss_kib(pid) for pid in descendants(root))


def tree_cpu(root: int) -> float:
    return sum(cpu_seconds(pid) for pid in descendants(root))


def cpu_by_role(root: int) -> dict[str, float]:
    found = dict.fromkeys(ROLES, 0.0)
    for pid in descendants(root):
        found[role(pid, root)] += cpu_seconds(pid)
    return found


def pss_by_role(root: int) -> dict[str, float]:
    found = dict.fromkeys(ROLES, 0.0)
    for pid in descendants(root):
        found[role(pid, root)] += pss_kib(pid) / 1024
    return found


async def until_quiet(root: int, count: int, timeout: float = 90.0) -> None:
    """Wait until the server and its processes use almost no CPU (starts are over)."""
    allowed = 0.03 + 0.004 * count  # CPU seconds per second: well under a busy start
    deadline = time.monotonic() + timeout
    before = tree_cpu(root)
    while time.monotonic() < deadline:
        await asyncio.sleep(1.0)
        now = tree_cpu(root)
        if now - before < allowed:
            return
        before = now


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / CLOCK_TICKS


def start_server(home: Path, students: int, options: Sequence[str]) -> tuple[Any, int]:
    env = {**os.environ, "DERIVQUEST_HOME": str(home)}
    command = [sys.executable, "-m", "derivquest", "serve", "--open", "--port", "0"]
    server = subprocess.Popen(
        [*command, "--max-sessions", str(students), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    for line in server.stdout:
        if "listening on" in line:
            return server, int(line.split()[-1])
    raise SystemExit(f"the server did not start (exit {server.wait()})")


async def until_ready(home: Path, server: int, forks: bool, timeout: float = 120.0) -> None:
    """Wait for the zygote's socket (when games are forked), then for the tree to go quiet."""
    deadline = time.monotonic() + timeout
    if forks:
        while time.monotonic() < deadline:
            socket = running_zygote_socket(server)
            if socket is not None and socket.exists():
                break
            await asyncio.sleep(0.1)
    await until_quiet(server, 0)  # a pool of checkers may still be warming up


def check_progress(home: Path, students: list[Student]) -> list[str]:
    """Every student's stored answers must be exactly the ones they typed, in order."""
    os.environ["DERIVQUEST_HOME"] = str(home)
    from derivquest.progress import ProgressStore

    problems = []
    with ProgressStore.open() as store:
        document = store.export_document()
    stored = {p.name: [a.answer for a in p.attempts] for p in document.profiles}
    for student in students:
        if stored.pop(student.name, None) != student.answers:
            problems.append(f"{student.name}: typed {student.answers}, stored something else")
    problems += [f"unexpected profile {name}" for name in stored]
    return problems


# -- one run ---------------------------------------------------------------------------------


@dataclass
class Figures:
    """What one design measured with one class size."""

    students: int
    fixed_pss: float = 0.0
    """MiB: the server and what it runs before anyone logs in."""
    pss: float = 0.0
    """MiB per student, beyond the fixed part."""
    login_cpu: float = 0.0
    to_question: list[float] = field(default_factory=list)
    back_at_question: list[float] = field(default_factory=list)
    back_cpu: float = 0.0
    """CPU seconds per student logging in again (to the question they left)."""
    idle_cpu: float = 0.0
    """Percent of one core per idle student."""
    idle_bytes: float = 0.0
    """Bytes per second per idle student."""
    keys: list[float] = field(default_factory=list)
    checks: list[float] = field(default_factory=list)
    too_long: int = 0
    others: float = 0.0
    """Cores other processes kept busy during the run (the machine is shared)."""
    load: float = 0.0
    problems: list[str] = field(default_factory=list)
    login_roles: dict[str, float] = field(default_factory=dict)
    """CPU seconds per login, by process role."""
    pss_roles: dict[str, float] = field(default_factory=dict)
    """MiB per student in games and in checkers (PSS, the shared part split among all)."""


async def run_once(
    design: Design, count: int, idle: float, timeout: float, bench_pid: int, spread: float = 0.0
) -> Figures:
    students = [Student(number) for number in range(1, count + 1)]
    figures = Figures(count)
    with tempfile.TemporaryDirectory(prefix="ssh-bench-") as folder:
        home = Path(folder)
        server, port = start_server(home, count, design.options)
        try:
            await until_ready(home, server.pid, "--spawn" not in design.options)
            figures.fixed_pss = tree_pss(server.pid) / 1024
            cpu_before = tree_cpu(server.pid)
            roles_before = cpu_by_role(server.pid)
            busy_before, mine_before = machine_busy(), cpu_seconds(bench_pid)
            started = time.monotonic()
            at_question = asyncio.Barrier(count + 1)
            sessions = asyncio.gather(
                *(play(port, s, at_question, spread * i / count) for i, s in enumerate(students))
            )
            try:
                async with asyncio.timeout(timeout):
                    await at_question.wait()
                    # The logins are over once the games' checkers have started too.
                    await until_quiet(server.pid, count)
                    figures.pss = (tree_pss(server.pid) / 1024 - figures.fixed_pss) / count
                    cpu_at_question = tree_cpu(server.pid)
                    figures.login_cpu = (cpu_at_question - cpu_before) / count
                    roles = cpu_by_role(server.pid)
                    figures.login_roles = {
                        name: (roles[name] - roles_before[name]) / count for name in ROLES
                    }
                    pss = pss_by_role(server.pid)
                    figures.pss_roles = {name: pss[name] / count for name in ("game", "checker")}
                    received = sum(s.screen.received for s in students)
                    await asyncio.sleep(idle)
                    idle_cpu = tree_cpu(server.pid) - cpu_at_question
                    figures.idle_cpu = 100 * idle_cpu / idle / count
                    quiet = sum(s.screen.received for s in students) - received
                    figures.idle_bytes = quiet / idle / count
                    # Every game still runs: what the machine did beyond them was others'.
                    elapsed = time.monotonic() - started
                    ours = tree_cpu(server.pid) - cpu_before
                    ours += cpu_seconds(bench_pid) - mine_before
                    figures.others = max(0.0, (machine_busy() - busy_before - ours) / elapsed)
                    figures.load = os.getloadavg()[0]
                    await at_question.wait()
                    await sessions
                    # The class logs in again (the next lesson): straight to the question.
                    await until_quiet(server.pid, 0)
                    cpu_before = tree_cpu(server.pid)
                    back = asyncio.Barrier(count + 1)
                    returns = asyncio.gather(
                        *(
                            come_back(port, s, spread * i / count, back)
                            for i, s in enumerate(students)
                        )
                    )
                    await back.wait()
                    await until_quiet(server.pid, count)
                    figures.back_cpu = (tree_cpu(server.pid) - cpu_before) / count
                    await back.wait()
                    await returns
            except BaseException:
                sessions.cancel()
                with contextlib.suppress(BaseException):
                    await sessions
                for student in students:
                    if student.last_screen:
                        print(f"  {student.name} was stuck at: {student.last_screen!r}")
                raise
        finally:
            server.terminate()
            server.wait(timeout=60)
        figures.problems = check_progress(home, students)
    figures.to_question = [s.to_question for s in students]
    figures.back_at_question = [s.back_at_question for s in students]
    figures.keys = [ms for s in students for ms in s.latencies]
    figures.checks = [s.first_check for s in students]
    figures.too_long = sum(s.too_long for s in students)
    return figures


# -- the table -------------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else 0


def ms(values: list[float]) -> str:
    return f"{1000 * statistics.median(values):.0f} / {1000 * quantile(values, 0.9):.0f} ms"


def split(values: dict[str, float], names: Sequence[str], unit: str) -> str:
    decimals = 0 if unit == "MiB" else 2
    return " / ".join(f"{values.get(name, 0):.{decimals}f}" for name in names) + f" {unit}"


ROWS: tuple[tuple[str, Callable[[Figures], str]], ...] = (
    ("PSS per student", lambda f: f"{f.pss:.0f} MiB"),
    ("  of it in games / checkers", lambda f: split(f.pss_roles, ("game", "checker"), "MiB")),
    ("fixed (server + zygote/pool)", lambda f: f"{f.fixed_pss:.0f} MiB"),
    ("login CPU per student", lambda f: f"{f.login_cpu:.2f} s"),
    ("  server / zygote / game / chk", lambda f: split(f.login_roles, ROLES, "s")),
    ("connect-to-question p50/p90", lambda f: ms(f.to_question)),
    ("  logging in again p50/p90", lambda f: ms(f.back_at_question)),
    ("  its login CPU per student", lambda f: f"{f.back_cpu:.2f} s"),
    ("idle CPU per student", lambda f: f"{f.idle_cpu:.2f}% of a core"),
    ("bytes per idle student", lambda f: f"{f.idle_bytes:.0f} B/s"),
    ("key-to-screen p50/p90", lambda f: ms(f.keys)),
    ("first check p50/p90", lambda f: ms(f.checks)),
    ("checks over the deadline", lambda f: str(f.too_long)),
    ("others' CPU (cores), load avg", lambda f: f"{f.others:.2f}, {f.load:.1f}"),
    ("cross-talk", lambda f: "none" if not f.problems else f"{len(f.problems)} problems"),
)


def show(count: int, columns: list[tuple[Design, Figures]]) -> None:
    width = max(28, *(len(design.name) for design, _ in columns))
    header = "".join(f"{design.name:>{width + 2}}" for design, _ in columns)
    print(f"\n{count} student{'s' if count > 1 else ''}{' ' * (30 - len(str(count)) - 9)}{header}")
    for label, cell in ROWS:
        print(f"  {label:<30}" + "".join(f"{cell(f):>{width + 2}}" for _, f in columns))
    for _, figures in columns:
        for problem in figures.problems:
            print(f"  {problem}")


async def run(
    counts: list[int], idle: float, timeout: float, only: str | None = None, spread: float = 0.0
) -> int:
    chosen = [d for d in designs() if only is None or d.name.startswith(only)]
    bench = os.getpid()
    arriving = f"logging in over {spread:g} s" if spread else "logging in at once"
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start;"
        f" idle measured over {idle:g} s; students {arriving}"
    )
    failed = False
    for count in counts:
        columns = []
        for design in chosen:
            figures = await run_once(design, count, idle, timeout, bench, spread)
            columns.append((design, figures))
            failed = failed or bool(figures.problems)
        show(count, columns)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--students", default="1,10,20,40", help="class sizes, comma-separated (1,10,20,40)"
    )
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle measure (5)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run (600)")
    parser.add_argument("--quick", action="store_true", help="1 and 5 students, 2 s idle")
    parser.add_argument(
        "--only", choices=("today", "new"), help="run one design only (to look into one)"
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which the class logs in, evenly (0: all at once)",
    )
    args = parser.parse_args()
    counts = [1, 5] if args.quick else [int(n) for n in args.students.split(",")]
    idle = 2.0 if args.quick else args.idle
    if not all(1 <= n <= MAX_STUDENTS for n in counts):
        parser.error(f"--students takes 1 to {MAX_STUDENTS}")
    if not 0 <= args.spread <= 600:
        parser.error("--spread takes 0 to 600 seconds")
    return asyncio.run(run(counts, idle, args.timeout, args.only, args.spread))


if __name__ == "__main__":
    raise SystemExit(main())
