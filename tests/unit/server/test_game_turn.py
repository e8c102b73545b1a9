"""A forked game's start turn: waiting (and saying so), giving it back, asking again."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import threading
from collections.abc import Iterator

import pytest

from derivquest.server import game_turn
from derivquest.server.game_turn import CLEAR_LINE, GameTurn, language_of
from derivquest.server.start_queue import GO, REST, WANT


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    """(the zygote's end, the game's end)."""
    zygote, game = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    yield zygote, game
    zygote.close()
    game.close()


@pytest.fixture
def terminal() -> Iterator[tuple[int, int]]:
    read, write = os.pipe()
    os.set_blocking(read, False)
    yield read, write
    os.close(read)
    os.close(write)


def shown(terminal: tuple[int, int]) -> bytes:
    try:
        return os.read(terminal[0], 65536)
    except BlockingIOError:
        return b""


def test_a_granted_turn_starts_at_once_and_says_nothing(
    pair: tuple[socket.socket, socket.socket], terminal: tuple[int, int]
) -> None:
    zygote, channel = pair
    zygote.send(GO)  # already free
    turn = GameTurn(channel)
    assert turn.wait(terminal=terminal[1]) is True and turn.granted
    assert zygote.recv(16) == WANT
    assert shown(terminal) == b""
    turn.give_back()
    turn.give_back()  # once only
    assert zygote.recv(16) == REST
    zygote.setblocking(False)
    with pytest.raises(BlockingIOError):
        zygote.recv(16)


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "Starting your game… (the class is logging in)"), ("bn", "আপনার গেম শুরু হচ্ছে")],
)
def test_a_long_wait_is_explained_then_erased_and_the_game_starts_anyway(
    pair: tuple[socket.socket, socket.socket],
    terminal: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    line: str,
) -> None:
    monkeypatch.setattr(game_turn, "SAY_AFTER", 0.05)
    turn = GameTurn(pair[1])
    assert turn.wait(language=language, terminal=terminal[1], cap=0.3) is False
    assert not turn.granted
    text = shown(terminal)
    assert line.encode() in text and text.endswith(CLEAR_LINE)


def test_a_gone_zygote_lets_the_game_start_at_once(
    pair: tuple[socket.socket, socket.socket], terminal: tuple[int, int]
) -> None:
    zygote, channel = pair
    zygote.close()
    turn = GameTurn(channel)
    assert turn.wait(terminal=terminal[1], cap=30) is False
    assert shown(terminal) == b""


async def test_asking_again_waits_without_blocking_and_shares_one_request(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    zygote, channel = pair
    zygote.setblocking(False)
    turn = GameTurn(channel)
    first = asyncio.ensure_future(turn.take_again())
    second = asyncio.ensure_future(turn.take_again())
    await asyncio.sleep(0.05)  # the loop runs on while both wait
    assert not first.done() and not second.done()
    assert zygote.recv(16) == WANT
    with pytest.raises(BlockingIOError):
        zygote.recv(16)  # one request for both
    zygote.send(GO)
    await asyncio.wait_for(asyncio.gather(first, second), 5)
    assert turn.granted
    await turn.take_again()  # held: nothing asked
    with pytest.raises(BlockingIOError):
        zygote.recv(16)
    turn.close()
    assert zygote.recv(16) == b""  # the zygote sees the channel close


async def test_asking_again_gives_up_after_its_cap(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    turn = GameTurn(pair[1])
    await asyncio.wait_for(turn.take_again(cap=0.05), 5)
    assert not turn.granted
    turn.close()


@pytest.mark.parametrize(
    ("argv", "language"),
    [
        (["--profile", "ana", "--lang", "bn"], "bn"),
        (["--lang=bn"], "bn"),
        (["--profile", "ana"], "en"),
        (["--lang"], "en"),
    ],
)
def test_the_language_of_a_game(argv: list[str], language: str) -> None:
    assert language_of(argv) == language


def test_ctrl_c_while_waiting_is_ignored_and_the_handler_restored(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    before = signal.getsignal(signal.SIGINT)
    interrupt = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT))
    interrupt.start()
    try:
        assert GameTurn(pair[1]).wait(terminal=None, cap=0.3) is False  # no KeyboardInterrupt
    finally:
        interrupt.join()
    assert signal.getsignal(signal.SIGINT) is before
