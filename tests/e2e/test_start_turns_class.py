"""A class logging in at once, one start turn at a time: every student reaches the first
question, each game gives its turn up once it has started, and a waiting line is erased."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

import asyncssh
import pytest

from derivquest.server.game_turn import CLEAR_LINE
from derivquest.server.start_queue import TURNS_ENV
from derivquest.server.zygote_process import running_zygote_socket
from tests.e2e.pty_game import ESCAPES
from tests.e2e.test_ssh_openssh import Server

pytestmark = pytest.mark.e2e

STUDENTS = 5
"""More students than turns (1): the later ones must wait for theirs."""

WAITING = "Starting your game… (the class is logging in)".encode()


async def to_first_question(port: int, name: str, there: asyncio.Barrier) -> bytes:
    """Log `name` in, read the lesson, press Enter, read until the question; once the
    whole class is there (and the games were looked at), quit. Returns what was sent."""
    async with asyncssh.connect(
        "127.0.0.1",
        port,
        username=name,
        known_hosts=None,
        agent_path=None,
        config=None,
        client_keys=None,
    ) as connection:
        process = await connection.create_process(
            term_type="xterm-256color", term_size=(100, 30), encoding=None
        )
        seen = b""

        async def until(text: str) -> None:
            nonlocal seen
            start = len(seen)
            while text not in ESCAPES.sub("", seen[start:].decode("utf-8", "replace")):
                chunk = await process.stdout.read(65536)
                assert chunk, f"{name}'s game ended before {text!r}: {seen[-300:]!r}"
                seen += chunk

        async with asyncio.timeout(120):
            await until("start the questions")
            process.stdin.write(b"\r")
            await until("type a number")
        await there.wait()  # the whole class is at its question ...
        await there.wait()  # ... and the games were looked at
        process.stdin.write(b"\x11")  # Ctrl+Q
        await process.wait()
        return seen


def sockets_of(pid: int) -> int:
    """How many sockets the process `pid` has open."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += stat.S_ISSOCK(os.stat(f"/proc/{pid}/fd/{fd}").st_mode)
        except OSError:
            continue
    return count


async def test_a_class_logging_in_at_once_all_reach_their_first_question(
    tmp_path: Path,
) -> None:
    server = Server(tmp_path / "home", "--open", "--start-turns", "1")
    try:
        async with asyncio.timeout(60):
            while (socket := running_zygote_socket(server.process.pid)) is None or not (
                socket.exists()
            ):
                await asyncio.sleep(0.05)
        names = [f"student{number}" for number in range(STUDENTS)]
        there = asyncio.Barrier(STUDENTS + 1)
        students = asyncio.gather(*(to_first_question(server.port, name, there) for name in names))
        async with asyncio.timeout(180):
            await there.wait()
        games = server.games()
        (zygote,) = server.zygotes()
        # Its listening socket only: every game's channel closes once its question shows
        # (a moment after the student sees it: give that moment).
        async with asyncio.timeout(30):
            while (zygote_sockets := sockets_of(zygote)) != 1:
                await asyncio.sleep(0.05)
        await there.wait()
        screens = await students
        assert len(games) == STUDENTS
        assert zygote_sockets == 1
        environment = Path(f"/proc/{zygote}/environ").read_bytes().split(b"\0")
        assert f"{TURNS_ENV}=1".encode() in environment  # --start-turns reached the zygote
        told = 0
        for name, seen in zip(names, screens, strict=True):
            said = seen.find(WAITING)
            if said >= 0:  # it waited long enough to be told: the line was erased
                told += 1
                assert seen.find(CLEAR_LINE, said) > said, name
        assert told >= 1  # with one turn for five, someone waited over 0.2 s
    finally:
        server.stop()
