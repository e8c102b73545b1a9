"""Two `derivquest serve` processes on one PostgreSQL database, with the real OpenSSH client.

The same student answers on one server, then on the other, and finds her place; two
students answer at once on the two servers; one `report` over the database shows it all.
Both servers present the same host key, as servers behind one name must (docs/school.md).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import asyncssh
import pytest

from tests.e2e.test_ssh_openssh import Server, make_key, require, ssh, student, wait_until
from tests.e2e.tmux import Terminal
from tests.unit.progress.pg_cluster import Cluster

pytestmark = pytest.mark.e2e


def host_key(port: int) -> str:
    """The host key a server presents, as OpenSSH's ssh-keyscan reads it."""
    found = subprocess.run(
        [require("ssh-keyscan"), "-t", "ed25519", "-p", str(port), "127.0.0.1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    keys = [line.split(None, 1)[1] for line in found.stdout.splitlines() if line.strip()]
    assert len(keys) == 1, found
    return keys[0]


def first_question(terminal: Terminal) -> None:
    """From the course map to the first question of the first level."""
    terminal.wait_for("start the questions")  # a new player: the first lesson
    terminal.send("Enter")
    terminal.wait_for("Question 1 of 8")


def test_two_servers_one_database(postgres_cluster: Cluster, tmp_path: Path) -> None:
    require("tmux")
    url = postgres_cluster.new_schema_url()
    keys = {name: make_key(tmp_path, name) for name in ("ana", "bo")}
    roster = tmp_path / "school.keys"
    roster.write_text("".join(f"{n} {(tmp_path / f'{n}.pub').read_text()}" for n in keys))
    key_file = tmp_path / "shared_host_key"
    asyncssh.generate_private_key("ssh-ed25519").write_private_key(key_file)
    key_file.chmod(0o600)
    options = ("--authorized-keys", str(roster), "--database", url, "--host-key", str(key_file))
    lab_a = Server(tmp_path / "lab-a", *options)
    lab_b = Server(tmp_path / "lab-b", *options)
    try:
        # One name in front of both: they must present one host key.
        assert host_key(lab_a.port) == host_key(lab_b.port)
        pidfile = tmp_path / "ssh.pid"
        # Monday in lab A: a wrong answer, then the connection ends.
        with student(ssh(lab_a.port, keys["ana"], "ana", "-tt"), pidfile) as terminal:
            first_question(terminal)
            terminal.write("0")
            terminal.send("Enter")
            terminal.wait_for("Not quite: 0 is too small.")
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
        # Tuesday in lab B: the same place, from the shared database.
        with student(ssh(lab_b.port, keys["ana"], "ana", "-tt"), pidfile) as terminal:
            terminal.wait_for("Question 1 of 8")
            # The draft "0" comes back with the cursor at its end: clear it, then type.
            terminal.send("C-u")
            terminal.write("1")
            terminal.send("Enter")
            terminal.wait_for("Not quite")
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
        # Two students at once, one on each server.
        bo_pid = tmp_path / "bo.pid"
        with (
            student(ssh(lab_a.port, keys["ana"], "ana", "-tt"), pidfile) as ana,
            student(ssh(lab_b.port, keys["bo"], "bo", "-tt"), bo_pid) as bo,
        ):
            ana.wait_for("Question 1 of 8")
            first_question(bo)
            ana.send("C-u")  # the restored draft "1"
            ana.write("2")
            bo.write("3")
            ana.send("Enter")
            bo.send("Enter")
            ana.wait_for("Not quite")
            bo.wait_for("Not quite")
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
            os.kill(int(bo_pid.read_text()), signal.SIGKILL)
        wait_until(lambda: not lab_a.games() and not lab_b.games(), "the games to end", 20)
        report = json.loads(lab_a.derivquest("report", "--database", url, "--format", "json"))
        exported = json.loads(lab_b.derivquest("progress", "export", "--database", url, "-"))
    finally:
        for server in (lab_a, lab_b):
            status, _, _ = server.stop()
            assert status == 0
    answers = {p["name"]: [a["answer"] for a in p["attempts"]] for p in exported["profiles"]}
    assert answers == {"ana": ["0", "1", "2"], "bo": ["3"]}
    assert sorted((s["name"], s["answers"]) for s in report["students"]) == [
        ("ana", 3),
        ("bo", 1),
    ]
    # Each server's own data folder holds no progress: it is all in PostgreSQL.
    assert not (tmp_path / "lab-a" / "progress.sqlite3").exists()
    assert not (tmp_path / "lab-b" / "progress.sqlite3").exists()
