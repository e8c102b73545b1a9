"""A game on its own pty: its terminal, resizes, and the SIGHUP/SIGTERM/SIGKILL ladder."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from derivquest.server.pty_child import Budget, PtyChild, WindowSize

REPORT = """
import os, sys
size = os.get_terminal_size(0)
os.open("/dev/tty", os.O_RDWR)  # fails without a controlling terminal
print("size", size.columns, size.lines, "leader", os.getsid(0) == os.getpid(), flush=True)
print("term", os.environ["TERM"], "tty", os.isatty(0) and os.isatty(1), flush=True)
print("keys", sys.stdin.readline().strip(), flush=True)
"""

ON_RESIZE = """
import os, signal, sys, time
def show(*_):
    # os.write, not print: a second SIGWINCH may arrive while the first is being shown.
    size = os.get_terminal_size(0)
    os.write(1, f"now {size.columns} {size.lines}\\n".encode())
signal.signal(signal.SIGWINCH, show)
print("ready", flush=True)
time.sleep(30)
"""

STUBBORN = """
import signal, time
for name in {ignored}:
    signal.signal(getattr(signal, name), signal.SIG_IGN)
print("ready", flush=True)
time.sleep(30)
"""

LEAVES_A_CHILD = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
print("child", child.pid, flush=True)
"""


GREEDY = """
import resource, sys, time
print("limits", *(resource.getrlimit(getattr(resource, name))[0]
      for name in ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_CORE")), flush=True)
try:
    hoard = bytearray(1024 ** 3)
except MemoryError:
    print("no memory", flush=True)
started = time.monotonic()
while time.monotonic() - started < 60:  # spins until the CPU budget ends it
    pass
"""

SIZE = WindowSize(100, 30)


def spawn(code: str, budget: Budget | None = None) -> PtyChild:
    env = {"TERM": "screen", "PATH": os.environ.get("PATH", "")}
    return PtyChild.spawn(
        [sys.executable, "-c", code], env, SIZE, asyncio.get_running_loop(), budget
    )


async def read_until(child: PtyChild, text: str, timeout: float = 10.0) -> str:
    """Read the game's output until `text` appears."""
    seen = ""
    deadline = time.monotonic() + timeout
    while text not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never came; got {seen!r}")
        try:
            seen += os.read(child.master, 4096).decode()
        except BlockingIOError:
            await asyncio.sleep(0.01)
        except OSError:  # EIO: it closed its terminal
            break
    return seen


async def test_the_game_gets_a_real_terminal() -> None:
    child = spawn(REPORT)
    os.write(child.master, b"abc\r")
    output = await read_until(child, "keys")
    output += await read_until(child, "\n")
    assert "size 100 30 leader True" in output
    assert "term screen tty True" in output
    assert "keys abc" in output
    assert "abc\r\n" not in output.split("term")[0]  # no echo before the game takes over
    assert await child.wait() == 0
    child.close()


async def test_a_resize_reaches_the_game() -> None:
    child = spawn(ON_RESIZE)
    await read_until(child, "ready")
    child.resize(WindowSize.clamped(132, 43))
    assert "now 132 43" in await read_until(child, "now 132 43")
    assert await child.end(grace=1.0) == -signal.SIGHUP
    child.close()


@pytest.mark.parametrize(
    ("ignored", "ended_by"),
    [
        ((), signal.SIGHUP),
        (("SIGHUP",), signal.SIGTERM),
        (("SIGHUP", "SIGTERM"), signal.SIGKILL),
    ],
)
async def test_the_ladder(ignored: tuple[str, ...], ended_by: int) -> None:
    child = spawn(STUBBORN.format(ignored=ignored))
    await read_until(child, "ready")
    started = time.monotonic()
    assert await child.end(grace=0.2) == -ended_by
    assert time.monotonic() - started < 10.0  # not the 30 s the program sleeps
    assert child.exited
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # reaped already: no zombie left
    child.close()


async def test_sighup_gets_its_own_longer_grace() -> None:
    child = spawn(STUBBORN.format(ignored=("SIGHUP",)))
    await read_until(child, "ready")
    started = time.monotonic()
    assert await child.end(grace=0.1, hangup_grace=0.8) == -signal.SIGTERM
    assert time.monotonic() - started >= 0.8  # SIGTERM came only after the hangup grace
    child.close()


async def test_the_budget_limits_memory_and_processor_time() -> None:
    budget = Budget(memory=512 * 1024**2, cpu=1)
    child = spawn(GREEDY, budget)
    output = await read_until(child, "no memory", timeout=20)
    assert f"limits {budget.memory} 1 0" in output
    assert await asyncio.wait_for(child.wait(), 30) == -signal.SIGXCPU
    child.close()


async def test_what_the_game_leaves_in_its_group_is_killed() -> None:
    child = spawn(LEAVES_A_CHILD)
    output = await read_until(child, "\n", timeout=10)
    grandchild = int(output.split()[1])
    assert await child.wait() == 0
    child.close()
    for _ in range(100):
        if not Path(f"/proc/{grandchild}").exists() or "Z" in state(grandchild):
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError("the game's child outlived it")


def state(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "gone"
    return stat[stat.rfind(")") + 2]


@pytest.mark.parametrize(
    ("reported", "expected"),
    [((80, 24), (80, 24)), ((0, 0), (80, 24)), ((100000, 100000), (1000, 500))],
)
def test_window_sizes(reported: tuple[int, int], expected: tuple[int, int]) -> None:
    size = WindowSize.clamped(*reported)
    assert (size.columns, size.rows) == expected


LOWERED_SERVER = """
import asyncio, os, resource, sys
from derivquest.server.pty_child import Budget, PtyChild, WindowSize
resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))  # the server's own cap
resource.setrlimit(resource.RLIMIT_CPU, (100, 100))
async def main():
    probe = "import resource; print(*resource.getrlimit(resource.RLIMIT_AS), "
    probe += "*resource.getrlimit(resource.RLIMIT_CPU), flush=True)"
    child = PtyChild.spawn([sys.executable, "-c", probe], {"PATH": os.environ["PATH"]},
                           WindowSize(80, 24), asyncio.get_running_loop(),
                           Budget(memory=16 * 1024**3, cpu=1000))
    await child.wait()
    print(os.read(child.master, 4096).decode().strip())
asyncio.run(main())
"""


def test_a_budget_above_the_servers_own_limits_is_lowered_to_them() -> None:
    # Only root may raise a hard limit: asking for more than the server has would refuse
    # every game. Run in a process of its own, whose limits can be lowered for good.
    result = subprocess.run(
        [sys.executable, "-c", LOWERED_SERVER], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    gib4 = 4 * 1024**3
    assert result.stdout.split() == [str(gib4), str(gib4), "95", "100"]
