"""`derivquest serve` with the real game and the real OpenSSH client, driven in tmux.

Log in with a key, answer the first question, lose the connection (the ssh client is
killed), log in again and find the same question; then SIGTERM the server while a student
plays: the student is told, the server exits 0 and leaves no process behind.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncssh
import pytest

from derivquest.server.zygote_process import running_zygote_socket
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e


def require(program: str) -> str:
    """The program's path; the test fails (never skips) when it is missing."""
    path = shutil.which(program)
    if path is None:
        raise AssertionError(f"{program} is required for the SSH tests (apt-get install {program})")
    return path


def make_key(folder: Path, name: str) -> Path:
    """Write an ed25519 key pair for `name` (OpenSSH format, owner-only) and return its path."""
    key = asyncssh.generate_private_key("ssh-ed25519", comment=f"{name}@laptop")
    path = folder / name
    key.write_private_key(path)
    path.chmod(0o600)
    key.write_public_key(folder / f"{name}.pub")
    return path


def parents() -> dict[int, int]:
    """Every process's parent, from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat:
            table[int(entry.name)] = int(stat[stat.rfind(")") + 2 :].split()[1])
    return table


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def process_name(pid: int) -> str:
    """The process's name (`ps -o comm`): a game forked from the zygote names itself."""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


ZYGOTE = "derivquest-zyg"
"""The name of the warm process games are forked from (it outlives every game)."""


CHECKER_POOL = b"derivquest.engine.pool"
"""In the command line of the shared checker pool and of its forked workers."""


def is_pool(pid: int) -> bool:
    return CHECKER_POOL in command_line(pid)


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


class Server:
    """`derivquest serve` in a process of its own, on a free loopback port."""

    def __init__(self, home: Path, *options: str) -> None:
        self.home = home
        self.env = {**os.environ, "DERIVQUEST_HOME": str(home)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "derivquest", "serve", "--port", "0", *options],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.port = 0
        assert self.process.stdout is not None
        for line in self.process.stdout:  # "... listening on 127.0.0.1 port 40123"
            if "listening on" in line:
                self.port = int(line.split()[-1])
                break
        if not self.port:
            raise AssertionError(f"the server did not start: {self.process.communicate()}")

    def games(self) -> list[int]:
        """Pids of the server's children that run a game (spawned, or forked and named)."""
        return [
            pid
            for pid, parent in parents().items()
            if parent == self.process.pid
            and (b"--profile" in command_line(pid) or process_name(pid) == "derivquest-game")
        ]

    def zygotes(self) -> list[int]:
        """Pids of the server's zygote (one while games are forked)."""
        table = parents()
        return [
            p
            for p, parent in table.items()
            if parent == self.process.pid and process_name(p) == ZYGOTE
        ]

    def descendants(self) -> list[int]:
        """Every process below the server but the zygote and the shared checker pool (both
        live as long as the server): games and their answer checkers."""
        table = parents()
        zygotes = set(self.zygotes())
        found, frontier = [], [self.process.pid]
        while frontier:
            frontier = [p for p, parent in table.items() if parent in frontier and p not in zygotes]
            frontier = [pid for pid in frontier if CHECKER_POOL not in command_line(pid)]
            found += frontier
        return found

    def pool(self) -> list[int]:
        """The shared checker pool's processes: its parent and its workers."""
        table = parents()
        found = [p for p, up in table.items() if up == self.process.pid and is_pool(p)]
        return found + [pid for pid, parent in table.items() if parent in found]

    def wait_for_games(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.games()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.games())} games running, expected {count}")
            time.sleep(0.1)

    def stop(self) -> tuple[int, str, str]:
        """SIGTERM; return the exit status and the rest of the output."""
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err

    def derivquest(self, *argv: str) -> str:
        """Run another derivquest command on the server's data directory."""
        result = subprocess.run(
            [sys.executable, "-m", "derivquest", *argv],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout


def ssh(port: int, key: Path, name: str, *extra: str) -> list[str]:
    """The OpenSSH command a student types, without their config, agent or other keys."""
    return [
        require("ssh"),
        "-F",
        "/dev/null",
        "-p",
        str(port),
        "-i",
        str(key),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "IdentityAgent=none",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        *extra,
        f"{name}@127.0.0.1",
    ]


@pytest.fixture
def classroom(tmp_path: Path) -> Iterator[tuple[Server, dict[str, Path]]]:
    """A server whose key roster lists ana; eve has a key that is not on it."""
    require("tmux")
    keys = {name: make_key(tmp_path, name) for name in ("ana", "eve")}
    roster = tmp_path / "class.keys"
    roster.write_text(f"ana {(tmp_path / 'ana.pub').read_text()}")
    server = Server(tmp_path / "home", "--authorized-keys", str(roster))
    try:
        yield server, keys
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.communicate()


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def student(command: list[str], pidfile: Path, term: str = "xterm-256color") -> Terminal:
    """A tmux terminal running `command`; its pid is written to `pidfile` (to kill it)."""
    script = f"echo $$ > {shlex.quote(str(pidfile))}; exec {shlex.join(command)}"
    return Terminal(["sh", "-c", script], {"TERM": term, "PATH": os.environ["PATH"]})


def test_play_lose_the_connection_resume_then_shutdown(
    classroom: tuple[Server, dict[str, Path]], tmp_path: Path
) -> None:
    server, keys = classroom

    def zygote_listens() -> bool:
        socket = running_zygote_socket(server.process.pid)
        return socket is not None and socket.exists()

    wait_until(zygote_listens, "the zygote to listen", timeout=60)
    zygote = server.zygotes()[0]
    pidfile = tmp_path / "ssh.pid"
    with student(ssh(server.port, keys["ana"], "ana", "-tt"), pidfile) as terminal:
        terminal.wait_for("start the questions")  # a new player: the first lesson
        terminal.send("Enter")
        terminal.wait_for("Question 1 of 8")
        terminal.write("0")
        terminal.send("Enter")
        terminal.wait_for("Not quite: 0 is too small.")
        below = server.descendants()  # the game (its checks go to the shared pool)
        assert len(below) >= 1
        games = server.games()  # forked from the zygote, not spawned
        assert games and all(process_name(game) == "derivquest-game" for game in games)
        client = int(pidfile.read_text())
        os.kill(client, signal.SIGKILL)  # the network goes away
        wait_until(lambda: not Path(f"/proc/{client}").exists(), "the ssh client to die")
    # The game was ended, and nothing it started was left behind.
    wait_until(lambda: not any(alive(pid) for pid in below), "the game to end")

    with student(ssh(server.port, keys["ana"], "ana", "-tt"), pidfile) as terminal:
        screen = terminal.wait_for("Question 1 of 8")
        assert "Rate of change" in screen
        server.wait_for_games(1)
        below = server.descendants() + server.pool()
        status, out, _ = server.stop()
        screen = terminal.wait_for("EXITED-0")
        assert "the server is shutting down" in screen
    assert status == 0
    assert "shutting down: ending 1 session" in out
    wait_until(lambda: not any(alive(pid) for pid in [*below, zygote]), "no process left behind")

    exported = json.loads(server.derivquest("progress", "export", "-"))
    answers = [(a["answer"], a["correct"]) for p in exported["profiles"] for a in p["attempts"]]
    assert [p["name"] for p in exported["profiles"]] == ["ana"]
    assert answers == [("0", False)]
    report = json.loads(server.derivquest("report", "--format", "json"))
    assert [(s["name"], s["answers"]) for s in report["students"]] == [("ana", 1)]


def run_ssh(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
    )


def test_openssh_refusals(classroom: tuple[Server, dict[str, Path]]) -> None:
    server, keys = classroom
    wrong_key = run_ssh(ssh(server.port, keys["eve"], "ana", "-T"))
    assert wrong_key.returncode == 255 and "Permission denied" in wrong_key.stderr
    unknown = run_ssh(ssh(server.port, keys["eve"], "eve", "-T"))
    assert unknown.returncode == 255 and "Permission denied" in unknown.stderr

    command = run_ssh([*ssh(server.port, keys["ana"], "ana"), "cat /etc/passwd"])
    assert command.returncode != 0 and "root:" not in command.stdout
    sftp = run_ssh([*ssh(server.port, keys["ana"], "ana", "-s"), "sftp"])
    assert sftp.returncode != 0
    forward = run_ssh(
        ssh(
            server.port,
            keys["ana"],
            "ana",
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "0:localhost:22",
        )
    )
    assert forward.returncode == 255 and "forwarding failed" in forward.stderr
    no_terminal = run_ssh(ssh(server.port, keys["ana"], "ana", "-T"))
    assert no_terminal.returncode == 1 and "needs a terminal" in no_terminal.stdout
    assert server.games() == []


@pytest.mark.parametrize(("mode", "warned"), [(0o600, False), (0o640, True), (0o604, True)])
def test_a_host_key_others_can_read_is_warned_about(
    tmp_path: Path, mode: int, warned: bool
) -> None:
    home = tmp_path / "home"
    key_file = home / "server" / "ssh_host_ed25519_key"
    key_file.parent.mkdir(parents=True)
    asyncssh.generate_private_key("ssh-ed25519").write_private_key(key_file)
    key_file.chmod(mode)
    server = Server(home, "--open")
    status, _, err = server.stop()
    assert status == 0
    assert (f"WARNING: the host key {key_file} can be read by other users" in err) is warned
    assert ("chmod 600" in err) is warned


def test_a_drop_just_after_enter_keeps_that_answer(
    classroom: tuple[Server, dict[str, Path]], tmp_path: Path
) -> None:
    server, keys = classroom
    pidfile = tmp_path / "ssh.pid"
    with student(ssh(server.port, keys["ana"], "ana", "-tt"), pidfile) as terminal:
        terminal.wait_for("start the questions")  # a new player: the first lesson
        terminal.send("Enter")
        terminal.wait_for("Question 1 of 8")
        terminal.write("-7")
        terminal.wait_for("▊  -7 ")
        below = server.descendants()
        client = int(pidfile.read_text())
        terminal.send("Enter")
        time.sleep(0.1)  # the network goes away 100 ms after Enter
        os.kill(client, signal.SIGKILL)
    wait_until(lambda: not any(alive(pid) for pid in below), "the game to end", timeout=20)
    exported = json.loads(server.derivquest("progress", "export", "-"))
    answers = [a["answer"] for p in exported["profiles"] for a in p["attempts"]]
    assert answers == ["-7"], "the answer sent just before the drop was lost"
