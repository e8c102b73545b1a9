"""One student's game behind a WebSocket: textual-serve's AppService, started safely.

textual-serve starts its command through a shell with the server's whole environment and
stops it with a "quit" message. Here the game is an argv list (the student's name never
meets a shell), gets only the variables an SSH game gets, runs in its own session within
the server's memory and CPU budget, and is ended the way a dropped SSH connection ends it:
SIGHUP (the game finishes and saves the answer in flight), then SIGTERM, then SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable, Sequence
from importlib.metadata import version

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from derivquest.server.pty_child import Budget, WindowSize, apply_budget
from derivquest.ui.web_keymap import WEB_DRIVER


def web_environment(base: dict[str, str], size: WindowSize) -> dict[str, str]:
    """The game's environment: `base` (the SSH game's) plus what Textual's web driver reads."""
    env = dict(base)
    env["TEXTUAL_DRIVER"] = WEB_DRIVER
    env["TEXTUAL_FPS"] = "60"
    env["TEXTUAL_COLOR_SYSTEM"] = "truecolor"
    env["TERM_PROGRAM"] = "textual"
    env["TERM_PROGRAM_VERSION"] = version("textual-serve")
    env["COLUMNS"] = str(size.columns)
    env["ROWS"] = str(size.rows)
    return env


class GameService(AppService):
    """A game process speaking textual-serve's packet protocol on its stdin and stdout."""

    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        budget: Budget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            argv[0],
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=DownloadManager(),
        )
        self.argv = list(argv)
        self._env = env
        self._budget = budget
        self._clock = clock
        self.last_input = clock()
        """When the student last typed (or resized): the idle timeout counts from here."""

    @property
    def pid(self) -> int | None:
        """The game's pid (also its process group), once started."""
        return None if self._process is None else self._process.pid

    @property
    def exited(self) -> bool:
        """True once the game process has ended."""
        return self._process is not None and self._process.returncode is not None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        size = WindowSize.clamped(width, height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=web_environment(self._env, size),
            start_new_session=True,  # its own process group: the end signals reach its checker
        )
        if self._budget is not None:
            try:
                apply_budget(process.pid, self._budget)
            except OSError:
                _kill_group(process.pid, signal.SIGKILL)
                await process.wait()
                raise
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Pass the game's output on until it ends, then close the WebSocket.

        textual-serve closes it only when the game says it exited; a game that crashed or
        was killed would leave the page showing its last screen for ever.
        """
        await super().run()
        await self.remote_close()

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = self._clock()
        return await super().send_bytes(data)

    async def set_terminal_size(self, width: int, height: int) -> None:
        size = WindowSize.clamped(int(width), int(height))
        self.last_input = self._clock()
        await super().set_terminal_size(size.columns, size.rows)

    async def stop(self, grace: float = 2.0, hangup_grace: float = 4.0) -> None:
        """End the game as a dropped SSH connection does, and wait for it.

        SIGHUP first: the game lets the keys already sent arrive, finishes the answer being
        checked and saved, saves its place and quits; SIGTERM `hangup_grace` s later, then
        SIGKILL `grace` s after that.
        """
        process = self._process
        if process is not None:
            waits = (hangup_grace, grace, grace)
            for signum, wait in zip(
                (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL), waits, strict=True
            ):
                if process.returncode is not None:
                    break
                _kill_group(process.pid, signum)
                _kill_group(process.pid, signal.SIGCONT)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), wait)
            await process.wait()
        if self._task is not None:
            task, self._task = self._task, None
            await task


def _kill_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)
