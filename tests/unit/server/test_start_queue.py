"""The zygote's start queue: turns per core, first come first served, freed by rest or exit."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from derivquest.server.start_queue import GO, REST, WANT, StartQueue, turns_from_environment
from tests.unit.server.fake_clock import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


class Games:
    """Games' ends of their channels, as a forked game holds them."""

    def __init__(self, queue: StartQueue) -> None:
        self.queue = queue
        self.ends: list[socket.socket] = []

    def arrive(self, count: int = 1) -> list[int]:
        numbers = []
        for _ in range(count):
            end = self.queue.add()
            end.setblocking(False)
            self.ends.append(end)
            numbers.append(len(self.ends) - 1)
        return numbers

    def say(self, game: int, message: bytes) -> None:
        self.ends[game].send(message)
        self._deliver()

    def leave(self, game: int) -> None:
        self.ends[game].close()
        self._deliver()

    def _deliver(self) -> None:
        for fd in self.queue.channels():
            self.queue.readable(fd)

    def granted(self) -> list[int]:
        """The games told GO since last asked."""
        told = []
        for number, end in enumerate(self.ends):
            if end.fileno() < 0:
                continue
            try:
                while end.recv(16) == GO:
                    told.append(number)
            except BlockingIOError:
                pass
        return told

    def close(self) -> None:
        for end in self.ends:
            end.close()
        self.queue.close()


@pytest.fixture
def games(clock: Clock) -> Iterator[Games]:
    made = Games(StartQueue(2, hold_cap=2.0, clock=clock))
    yield made
    made.close()


def test_as_many_start_at_once_as_there_are_turns_the_rest_in_arrival_order(games: Games) -> None:
    for game in games.arrive(5):
        games.say(game, WANT)
    assert games.granted() == [0, 1]
    assert games.queue.holding == 2 and games.queue.waiting == 3
    games.say(1, REST)
    assert games.granted() == [2]
    games.say(0, REST)
    games.say(2, REST)
    assert games.granted() == [3, 4]


def test_a_game_asking_again_goes_before_later_arrivals(games: Games) -> None:
    """The first question of a game that came first is built before later games start."""
    for game in games.arrive(4):
        games.say(game, WANT)
    assert games.granted() == [0, 1]
    games.say(0, REST)  # its lesson is drawn: game 2 starts
    assert games.granted() == [2]
    games.say(0, WANT)  # Enter: its first question waits, but ahead of game 3
    games.say(1, REST)
    assert games.granted() == [0]


def test_a_game_that_exits_or_dies_frees_its_turn_and_its_place(games: Games) -> None:
    for game in games.arrive(4):
        games.say(game, WANT)
    assert games.granted() == [0, 1]
    games.leave(2)  # gone while waiting: never granted
    games.leave(0)  # gone while holding: its turn passes on
    assert games.granted() == [3]
    assert games.queue.holding == 2 and games.queue.waiting == 0
    assert len(games.queue.channels()) == 2


def test_a_turn_held_too_long_is_taken_back(games: Games, clock: Clock) -> None:
    for game in games.arrive(3):
        games.say(game, WANT)
    assert games.granted() == [0, 1]
    clock.now += 1.0
    assert games.queue.timeout() == pytest.approx(1.0)
    games.queue.expire()
    assert games.granted() == []
    clock.now += 1.0
    assert games.queue.timeout() == 0.0
    games.queue.expire()
    assert games.granted() == [2]
    games.say(0, REST)  # a late rest from a game whose turn expired changes nothing
    assert games.queue.holding == 1


def test_no_timeout_while_no_game_holds_a_turn(games: Games) -> None:
    assert games.queue.timeout() is None
    (game,) = games.arrive()
    assert games.queue.timeout() is None  # arrived, but not yet asking
    games.say(game, WANT)
    assert games.queue.timeout() == pytest.approx(2.0)


def test_repeated_or_unknown_messages_change_nothing(games: Games) -> None:
    for game in games.arrive(3):
        games.say(game, WANT)
    games.say(0, WANT)  # already holding
    games.say(2, WANT)  # already waiting
    games.say(1, b"nonsense")
    assert games.granted() == [0, 1]
    assert games.queue.waiting == 1
    games.queue.readable(-5)  # not a channel of ours


@pytest.mark.parametrize(
    ("value", "turns"),
    [("3", 3), ("1", 1), ("0", None), ("-2", None), ("", "cores"), ("many", "cores")],
)
def test_turns_from_the_environment(value: str, turns: int | str | None) -> None:
    from derivquest.server.start_queue import TURNS_ENV, usable_cores

    found = turns_from_environment({TURNS_ENV: value} if value else {})
    assert found == (usable_cores() if turns == "cores" else turns)
