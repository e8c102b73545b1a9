"""The checker process: a memory limit, a death it survives, and no life after its game."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from derivquest.engine import JudgeService
from derivquest.engine.error_texts import error_text
from derivquest.engine.errors import EngineError
from derivquest.engine.presenter import present, present_error
from derivquest.engine.service import (
    DEFAULT_MEMORY_MB,
    MEMORY_ENV,
    TOO_BIG_MESSAGE,
    memory_limit_from_environment,
)
from derivquest.engine.worker import orphaned

SLOW = (
    "0",
    "(sinh(x)^2-cosh(x)^2+1)atan(x) + (sin(3x)-3sin(x)+4sin(x)^3)e^(x^2)"
    " + (cos(3x)-4cos(x)^3+3cos(x))sqrt(1+x^4) + (tanh(2x)-2tanh(x)/(1+tanh(x)^2))ln(2+x^2)",
)
"""A check that runs for seconds: four identities that cancel to zero defeat sampling (every
point is rounding noise), so the judge falls back to SymPy's simplify."""

GENEROUS = 60.0
"""A deadline no check here reaches unless something is broken (the machine may be loaded)."""


def checkers(parent: int) -> list[int]:
    """The live checker processes whose parent is `parent`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[1] == str(parent) and fields[0] != "Z" and b"engine.worker" in command:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time `pid` has used, in clock ticks (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rfind(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def wait_busy(pid: int) -> None:
    """Wait until `pid` is computing: a tenth of a second of CPU more than now."""
    start = cpu_ticks(pid)
    ticks = os.sysconf("SC_CLK_TCK") // 10
    assert wait_until(lambda: cpu_ticks(pid) - start >= ticks, 30), "the check never started"


def wait_until(condition: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_the_memory_limit_holds_in_the_checker_process() -> None:
    # Every path to a huge number is refused by the parser's and evaluator's guards before it
    # allocates, so no player input reaches the limit any more: the limit itself is checked
    # here, in a process set up as the checker sets itself up. (A checker that dies of it
    # mid-check is the test below: the same verdict as any death.)
    script = textwrap.dedent(
        """
        from derivquest.engine.worker import limit_memory
        limit_memory(256 * 1024 * 1024)
        try:
            block = bytearray(1024 * 1024 * 1024)
        except MemoryError:
            print("refused")
        else:
            print("allocated", len(block))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=GENEROUS
    )
    assert result.stdout.strip() == "refused"


def test_a_checker_killed_during_a_check_gives_a_verdict_and_is_replaced() -> None:
    others = set(checkers(os.getpid()))  # other tests' checkers in this process
    with JudgeService(deadline=GENEROUS) as service:
        service.start()
        (pid,) = set(checkers(os.getpid())) - others
        verdicts = []
        checking = threading.Thread(target=lambda: verdicts.append(service.check(*SLOW)))
        checking.start()
        wait_busy(pid)  # the check is under way (it never ends by itself)
        os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
        checking.join(GENEROUS)
        assert [(v.status, v.message) for v in verdicts] == [("invalid", TOO_BIG_MESSAGE)]
        # A Bengali player reads it in Bengali: the verdict carries the message id.
        assert verdicts[0].sentence_id == "error.checker-too-big"
        assert present(verdicts[0], "bn") == error_text("error.checker-too-big", "bn", ())
        assert service.check_derivative("x^2", "2x").status == "correct"


def test_a_computation_error_keeps_its_message_id_across_the_pipe() -> None:
    with JudgeService(deadline=GENEROUS) as service:
        error = service.expression_text("sin(x", ("x",))
    assert isinstance(error, EngineError) and error.key is not None
    assert present_error(error, "bn") != error.message  # said in Bengali, not English


def test_a_checker_started_by_a_short_lived_thread_outlives_the_thread() -> None:
    # PR_SET_PDEATHSIG fires when the starting *thread* ends: the game starts its checker
    # from Textual's worker threads, which end after each job.
    others = set(checkers(os.getpid()))  # other tests' checkers in this process
    with JudgeService(deadline=GENEROUS) as service:
        starter = threading.Thread(target=service.start)
        starter.start()
        starter.join()
        (pid,) = set(checkers(os.getpid())) - others
        time.sleep(0.3)
        assert alive(pid)
        assert service.check("2x", "x+x").status == "correct"
        assert set(checkers(os.getpid())) - others == {pid}


GAME = textwrap.dedent(
    """
    import sys, threading
    from derivquest.engine import JudgeService
    service = JudgeService(deadline=600)
    threading.Thread(target=service.start).start()  # as the game does, from a thread
    service.check("x", "x")
    print("ready", flush=True)
    if sys.argv[1] == "busy":
        service.check({expected!r}, {answer!r})
    else:
        threading.Event().wait()
    """
).format(expected=SLOW[0], answer=SLOW[1])


@pytest.mark.parametrize("state", ["busy", "idle"])
def test_a_killed_game_leaves_no_checker(state: str) -> None:
    game = subprocess.Popen(
        [sys.executable, "-c", GAME, state], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert game.stdout is not None
        assert game.stdout.readline() == b"ready\n", game.stderr.read() if game.stderr else ""
        (checker,) = checkers(game.pid)
        if state == "busy":
            wait_busy(checker)
        game.kill()
        game.wait()
        assert wait_until(lambda: not alive(checker)), f"checker {checker} outlived its game"
    finally:
        game.kill()
        game.wait()


def test_the_watchdog_sees_a_closed_pipe_and_a_new_parent() -> None:
    read_end, write_end = os.pipe()
    try:
        assert not orphaned(os.getppid(), read_end)
        assert orphaned(os.getppid() + 1, read_end)  # the game died: init adopted us
        os.close(write_end)
        assert orphaned(os.getppid(), read_end)  # the game closed its end
    finally:
        os.close(read_end)


@pytest.mark.parametrize(
    ("value", "megabytes"),
    [
        (None, DEFAULT_MEMORY_MB),
        ("2048", 2048),
        ("256", 256),
        ("100", DEFAULT_MEMORY_MB),  # too small to start a checker
        ("lots", DEFAULT_MEMORY_MB),
        ("1e9", DEFAULT_MEMORY_MB),
    ],
)
def test_the_memory_limit_can_be_set_by_environment(
    value: str | None, megabytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv(MEMORY_ENV, raising=False)
    else:
        monkeypatch.setenv(MEMORY_ENV, value)
    assert memory_limit_from_environment() == megabytes * 1024 * 1024
