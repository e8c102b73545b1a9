"""A forked game's side of the start queue: wait for a turn before running, give it back once
the first screen is drawn (`start_queue.py` is the zygote's side)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import socket
import time
from collections.abc import Callable, Sequence

from derivquest.server.start_queue import GO, REST, WANT

WAIT_CAP = 3.0
"""Seconds a game waits for its turn at most, then starts anyway (a turn normally passes on
several times a second; a stuck zygote or game must never keep a student out)."""

SAY_AFTER = 0.2
"""Seconds of waiting before the student is told why nothing is on screen yet (a shorter
wait passes unnoticed, and a line would only flicker)."""

WAITING = {
    "en": "Starting your game… (the class is logging in)",
    "bn": "আপনার গেম শুরু হচ্ছে… (ক্লাসের সবাই লগ ইন করছে)",
}
"""The one line a waiting student sees, in the game's language."""

CLEAR_LINE = b"\r\x1b[K"
"""Erases the waiting line before the game draws."""


def language_of(argv: Sequence[str]) -> str:
    """The game language among a game's arguments (`--lang bn`), English by default."""
    for at, argument in enumerate(argv):
        if argument == "--lang" and at + 1 < len(argv):
            return argv[at + 1]
        if argument.startswith("--lang="):
            return argument.removeprefix("--lang=")
    return "en"


class GameTurn:
    """This game's place in the zygote's start queue (its end of the socket pair)."""

    def __init__(
        self, channel: socket.socket, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._channel = channel
        self._clock = clock
        self.granted = False
        """The zygote said GO (False: no answer within the wait, the game started anyway)."""

    def wait(self, *, language: str = "en", terminal: int | None = 1, wait_cap: float = WAIT_CAP) -> bool:
        """Ask for a turn and wait for it, at most `wait_cap` seconds; True if it came.

        After `SAY_AFTER` seconds the waiting line is written to `terminal`, and erased
        before this returns. Never raises: the queue only orders starts, it never stops one.
        """
        said = False
        try:
            self._channel.send(WANT)
            started = self._clock()
            while True:
                waited = self._clock() - started
                if waited >= wait_cap:
                    return False
                wake = wait_cap if said or terminal is None else min(SAY_AFTER, wait_cap)
                ready, _, _ = select.select([self._channel], [], [], max(0.0, wake - waited))
                if ready:
                    self.granted = self._channel.recv(16) == GO
                    return self.granted  # anything else (the zygote gone): start at once
                if not said and terminal is not None and self._clock() - started >= SAY_AFTER:
                    said = True
                    text = WAITING.get(language, WAITING["en"])
                    with contextlib.suppress(OSError):
                        os.write(terminal, text.encode("utf-8"))
        except OSError:
            return False
        finally:
            if said and terminal is not None:
                with contextlib.suppress(OSError):
                    os.write(terminal, CLEAR_LINE)

    def give_back(self) -> None:
        """The screen is drawn: the turn is free (nothing if it is not held)."""
        if self.granted:
            self.granted = False
            with contextlib.suppress(OSError):
                self._channel.send(REST)

    async def take_again(self, wait_cap: float = WAIT_CAP) -> None:
        """Wait for a turn without blocking the game's event loop, at most `wait_cap`."""
        if self.granted:
            return
        loop = asyncio.get_running_loop()
        self._channel.setblocking(False)
        try:
            self._channel.send(WANT)
            answer = await asyncio.wait_for(loop.sock_recv(self._channel, 16), wait_cap)
        except (OSError, asyncio.TimeoutError):
            return
        self.granted = answer == GO

    def close(self) -> None:
        """No more turns (the zygote sees the channel close)."""
        self.granted = False
        with contextlib.suppress(OSError):
            self._channel.close()
