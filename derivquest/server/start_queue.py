"""Games forked from the zygote start in turns: one per core at a time, in the order they came.

When a class logs in in the same second, the kernel shares the cores among every starting
game and all of them draw their first screen late, together. Started in turns, each game
runs its start (about 0.1 CPU-seconds: Textual building and drawing the first screen) on a
core of its own, so the first students in see their screen at once and the last no later
than before (docs/server.md, "Starting in turns", has the figures).

The zygote keeps the queue. Each game gets one end of a socket pair at its fork and says
`WANT` before it runs; the zygote answers `GO` when a turn is free, first come first served.
The game says `REST` once its first screen is drawn (it then waits for its student), or its
end of the pair closes when it exits or dies: either gives the turn back at once, so a turn
passes on without polling or sampling. A new student's game asks again after the lesson,
for its first question, and goes ahead of the games that came after it. A game that keeps
its turn longer than `HOLD_CAP` loses it, and a game waits at most `game_turn.WAIT_CAP`
before it starts anyway: a slow or stuck game never holds a class back.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

WANT = b"want"
"""Game to zygote: this game wants a turn to start."""

GO = b"go"
"""Zygote to game: the turn is yours."""

REST = b"rest"
"""Game to zygote: my first screen is drawn, the turn is free again."""

HOLD_CAP = 2.0
"""Seconds a game holds its turn at most (a start takes about 0.05-0.1 s of one core)."""


TURNS_ENV = "DERIVQUEST_START_TURNS"
"""In the zygote's environment: how many games start at once (`serve --start-turns`)."""


def turns_from_environment(environ: Mapping[str, str]) -> int | None:
    """The zygote's turns: `TURNS_ENV` when it is a whole number (0 or less: no turns,
    None), else one per core."""
    try:
        wanted = int(environ.get(TURNS_ENV, ""))
    except ValueError:
        return usable_cores()
    return wanted if wanted > 0 else None


def usable_cores() -> int:
    """The cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass(order=True)
class _Game:
    arrival: int
    """Order of arrival: the earliest waiting game gets the next turn."""
    channel: socket.socket = field(compare=False)
    held_since: float | None = field(default=None, compare=False)


class StartQueue:
    """The zygote's turns: `slots` games start at once, the others wait in arrival order."""

    def __init__(
        self,
        slots: int | None = None,
        *,
        hold_cap: float = HOLD_CAP,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.slots = usable_cores() if slots is None else max(1, slots)
        self.hold_cap = hold_cap
        self._clock = clock
        self._arrivals = 0
        self._games: dict[int, _Game] = {}
        """Every game still connected, by its channel's descriptor."""
        self._waiting: list[_Game] = []
        """A heap of the games that asked for a turn and have none yet."""

    def add(self) -> socket.socket:
        """A channel for a game about to be forked: return its end (the caller passes it to
        the fork, then closes its own copy); the queue keeps the other."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        ours.setblocking(False)
        self._arrivals += 1
        self._games[ours.fileno()] = _Game(self._arrivals, ours)
        return theirs

    def channels(self) -> list[int]:
        """The descriptors to watch for a game's message (or its end)."""
        return list(self._games)

    @property
    def holding(self) -> int:
        """How many games hold a turn now."""
        return sum(1 for game in self._games.values() if game.held_since is not None)

    @property
    def waiting(self) -> int:
        """How many games wait for a turn."""
        return len(self._waiting)

    def readable(self, fd: int) -> None:
        """A game's channel has a message, or the game ended."""
        game = self._games.get(fd)
        if game is None:
            return
        try:
            message = game.channel.recv(16)
        except BlockingIOError:
            return
        except OSError:
            message = b""
        if message == WANT and game.held_since is None and game not in self._waiting:
            heapq.heappush(self._waiting, game)
        elif message == REST:
            game.held_since = None
        elif not message:  # the game exited: its turn, if it had one, is free
            self._forget(game)
        self._grant()

    def timeout(self) -> float | None:
        """Seconds until the next turn expires (None: no game holds one)."""
        held = [game.held_since for game in self._games.values() if game.held_since is not None]
        if not held:
            return None
        return max(0.0, min(held) + self.hold_cap - self._clock())

    def expire(self) -> None:
        """Take back turns held longer than `hold_cap`, and give them to waiting games."""
        now = self._clock()
        for game in self._games.values():
            if game.held_since is not None and now - game.held_since >= self.hold_cap:
                game.held_since = None
        self._grant()

    def close(self) -> None:
        """Close every channel (the zygote is ending)."""
        for game in list(self._games.values()):
            self._forget(game)

    def _grant(self) -> None:
        free = self.slots - self.holding
        while free > 0 and self._waiting:
            game = heapq.heappop(self._waiting)
            try:
                game.channel.send(GO)
            except OSError:  # gone: its end will read as closed
                continue
            game.held_since = self._clock()
            free -= 1

    def _forget(self, game: _Game) -> None:
        self._games.pop(game.channel.fileno(), None)
        with contextlib.suppress(ValueError):
            self._waiting.remove(game)
            heapq.heapify(self._waiting)
        game.channel.close()
