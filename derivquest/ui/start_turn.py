"""A served game's start turn as the screens see it: given back once the first screen is
drawn, taken again for the first question (`server/start_queue.py` keeps the turns)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)


class Turn(Protocol):
    """The game's place in its server's start queue."""

    def give_back(self) -> None:
        """A screen is drawn: the turn is free again (nothing if it is not held)."""

    async def take_again(self) -> None:
        """Wait, a bounded time, for a turn to build the next screen."""

    def close(self) -> None:
        """No more turns: the game has started."""


_turn: Turn | None = None


def install(turn: Turn | None) -> None:
    """This process's turn (a game forked by the classroom server); None: no turns."""
    global _turn
    _turn = turn


def installed() -> Turn | None:
    """This process's turn, if it still has one."""
    return _turn


def drawn() -> None:
    """The first screen is drawn and the game waits for its student: free the turn."""
    if _turn is not None:
        _safely(_turn.give_back)


async def before_question() -> None:
    """The first question is about to be built: wait for a turn (nothing once started)."""
    if _turn is None:
        return
    try:
        await _turn.take_again()
    except Exception:  # a turn only orders starts: it must never stop one
        log.exception("the start turn failed")


def question_drawn() -> None:
    """A question is on screen: the game has started, it takes no more turns."""
    global _turn
    if _turn is not None:
        turn, _turn = _turn, None
        _safely(turn.give_back)
        _safely(turn.close)


def _safely(action: Callable[[], None]) -> None:
    try:
        action()
    except Exception:  # a start-up nicety must never end the game
        log.exception("the start turn failed")
