"""A real `derivquest serve` session judged by the shared checker pool, over real OpenSSH.

With the default `--checkers shared` the student's game starts no checker of its own: the
verdict comes from the pool's warm workers; with `--checkers per-game` the game runs its own
checker as before. Stopping the server ends the pool and its workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_ssh_openssh import (
    Server,
    alive,
    command_line,
    make_key,
    require,
    ssh,
    student,
    wait_until,
)

pytestmark = pytest.mark.e2e

OWN_CHECKER = b"derivquest.engine.worker"
"""In the command line of a game's own checker process."""


def own_checkers(server: Server) -> list[int]:
    return [pid for pid in server.descendants() if OWN_CHECKER in command_line(pid)]


def games_connected(pool: int) -> int:
    """Connections the pool accepted on its socket (/proc/net/unix lists each with the path)."""
    socket_path = command_line(pool).split(b"\0")[3].decode()
    lines = Path("/proc/net/unix").read_text().splitlines()
    return sum(1 for line in lines if line.endswith(" " + socket_path)) - 1  # the listener


@pytest.mark.parametrize("checkers", ["shared", "per-game"])
def test_a_served_answer_is_judged_by_the_chosen_checkers(tmp_path: Path, checkers: str) -> None:
    require("tmux")
    key = make_key(tmp_path, "ana")
    roster = tmp_path / "class.keys"
    roster.write_text(f"ana {(tmp_path / 'ana.pub').read_text()}")
    options = ["--authorized-keys", str(roster)]
    if checkers == "per-game":
        options += ["--checkers", "per-game"]
    server = Server(tmp_path / "home", *options)
    try:
        if checkers == "shared":  # the pool's parent, then its workers once it is warm
            wait_until(lambda: len(server.pool()) >= 2, "the pool's workers", timeout=30)
        pool = server.pool()
        assert (len(pool) >= 2) is (checkers == "shared")
        with student(ssh(server.port, key, "ana", "-tt"), tmp_path / "ssh.pid") as terminal:
            terminal.wait_for("start the questions")  # a new player: the first lesson
            terminal.send("Enter")
            terminal.wait_for("Question 1 of 8")
            terminal.write("0")
            terminal.send("Enter")
            terminal.wait_for("Not quite: 0 is too small.")
            if checkers == "shared":
                assert own_checkers(server) == []
                assert server.pool()[1:] == pool[1:]  # no worker was lost or replaced
                assert games_connected(pool[0]) == 1  # the game asked the pool
            else:
                assert len(own_checkers(server)) == 1
            status, _, _ = server.stop()
            terminal.wait_for("EXITED-0")
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.communicate()
    assert status == 0
    wait_until(lambda: not any(alive(pid) for pid in pool), "the pool to end with the server")
