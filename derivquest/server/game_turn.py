"""A forked game's side of the start queue: wait for a turn before running, give it back
once a screen is drawn, take one again for the first question (`start_queue.py` is the
zygote's side)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import socket
import threading
import time
from collections.abc import Callable, Sequence

from derivquest.server.start_queue import GO, REST, WANT

WAIT_CAP = 10.0
"""Seconds a game waits for a turn at most, then goes on anyway (a turn normally passes on
several times a second; a stuck zygote or game must never keep a student out)."""

SAY_AFTER = 0.2
"""Seconds of waiting before the student is told why nothing is on screen yet (a shorter
wait passes unnoticed, and a line would only flicker)."""

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

    def __init__(self, channel: socket.socket, clock: Callable[[], float] = time.monotonic) -> None:
        self._channel = channel
        self._clock = clock
        self._asking: asyncio.Future[bytes] | None = None
        self.granted = False
        """This game holds a turn now."""

    def wait(
        self, *, language: str = "en", terminal: int | None = 1, cap: float = WAIT_CAP
    ) -> bool:
        """Before the game runs: ask for a turn and wait for it, at most `cap` seconds.

        True if it came. After `SAY_AFTER` seconds one line, in `language`, tells the student
        on `terminal` why nothing shows yet; it is erased before this returns. Never raises:
        the queue only orders starts, it never stops one.
        """
        said = False
        # Ctrl+C while waiting would end the game before it starts, with an empty message.
        interrupts = _ignore_interrupts()
        try:
            self._channel.send(WANT)
            started = self._clock()
            while (waited := self._clock() - started) < cap:
                wake = cap if said or terminal is None else min(SAY_AFTER, cap)
                ready, _, _ = select.select([self._channel], [], [], max(0.0, wake - waited))
                if ready:  # GO, or the zygote is gone (start at once either way)
                    self.granted = self._channel.recv(16) == GO
                    return self.granted
                if not said and terminal is not None and self._clock() - started >= SAY_AFTER:
                    said = True
                    _say(terminal, language)
            return False
        except OSError:
            return False
        finally:
            if said and terminal is not None:
                with contextlib.suppress(OSError):
                    os.write(terminal, CLEAR_LINE)
            if interrupts is not None:
                signal.signal(signal.SIGINT, interrupts)

    async def take_again(self, cap: float = WAIT_CAP) -> None:
        """Wait for a turn inside the running game (its event loop goes on), at most `cap`
        seconds. Two callers at once share one request."""
        if self.granted:
            return
        if self._asking is None:
            self._asking = asyncio.ensure_future(self._ask())
        try:
            answer = await asyncio.wait_for(asyncio.shield(self._asking), cap)
        except (TimeoutError, OSError):
            return
        self.granted = answer == GO

    async def _ask(self) -> bytes:
        try:
            self._channel.setblocking(False)
            self._channel.send(WANT)
            return await asyncio.get_running_loop().sock_recv(self._channel, 16)
        finally:
            self._asking = None

    def give_back(self) -> None:
        """A screen is drawn and the game waits for its student: the turn is free."""
        if self.granted:
            self.granted = False
            with contextlib.suppress(OSError):
                self._channel.send(REST)

    def close(self) -> None:
        """No more turns: the game has started (the zygote sees the channel close)."""
        self.granted = False
        if self._asking is not None:
            self._asking.cancel()
        with contextlib.suppress(OSError):
            self._channel.close()


def _ignore_interrupts() -> signal.Handlers | Callable[..., object] | int | None:
    """Ignore SIGINT (on the main thread, the only one that may); the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, signal.SIG_IGN)


def _say(terminal: int, language: str) -> None:
    from derivquest.ui.strings import t

    with contextlib.suppress(OSError):
        os.write(terminal, t("start.waiting_turn", language).encode("utf-8"))
