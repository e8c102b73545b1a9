"""Fault benchmark: hostile input and store faults against the real game and checker, in tmux.

    python bench/fault_bench.py [--timeout 30]

Target: tracebacks shown 0, answers lost 0; and no key waits much longer than the checker's
one-second deadline.

Every scenario runs the real ``derivquest`` command (the console script next to
``sys.executable``) in its own tmux server at 100x30 with a fresh ``DERIVQUEST_HOME``:

- chart functions: towers of powers and other hostile f(x) typed into the tangent and
  gradient-check charts' function box, then arrow keys on the chart;
- answers: hostile answers typed into the first question (towers, numbers too large to
  print, 600 characters, 40-deep nesting), and ordinary ones that get judged;
- packs: `pack validate` and a game started with `--pack` on a pack whose plot question draws
  ``2^2^2^2^2^x`` and a pack with a level file nested 3,000 deep;
- store faults: the game's file-size limit lowered (RLIMIT_FSIZE, like a full disk) while
  an answer is saved and while the resume point is saved, then lifted for the retry; the
  database and its WAL overwritten with random bytes mid-game (past their headers);
  ``--profile`` with 41 characters and with control characters.

Every screen seen is searched for "Traceback" (also after the game exits: the shell prints
the exit status below what the game left). An answer is lost when the screen showed it
judged ("Correct!" or "Not quite"), or refused as not saved and then judged on the retry, and
`progress export` afterwards does not have it. Memory is the peak resident size (VmHWM) of
the game and of every checker process, read from /proc while the game runs. A key's wait is
the time from tmux sending it until the screen changes. It prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 100, 30

CHART_FUNCTIONS = [
    "2^2^2^2^2^x",
    "x^x^x^x^x^x",
    "e^e^e^e^e^x",
    "(x+1)^1000 + (x+2)^1000",
    "x^x^x^x^x^x^x^x^x^x^x^x",
    "+".join(f"e^sin({k}x)" for k in range(1, 36)),
    "sin(" * 39 + "x" + ")" * 39,
    "10^4000*10^4000*x",
    "ln(ln(ln(ln(x))))",
    "x +* 3",
]
"""Typed into the f(x) box of the tangent chart and the gradient-check chart."""

REFUSALS = (
    "type an expression",
    "unexpected",
    "takes too long",
    "too large",
    "nested too deeply",
    "cannot draw",
    "too long",
)
"""What the f(x) box says under it when a function is not drawn."""

ANSWERS = [
    "2^2^2^2^2^x",
    "x^x^x^x^x^x",
    "9^9^9^9",
    "10^4000*10^4000",
    "x" * 600,
    "(" * 39 + "x" + ")" * 39,
    "(x+1)^1000 + (x+2)^1000",
    "sin(" * 45 + "x" + ")" * 45,
    "e^e^e^e^e^e^e^e^x",
    "0",
    "3",
]
"""Typed as answers to the course's first question (numeric: the last two get judged)."""

FULL = 4096
"""The file-size limit of a "full disk": every write past the first page of a file fails."""

NESTED_LEVEL = "id = 'deep'\ntitle = { en = 'Deep' }\nx = " + "[" * 3000 + "]" * 3000 + "\n"


@dataclass
class Figures:
    """What the run found."""

    hostile: int = 0
    faults: int = 0
    tracebacks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    game_memory: int = 0
    checker_memory: int = 0
    waits: list[tuple[float, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def derivquest_command() -> list[str]:
    script = Path(sys.executable).parent / "derivquest"
    return [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]


def peak_kb(pid: int) -> int:
    """VmHWM of a process in kB, 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """Every thread's children: the game starts its checker from a worker thread."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            pass
    return found


class Game:
    """One `derivquest` in its own tmux server; every screen read is kept for the search."""

    def __init__(self, figures: Figures, home: Path, args: list[str], timeout: float) -> None:
        self.figures = figures
        self.home = home
        self.timeout = timeout
        self.name = f"fault-bench-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name]
        env = {"DERIVQUEST_HOME": str(home), "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = f"env {exports} {shlex.join(derivquest_command() + args)}; echo EXITED-$?; "
        script += "sleep 600"
        size = ["-x", str(WIDTH), "-y", str(HEIGHT)]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, *size, script])
        self.shell = int(self._tmux("display-message", "-p", "#{pane_pid}").strip())

    def _tmux(self, *words: str) -> str:
        result = subprocess.run(
            [*self.tmux, *words[:1], "-t", self.name, *words[1:]], capture_output=True, text=True
        )
        return result.stdout

    def game_pid(self) -> int | None:
        found = children(self.shell)
        return found[0] if found else None

    def screen(self) -> str:
        text = self._tmux("capture-pane", "-p")
        if "Traceback" in text and text not in self.figures.tracebacks:
            self.figures.tracebacks.append(text)
        game = self.game_pid()
        if game is not None:
            self.figures.game_memory = max(self.figures.game_memory, peak_kb(game))
            for checker in children(game):
                self.figures.checker_memory = max(self.figures.checker_memory, peak_kb(checker))
        return text

    def wait_for(self, *texts: str) -> str:
        deadline = time.monotonic() + self.timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts):
                return screen
            time.sleep(0.05)
        last = " | ".join(line.strip() for line in screen.splitlines() if line.strip())[-160:]
        self.figures.notes.append(f"{texts[0]!r} never appeared; the screen ended: {last}")
        return screen

    def type(self, text: str) -> None:
        """Type literal text and wait until its end shows (so the next key's wait is its own)."""
        subprocess.run([*self.tmux, "send-keys", "-l", "-t", self.name, "--", text])
        self.wait_for(text[-12:])

    def settle(self) -> str:
        """Wait until the screen stops changing (workers done), untimed."""
        deadline = time.monotonic() + self.timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            time.sleep(0.3)
            again = self.screen()
            if again == screen:
                return screen
            screen = again
        return screen

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys])

    def key(self, key: str, what: str, done: tuple[str, ...] = (), gone: str = "") -> str:
        """Send one key and time it until the screen changes (and shows one of ``done`` and no
        longer shows ``gone``, if given)."""
        before = self.screen()
        started = time.monotonic()
        self.send(key)
        screen = before
        while time.monotonic() - started < self.timeout:
            screen = self.screen()
            changed = screen != before
            shows = not done or any(text in screen for text in done)
            if changed and shows and not (gone and gone in screen):
                break
            time.sleep(0.01)
        self.figures.waits.append((time.monotonic() - started, what))
        return screen

    def quit(self) -> None:
        self.send("C-q")
        self.wait_for("EXITED-")
        self.close()

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)

    def limit_files(self, size: int) -> None:
        """RLIMIT_FSIZE (soft) on the game: writes past ``size`` fail, as on a full disk."""
        game = self.game_pid()
        if game is not None:
            resource.prlimit(game, resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))


def start(figures: Figures, home: Path, timeout: float, *args: str) -> Game:
    game = Game(figures, home, list(args), timeout)
    game.wait_for("Who is playing?")
    game.type("Bench")
    game.send("Enter")
    game.wait_for("Course map")
    return game


def chart_functions(figures: Figures, work: Path, timeout: float) -> None:
    for chart, title in (("t", "Tangent line"), ("k", "Gradient check")):
        game = start(figures, work / f"chart-{chart}", timeout)
        for function in CHART_FUNCTIONS:
            figures.hostile += 1
            # A fresh chart screen each time: the chart has the focus, the f(x) box is before it.
            game.send(chart)
            game.wait_for("x0 = ", "numerical = ")  # drawn: the status line of numbers shows
            game.send("BTab")
            game.settle()
            # Settled before typing: the f(x) box is a plain Input, where Ctrl+U arriving in
            # one read with the text runs after it (Textual #6605) and would clear it.
            game.send("C-e", "C-u")
            game.settle()
            game.type(function)
            game.key("Enter", f"{title}: Enter on f(x) = {function[:30]}")
            screen = game.settle()
            if not any(problem in screen for problem in REFUSALS):
                for arrow in ("Left", "Right", "Left", "Right"):
                    game.key(arrow, f"{title}: {arrow} with f(x) = {function[:30]}")
                    game.settle()
            game.send("Escape")
            game.wait_for("Course map")
        game.quit()


def open_first_question(game: Game) -> None:
    game.send("Enter")
    game.wait_for("start the questions")
    game.send("Enter")
    game.wait_for("Question 1 of")


def submit(game: Game, answer: str, what: str) -> str:
    game.send("C-e", "C-u")
    game.settle()
    game.type(answer)
    game.settle()
    # Judged when "Checking…" has come and gone (the verdict, or why it could not be judged).
    return game.key("Enter", what, gone="Checking")


def verdicts(screen: str) -> set[str]:
    """The lines of a screen that show an answer judged."""
    return {
        line.strip() for line in screen.splitlines() if "Not quite" in line or "Correct!" in line
    }


def answers(figures: Figures, work: Path, timeout: float) -> None:
    home = work / "answers"
    game = start(figures, home, timeout)
    open_first_question(game)
    judged: list[str] = []
    for answer in ANSWERS:
        figures.hostile += 1
        before = verdicts(game.screen())
        submit(game, answer, f"answer {answer[:30]}")
        # Settled, and compared with the verdict before: an answer refused at once can leave
        # the last answer's "Not quite" on screen, which is not a judgement of this one.
        if verdicts(game.settle()) - before:
            judged.append(answer)
    game.quit()
    check_saved(figures, home, judged)


def store_faults(figures: Figures, work: Path, timeout: float) -> None:
    home = work / "store"
    game = start(figures, home, timeout)
    open_first_question(game)
    judged: list[str] = []
    # 1. A full disk while the answer is saved: the store's message, the answer kept.
    figures.faults += 1
    game.limit_files(FULL)
    screen = submit(game, "0", "answer on a full disk")
    game.limit_files(resource.RLIM_INFINITY)
    if "press Enter to try again" in screen:
        screen = game.key("Enter", "retry after the disk has space", done=("Not quite", "Correct"))
        if "Not quite" in screen or "Correct!" in screen:
            judged.append("0")
        else:
            figures.lost.append("0 (never judged after the retry)")
    elif "Not quite" in screen or "Correct!" in screen:
        judged.append("0")
        figures.notes.append("full disk: the save went through (the fault did not bite)")
    else:
        figures.notes.append("full disk: neither a verdict nor the retry message")
    # 2. A full disk while the typed text is saved for resuming (after a second of quiet).
    figures.faults += 1
    game.limit_files(FULL)
    game.send("C-u")
    game.type("1+")
    # The question screen's own notice ("Not saved: ..."), or the app's for any other worker.
    game.wait_for("Not saved:", "Progress not saved")
    game.limit_files(resource.RLIM_INFINITY)
    screen = submit(game, "3", "answer after a failed background save")
    if "Not quite" in screen or "Correct!" in screen:
        judged.append("3")
    game.quit()
    check_saved(figures, home, judged)

    # 3. The database's pages overwritten mid-game (tracebacks only: the data is gone).
    figures.faults += 1
    home = work / "corrupt"
    game = start(figures, home, timeout)
    open_first_question(game)
    # Random bytes over everything past the database's and the WAL's headers.
    for name, header in (("progress.sqlite3", 100), ("progress.sqlite3-wal", 32)):
        path = home / name
        if path.exists() and path.stat().st_size > header:
            with path.open("r+b") as out:
                out.seek(header)
                out.write(os.urandom(path.stat().st_size - header))
    screen = submit(game, "0", "answer on a damaged database")
    shown = [line.strip() for line in screen.splitlines() if line.strip()]
    figures.notes.append(f"damaged database: the answer got {shown[-2][:100]!r}")
    game.send("C-q")
    game.wait_for("EXITED-")
    game.close()

    # 4. Bad profile names: a message and exit 2.
    for name in ("a" * 41, "bell\x07name", "esc\x1b[31mname"):
        figures.hostile += 1
        game = Game(figures, work / "profile", ["--profile", name], timeout)
        screen = game.wait_for("EXITED-")
        if "EXITED-2" not in screen or "--profile" not in screen:
            figures.notes.append(f"--profile {name!r}: no message or not exit 2")
        game.close()


def packs(figures: Figures, work: Path, timeout: float) -> None:
    hostile = work / "hostile-pack"
    (hostile / "levels").mkdir(parents=True)
    (hostile / "pack.toml").write_text(
        'format_version = 1\nid = "hostile"\ntitle = { en = "Hostile" }\nauthor = "bench"\n'
        'version = "1.0.0"\nlanguages = ["en"]\nlevels = ["levels/01.toml"]\n'
    )
    (hostile / "levels" / "01.toml").write_text(
        'id = "tower"\ntitle = { en = "Tower" }\nlesson = { en = "Tower." }\n\n'
        '[[questions]]\nid = "flat"\nkind = "plot"\nprompt = { en = "Find it." }\n'
        'solution = { en = "None." }\n\n[questions.plot]\nchart = "tangent"\n'
        'function = "2^2^2^2^2^x"\ngoal = "slope"\ntarget = 0\ntolerance = 0.01\n'
        "x_start = 0\nx_step = 0.5\nx_min = -2\nx_max = 6\n"
    )
    nested = work / "nested-pack"
    (nested / "levels").mkdir(parents=True)
    (nested / "pack.toml").write_text(
        (hostile / "pack.toml").read_text().replace("hostile", "nested")
    )
    (nested / "levels" / "01.toml").write_text(NESTED_LEVEL)
    for pack in (hostile, nested):
        figures.hostile += 1
        started = time.monotonic()
        result = subprocess.run(
            [*derivquest_command(), "pack", "validate", str(pack)],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "DERIVQUEST_HOME": str(work / "packs-home")},
        )
        output = result.stdout + result.stderr
        if "Traceback" in output:
            figures.tracebacks.append(output)
        figures.notes.append(
            f"pack validate {pack.name}: exit {result.returncode} in "
            f"{time.monotonic() - started:.1f} s"
        )
        usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        figures.game_memory = max(figures.game_memory, usage)
        game = start(figures, work / f"game-{pack.name}", timeout, "--pack", str(pack))
        game.quit()


def check_saved(figures: Figures, home: Path, judged: list[str]) -> None:
    result = subprocess.run(
        [*derivquest_command(), "progress", "export", "-"],
        env={**os.environ, "DERIVQUEST_HOME": str(home)},
        capture_output=True,
        text=True,
    )
    try:
        document = json.loads(result.stdout)
        saved = [a["answer"] for p in document["profiles"] for a in p["attempts"]]
    except (ValueError, KeyError):
        saved = []
    for answer in judged:
        if answer in saved:
            saved.remove(answer)
        else:
            figures.lost.append(answer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait per step")
    options = parser.parse_args()
    figures = Figures()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fault-bench-") as folder:
        work = Path(folder)
        for scenario in (chart_functions, answers, store_faults, packs):
            print(f"running {scenario.__name__} ...", file=sys.stderr, flush=True)
            scenario(figures, work, options.timeout)
    waits = sorted(figures.waits, reverse=True)
    print(f"fault benchmark ({time.monotonic() - started:.0f} s)")
    print(f"  hostile inputs tried     {figures.hostile}")
    print(f"  faults injected          {figures.faults}")
    print(f"  tracebacks shown         {len(figures.tracebacks)}   (must be 0)")
    print(f"  answers lost             {len(figures.lost)}   (must be 0) {figures.lost or ''}")
    print(f"  max memory, game         {figures.game_memory / 1024:.0f} MiB")
    print(f"  max memory, checker      {figures.checker_memory / 1024:.0f} MiB")
    if waits:
        median = statistics.median(w for w, _ in waits)
        print(f"  keys timed               {len(waits)}, median {median * 1000:.0f} ms")
        print(f"  longest key wait         {waits[0][0] * 1000:.0f} ms ({waits[0][1]})")
        for wait, what in waits[1:4]:
            print(f"                           {wait * 1000:.0f} ms ({what})")
    for note in figures.notes:
        print(f"  note: {note}")
    for screen in figures.tracebacks[:1]:
        print("first screen with a traceback:\n" + screen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
