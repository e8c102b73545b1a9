"""An idle student costs nothing: a served game sends no bytes while nobody types.

The answer box's blinking cursor used to repaint twice a second, about 1.5 KB/s per idle
student over SSH. Measured on the real server (the game forked from its zygote), at the
question screen with the cursor in the answer box.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import asyncssh
import pytest

from derivquest.server.zygote_process import running_zygote_socket
from tests.e2e.pty_game import ESCAPES
from tests.e2e.test_ssh_openssh import Server, process_name

pytestmark = pytest.mark.e2e

QUIET = 3.0
"""Seconds the idle game is listened to."""

SETTLE = 1.5
"""Seconds for the last frame after the question appears (the preview, the checker)."""


async def read_until(process: asyncssh.SSHClientProcess[bytes], text: str) -> str:
    seen = ""
    async with asyncio.timeout(60):
        while text not in ESCAPES.sub("", seen):
            seen += (await process.stdout.read(65536)).decode("utf-8", "replace")
    return seen


async def bytes_within(process: asyncssh.SSHClientProcess[bytes], seconds: float) -> int:
    count = 0
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while (left := end - loop.time()) > 0:
        try:
            count += len(await asyncio.wait_for(process.stdout.read(65536), left))
        except TimeoutError:
            break
    return count


async def test_an_idle_served_game_sends_nothing(tmp_path: Path) -> None:
    server = Server(tmp_path / "home", "--open")
    try:
        async with asyncio.timeout(60):
            while True:
                socket = running_zygote_socket(server.process.pid)
                if socket is not None and socket.exists():
                    break
                await asyncio.sleep(0.05)
        async with asyncssh.connect(
            "127.0.0.1",
            server.port,
            username="ana",
            known_hosts=None,
            agent_path=None,
            config=None,
            client_keys=None,
        ) as conn:
            process = await conn.create_process(
                term_type="xterm-256color", term_size=(100, 30), encoding=None
            )
            await read_until(process, "start the questions")  # a new player: the first lesson
            assert [process_name(game) for game in server.games()] == ["derivquest-game"]
            process.stdin.write(b"\r")
            await read_until(process, "type a number")
            await bytes_within(process, SETTLE)
            idle = await bytes_within(process, QUIET)
            assert idle == 0, f"an idle game sent {idle} bytes in {QUIET:g} s"
            process.stdin.write(b"7")  # still alive and answering: the key shows
            assert re.search("7", await read_until(process, "7"))
            process.stdin.write(b"\x11")
            await process.wait()
    finally:
        server.stop()
