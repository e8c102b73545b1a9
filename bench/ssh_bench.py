"""Load test of `derivquest serve`: concurrent students on loopback, memory, keystroke latency.

    python bench/ssh_bench.py [--students 20] [--stagger 0] [--timeout 240]

Starts `derivquest serve --open` on a free port of 127.0.0.1 with a fresh data directory,
then runs that many asyncssh clients, each with a PTY (xterm-256color, 100x30), all at once
or logging in `--stagger` seconds apart.
Every student plays the real game: opens the first level, types a wrong answer of their own
(`sqrt(1000+i)`), replaces it with the right one, moves on, picks the right option of the
next question, then quits.

Prints, with no timed assertion:
- keystroke-to-screen latency: from sending a key to the moment the text typed so far shows
  in the session's output (escape sequences stripped), for every key of the wrong answer;
- memory: RSS of the server alone, then of the server and all its children (games and
  their answer checkers) while every student is at the second question, and per session;
- checks the game refused as over its one-second deadline (each is retried, as a student
  would, after a second): the deadline is wall-clock time, so a loaded server shows here;
- cross-talk: every student's stored answers must be exactly their own (checked; a
  mismatch makes the exit status 1).

Bounded: at most 40 students, one global timeout, only 127.0.0.1.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh

ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]|\x1b[ -~]"
)
"""Terminal control sequences, removed to find the text a student would see."""

SPEED_PROMPT = re.compile(r"s\(t\) = (\d+)t\^2")
"""The first question: average speed of s(t) = a t^2 between 1 and 3, which is 4a."""

INSTANT_SPEED = re.compile(r"(\d)\. 90 km/h")
"""The second question asks for the speedometer's reading; options may come in any order."""

TOO_LONG = "took too long to check"
"""The game's verdict when a check overruns its deadline (wall-clock, so load matters)."""

MAX_STUDENTS = 40


@dataclass
class Screen:
    """Everything a session printed, decoded, with a cursor for "output after now"."""

    raw: str = ""
    decoder: Any = field(default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace"))
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def feed(self, data: bytes) -> None:
        self.raw += self.decoder.decode(data)
        self.changed.set()

    def visible(self, start: int = 0) -> str:
        return ESCAPES.sub("", self.raw[start:])

    async def wait_for(self, pattern: str | re.Pattern[str], start: int = 0) -> re.Match[str]:
        """Wait until `pattern` shows in the text printed since `start`."""
        regex = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern
        while True:
            found = regex.search(self.visible(start))
            if found is not None:
                return found
            self.changed.clear()
            await self.changed.wait()


@dataclass
class Student:
    """One scripted session and what it measured."""

    number: int
    latencies: list[float] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    too_long: int = 0
    """Checks the game refused as over its one-second deadline (retried)."""
    last_screen: str = ""
    """What the session showed last, kept when it failed."""

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
        mark = len(screen.raw)
        sent = time.perf_counter()
        process.stdin.write(text[count - 1].encode())
        await screen.wait_for(text[:count], mark)
        if count >= 2:  # one character could match something else on the screen
            student.latencies.append(time.perf_counter() - sent)


async def submit(process: Any, screen: Screen, verdict: str, student: Student) -> None:
    """Press Enter until `verdict` shows; a check over the game's deadline is retried."""
    while True:
        mark = len(screen.raw)
        process.stdin.write(b"\r")
        found = await screen.wait_for(re.compile(f"{re.escape(verdict)}|{TOO_LONG}"), mark)
        if found.group(0) == verdict:
            return
        student.too_long += 1
        await asyncio.sleep(1.0)  # what a student would do: wait a moment, press Enter again


async def play(port: int, student: Student, at_question_two: asyncio.Barrier, delay: float) -> None:
    screen = Screen()
    await asyncio.sleep(delay)
    try:
        await script(port, student, screen, at_question_two)
    except BaseException:
        # The answer box is redrawn as its cursor blinks: drop those lines to keep the rest.
        lines = [line.strip() for line in screen.visible().splitlines()]
        kept = [line for line in lines if line and not line.startswith("▊")]
        student.last_screen = " | ".join(kept[-12:])
        raise


async def script(
    port: int, student: Student, screen: Screen, at_question_two: asyncio.Barrier
) -> None:
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
        await screen.wait_for("Course map")
        process.stdin.write(b"\r")
        await screen.wait_for("start the questions")
        mark = len(screen.raw)
        process.stdin.write(b"\r")
        found = await screen.wait_for(SPEED_PROMPT, mark)
        right = str(4 * int(found.group(1)))
        await screen.wait_for("type a number", mark)  # the answer box is there: keys reach it
        wrong = f"sqrt({1000 + student.number})"  # never a whole number: always wrong

        await type_and_time(process, screen, wrong, student)
        await submit(process, screen, "Not quite", student)
        mark = len(screen.raw)
        process.stdin.write(b"\x7f" * len(wrong))  # Backspace
        # Wait for the placeholder (the box is empty) before typing: Textual 8 can run a
        # bound key such as Backspace after characters that arrive with it in one read
        # (Textualize/textual#6605), so "\x7f16" in one burst could leave the box wrong.
        await screen.wait_for("type a number", mark)
        await type_and_time(process, screen, right, student)
        await submit(process, screen, "Correct!", student)
        mark = len(screen.raw)
        process.stdin.write(b"\x0e")  # Ctrl+N: the next question
        await screen.wait_for("Question 2 of 8", mark)
        option = (await screen.wait_for(INSTANT_SPEED, mark)).group(1)
        student.answers = [wrong, right]

        await at_question_two.wait()  # memory is measured now, with every game running
        await at_question_two.wait()
        mark = len(screen.raw)
        process.stdin.write(option.encode())
        await screen.wait_for("Correct!", mark)
        student.answers.append(option)
        process.stdin.write(b"\x11")  # Ctrl+Q
        await process.wait()
        await reader


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def is_checker(pid: int) -> bool:
    """True for a game's answer-checker process (`python -m derivquest.engine.worker`)."""
    try:
        return b"derivquest.engine.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rfind(")") + 2 :].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def start_server(home: Path, students: int) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "DERIVQUEST_HOME": str(home)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "derivquest",
            "serve",
            "--open",
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--max-sessions",
            str(students),
        ],
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


@dataclass
class Figures:
    """What one run measured."""

    port: int
    alone: int
    """KiB: the server's RSS before anyone logs in."""
    server: int = 0
    """KiB: the server's RSS with every session open."""
    total: int = 0
    """KiB: the server and all its children."""
    checkers: int = 0
    """KiB: the answer-checker processes among them."""
    processes: int = 0
    ready: float = 0.0
    elapsed: float = 0.0


async def measure(port: int, server: int, students: list[Student], stagger: float) -> Figures:
    """Run every student's script; take the memory figures while all are at question 2."""
    figures = Figures(port, rss_kib(server))
    barrier = asyncio.Barrier(len(students) + 1)
    started = time.perf_counter()
    sessions = asyncio.gather(
        *(play(port, s, barrier, i * stagger) for i, s in enumerate(students))
    )
    try:
        await barrier.wait()
        figures.ready = time.perf_counter() - started
        tree = descendants(server)
        figures.total = sum(rss_kib(pid) for pid in tree)
        figures.checkers = sum(rss_kib(pid) for pid in tree if is_checker(pid))
        figures.server, figures.processes = rss_kib(server), len(tree)
        await barrier.wait()
        await sessions
    except BaseException:
        sessions.cancel()
        with contextlib.suppress(BaseException):
            await sessions  # each failed session keeps its last screen
        raise
    figures.elapsed = time.perf_counter() - started
    return figures


def show(figures: Figures, students: list[Student], stagger: float, problems: list[str]) -> None:
    count = len(students)
    latencies = sorted(ms * 1000 for s in students for ms in s.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    per_session = (figures.total - figures.alone) / count / 1024
    checkers = figures.checkers / count / 1024
    too_long = [s.too_long for s in students if s.too_long]
    print(
        f"students: {count}, logging in {stagger:g} s apart, on 127.0.0.1:{figures.port};"
        f" all at question 2 after {figures.ready:.1f} s, done after {figures.elapsed:.1f} s"
    )
    print(
        f"keystroke to screen: {len(latencies)} keys, median {statistics.median(latencies):.1f}"
        f" ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
    )
    print(
        f"memory: server alone {figures.alone / 1024:.0f} MiB; with {count} sessions: server"
        f" {figures.server / 1024:.0f} MiB, server and children {figures.total / 1024:.0f} MiB"
        f" in {figures.processes} processes"
    )
    print(
        f"per session: {per_session:.0f} MiB: the game {per_session - checkers:.0f} MiB, its"
        f" answer checker {checkers:.0f} MiB; the server's own share"
        f" {(figures.server - figures.alone) / count:.0f} KiB"
    )
    print(
        f"checks over the game's 1 s deadline (retried): {sum(too_long)} in"
        f" {len(too_long)} of {count} sessions"
    )
    answers = sum(len(s.answers) for s in students)
    print(f"cross-talk: {'none' if not problems else len(problems)} ({answers} answers checked)")
    for problem in problems:
        print(f"  {problem}")


async def run(count: int, timeout: float, stagger: float) -> int:
    students = [Student(number) for number in range(1, count + 1)]
    with tempfile.TemporaryDirectory(prefix="ssh-bench-") as folder:
        home = Path(folder)
        server, port = start_server(home, count)
        try:
            await asyncio.sleep(0.5)  # let it settle before measuring it alone
            async with asyncio.timeout(timeout):
                figures = await measure(port, server.pid, students, stagger)
        except TimeoutError:
            for student in students:
                if student.last_screen:
                    print(f"{student.name} was stuck at: {student.last_screen!r}")
            raise SystemExit(f"not done within {timeout:.0f} s") from None
        finally:
            server.terminate()
            server.wait(timeout=30)
        problems = check_progress(home, students)
    show(figures, students, stagger, problems)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds for everything")
    parser.add_argument(
        "--stagger", type=float, default=0.0, help="seconds between logins (0: all at once)"
    )
    args = parser.parse_args()
    if not 1 <= args.students <= MAX_STUDENTS:
        parser.error(f"--students takes 1 to {MAX_STUDENTS}")
    return asyncio.run(run(args.students, args.timeout, args.stagger))


if __name__ == "__main__":
    raise SystemExit(main())
