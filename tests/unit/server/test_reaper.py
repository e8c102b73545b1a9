"""No orphans: a subreaper server adopts what its games leave behind, then ends and reaps it.

Each test runs in a fresh interpreter: becoming a subreaper is for the life of a process,
and the test runner must not adopt (or kill) anything of its own.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SETUP = """
import os, subprocess, sys, time
from pathlib import Path
from derivquest.server.reaper import StrayReaper, become_subreaper, children

assert become_subreaper()

def orphan(code):
    # A "game" that starts a helper in a session of its own, then exits: an orphan.
    starter = (
        "import subprocess, sys; "
        f"p = subprocess.Popen([sys.executable, '-c', {code!r}], start_new_session=True, "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(p.pid)"
    )
    game = subprocess.run([sys.executable, "-c", starter], capture_output=True, text=True)
    return int(game.stdout)

def gone(pid):
    return not Path(f"/proc/{pid}").exists()

reaper = StrayReaper(lambda: [])
"""


def run(body: str) -> str:
    code = SETUP + textwrap.dedent(body)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_lingering_orphan_is_adopted_then_killed_and_reaped() -> None:
    output = run(
        """
        helper = orphan("import time; time.sleep(60)")
        time.sleep(0.1)
        assert helper in children(os.getpid()), "not adopted"
        reaper.sweep()
        assert not gone(helper), "killed at first sight: it gets one sweep to exit"
        for _ in range(100):
            reaper.sweep()
            if gone(helper):
                break
            time.sleep(0.02)
        print("gone" if gone(helper) else "still there")
        """
    )
    assert output.strip() == "gone"


def test_an_orphan_that_exits_by_itself_is_reaped() -> None:
    output = run(
        """
        helper = orphan("pass")
        for _ in range(100):
            if children(os.getpid()).get(helper) == "Z":
                break
            time.sleep(0.02)
        reaper.sweep()
        print("reaped" if gone(helper) else "zombie")
        """
    )
    assert output.strip() == "reaped"


def test_end_all_at_shutdown_spares_running_games() -> None:
    output = run(
        """
        import signal
        game = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        reaper = StrayReaper(lambda: [game.pid])
        helper = orphan("import time; time.sleep(60)")
        time.sleep(0.1)
        reaper.end_all(signal.SIGTERM)
        for _ in range(100):
            if reaper.end_all(0) == 0:
                break
            time.sleep(0.02)
        print(gone(helper), game.poll() is None)
        game.kill()
        game.wait()
        """
    )
    assert output.split() == ["True", "True"]
