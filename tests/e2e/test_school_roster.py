"""The roster in the database, with two `serve` processes and one `web` on one PostgreSQL.

A student added once with `derivquest roster add` is admitted by both SSH servers (real
OpenSSH), one added while they run too, one removed is refused by both, all without a
restart; a password student logs in over SSH and on the web server from the same roster.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import aiohttp
import asyncssh
import pytest

from tests.e2e.test_ssh_openssh import Server, make_key, require, run_ssh, ssh, student
from tests.unit.progress.pg_cluster import Cluster

pytestmark = pytest.mark.e2e

PASSWORD = "s3cret-cy"


def roster(url: str, *argv: str, stdin: str = "") -> str:
    """Run `derivquest roster ... --database URL` as a teacher would; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "derivquest", "roster", *argv, "--database", url],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def admitted(server: Server, key: Path, name: str) -> bool:
    """Log in without a terminal: admitted servers say the game needs one (no game starts)."""
    result = run_ssh(ssh(server.port, key, name, "-T"))
    if result.returncode == 255 and "Permission denied" in result.stderr:
        return False
    assert result.returncode == 1 and "needs a terminal" in result.stdout, result
    return True


async def ssh_password_ok(port: int, name: str, password: str) -> bool:
    try:
        async with asyncssh.connect(
            "127.0.0.1", port, username=name, password=password, known_hosts=None,
            client_keys=None, agent_path=None,
        ):  # fmt: skip
            return True
    except asyncssh.PermissionDenied:
        return False


class WebProcess:
    """`derivquest web` in a process of its own, on a free loopback port."""

    def __init__(self, home: Path, *options: str) -> None:
        env = {**os.environ, "DERIVQUEST_HOME": str(home)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "derivquest", "web", "--port", "0", *options],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = 0
        for line in self.process.stdout:  # "... listening on 127.0.0.1 port 40123"
            if "listening on" in line:
                self.port = int(line.split()[-1])
                break
        if not self.port:
            raise AssertionError(f"the web server did not start: {self.process.communicate()}")

    def stop(self) -> int:
        self.process.terminate()
        self.process.communicate(timeout=20)
        return self.process.returncode


async def web_login(port: int, name: str, password: str) -> int:
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{base}/login",
            data={"name": name, "password": password},
            allow_redirects=False,
            headers={"Origin": base},
        )
        return response.status


def test_one_roster_for_every_server(postgres_cluster: Cluster, tmp_path: Path) -> None:
    require("tmux")
    url = postgres_cluster.new_schema_url()
    keys = {name: make_key(tmp_path, name) for name in ("ana", "bo")}
    assert "added ana" in roster(url, "add", "ana", "--class", "7B", "--key", f"{keys['ana']}.pub")
    roster(url, "add", "cy", "--class", "7B", "--password-stdin", stdin=PASSWORD + "\n")
    host_key = tmp_path / "shared_host_key"
    asyncssh.generate_private_key("ssh-ed25519").write_private_key(host_key)
    host_key.chmod(0o600)
    options = ("--roster", "database", "--database", url, "--host-key", str(host_key))
    labs = [Server(tmp_path / "lab-a", *options), Server(tmp_path / "lab-b", *options)]
    web = WebProcess(tmp_path / "web", "--database", url)  # the default: the roster has students
    try:
        # Added once, admitted by both; bo is not on the roster yet.
        assert [admitted(lab, keys["ana"], "ana") for lab in labs] == [True, True]
        assert [admitted(lab, keys["bo"], "bo") for lab in labs] == [False, False]
        assert not admitted(labs[0], keys["bo"], "ana")  # ana's name, someone else's key
        # Added while both run: admitted at the next login, no restart; and plays.
        roster(url, "add", "bo", "--key", f"{keys['bo']}.pub")
        assert [admitted(lab, keys["bo"], "bo") for lab in labs] == [True, True]
        pidfile = tmp_path / "ssh.pid"
        with student(ssh(labs[1].port, keys["bo"], "bo", "-tt"), pidfile) as terminal:
            terminal.wait_for("start the questions")  # a new player: the first lesson
        # Removed: refused by both at once.
        assert roster(url, "remove", "ana") == "removed ana\n"
        assert [admitted(lab, keys["ana"], "ana") for lab in labs] == [False, False]
        # The password student, over SSH and on the web, from the same roster.
        assert asyncio.run(ssh_password_ok(labs[0].port, "cy", PASSWORD))
        assert not asyncio.run(ssh_password_ok(labs[1].port, "cy", "wrong-password"))
        assert asyncio.run(web_login(web.port, "cy", PASSWORD)) == 303
        assert asyncio.run(web_login(web.port, "cy", "wrong-password")) == 401
        roster(url, "disable", "cy")
        assert asyncio.run(web_login(web.port, "cy", PASSWORD)) == 401
    finally:
        statuses = [lab.stop()[0] for lab in labs] + [web.stop()]
    assert statuses == [0, 0, 0]
    listed = roster(url, "list", "--class", "7B")
    assert listed.splitlines()[0].split()[:2] == ["cy", "7B"] and "DISABLED" in listed
