"""`derivquest web` without a browser: log in over HTTP, play over the WebSocket, resume.

The real server runs in-process on a free port and starts the real game for each student;
the test reads the screen by feeding the WebSocket's bytes (what xterm.js draws) to pyte.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pyte
import pytest

from derivquest.server.auth import Admission
from derivquest.server.config import ServerConfig
from derivquest.server.limits import Limits
from derivquest.server.password_roster import set_password
from derivquest.server.web.runner import RunningWebServer, start_web_server

pytestmark = pytest.mark.e2e

COLUMNS, ROWS = 100, 30
PASSWORD = "correct-horse"


@asynccontextmanager
async def web_server(
    home: Path, tmp: Path, https_proxy: bool = False, **limits: float
) -> AsyncIterator[str]:
    """A password server for ana and bo; yields its base URL."""
    roster = tmp / "class.passwd"
    for name in ("ana", "bo"):
        set_password(roster, name, PASSWORD, log2_n=4)
    defaults: dict[str, float] = {"failure_delay": 0.0, "hangup_grace": 10.0}
    config = ServerConfig(
        admission=Admission.with_passwords(roster),
        home=home,
        port=0,
        limits=Limits(**{**defaults, **limits}),  # type: ignore[arg-type]
    )
    running: RunningWebServer = await start_web_server(config, https_proxy=https_proxy)
    base = f"http://127.0.0.1:{running.port}"
    RUNNING[base] = running
    try:
        yield base
    finally:
        del RUNNING[base]
        await running.close()


RUNNING: dict[str, RunningWebServer] = {}
"""The servers `web_server` runs, by base URL."""


def _games(base: str) -> list[int]:
    """The pids of the games the server at `base` runs."""
    seats = RUNNING[base].server.seats.values()
    return [seat.service.pid for seat in seats if seat.service and seat.service.pid]


def client() -> aiohttp.ClientSession:
    # unsafe: the cookie jar otherwise keeps no cookie from an IP address such as 127.0.0.1
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def log_in(http: aiohttp.ClientSession, base: str, name: str, password: str) -> int:
    """POST the login form; its status (303: logged in, the cookie is in the jar)."""
    response = await http.post(
        f"{base}/login",
        data={"name": name, "password": password},
        allow_redirects=False,
        headers={"Origin": base},
    )
    if response.status == 303:
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie, cookie
    return response.status


class Screen:
    """The game's screen as the browser's terminal would show it."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.closed = False
        self.focused = False
        """The terminal took the focus, as a student's click on the game does."""

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def wait_for(self, found: Callable[[str], bool], timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while not found(self.text()):
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                raise AssertionError(f"not on the screen in time:\n{self.text()}")
            try:
                message = await asyncio.wait_for(self.websocket.receive(), left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                await self.feed(message.data)
            elif message.type != aiohttp.WSMsgType.TEXT:
                self.closed = True
        return self.text()

    async def read_for(self, seconds: float) -> str:
        """Draw whatever arrives in the next `seconds`."""
        deadline = time.monotonic() + seconds
        while not self.closed and (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(self.websocket.receive(), left)
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                await self.feed(message.data)
            elif message.type != aiohttp.WSMsgType.TEXT:
                self.closed = True
        return self.text()

    async def feed(self, data: bytes) -> None:
        """Draw `data`; once the game has drawn its first screen, the terminal takes the
        focus, as a student's click does. The web driver blurs the app just after it starts,
        so a focus sent with the resize, or with the driver's first bytes, can come before
        that blur and be undone."""
        self.stream.feed(data)
        if not self.focused and self.text().strip():
            self.focused = True
            await self.websocket.send_json(["focus"])

    async def keys(self, data: str) -> None:
        await self.websocket.send_json(["stdin", data])


async def open_game(http: aiohttp.ClientSession, base: str) -> Screen:
    websocket = await http.ws_connect(
        f"{base}/ws?width={COLUMNS}&height={ROWS}", origin=base, heartbeat=None
    )
    # What textual.js sends once the socket opens; the focus follows when the game shows
    # (see `Screen.feed`).
    await websocket.send_json(["resize", {"width": COLUMNS, "height": ROWS}])
    return Screen(websocket)


async def reach_question(screen: Screen) -> str:
    """Enter from the map (and the lesson) until the first question's answer box shows."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        text = await screen.wait_for(
            lambda s: "Course map" in s or "start the questions" in s or "Question 1 of" in s
        )
        if "Question 1 of" in text and "▊" in text:
            return text
        if "Question 1 of" not in text:
            await screen.keys("\r")
        await screen.read_for(0.5)
    raise AssertionError(f"no question:\n{screen.text()}")


def stored_answers(home: Path, name: str) -> list[str]:
    database = sqlite3.connect(home / "progress.sqlite3")
    try:
        rows = database.execute(
            "SELECT answer FROM attempts JOIN profiles ON profiles.id = attempts.profile_id"
            " WHERE profiles.name = ?",
            (name,),
        )
        return [answer for (answer,) in rows]
    finally:
        database.close()


async def test_play_answer_close_and_resume(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path) as base, client() as http:
        assert await log_in(http, base, "ana", PASSWORD) == 303
        screen = await open_game(http, base)
        text = await reach_question(screen)
        footer = (await screen.wait_for(lambda s: "hint" in s.splitlines()[-1])).splitlines()[-1]
        # Ctrl+N (F9 in a browser) works but is not in the footer: Enter goes on.
        assert "f8 hint" in footer and "alt+l lesson" in footer and "^t" not in footer, footer
        await screen.keys("-1")
        await screen.wait_for(lambda s: "-1" in s)
        await screen.keys("\r")
        await screen.websocket.close()  # the tab is closed just after Enter
        deadline = time.monotonic() + 30
        while not stored_answers(isolated_home, "ana") and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert stored_answers(isolated_home, "ana") == ["-1"], "the answer sent was lost"

        again = await open_game(http, base)  # a reload: the same place
        text = await again.wait_for(lambda s: "Question" in s and "▊" in s)
        assert "Course map" not in text
        await again.websocket.close()


async def test_refusals(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path, max_sessions=1) as base:
        async with client() as stranger:
            assert await log_in(stranger, base, "ana", "wrong-password") == 401
            assert await log_in(stranger, base, "nobody", PASSWORD) == 401
            assert await log_in(stranger, base, "-ana", PASSWORD) == 400
            with pytest.raises(aiohttp.WSServerHandshakeError) as no_cookie:
                await open_game(stranger, base)
            assert no_cookie.value.status == 401
        async with client() as ana, client() as bo:
            assert await log_in(ana, base, "ana", PASSWORD) == 303
            with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
                await ana.ws_connect(f"{base}/ws", origin="http://evil.example")
            assert foreign.value.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError) as no_origin:
                await ana.ws_connect(f"{base}/ws")
            assert no_origin.value.status == 403
            playing = await open_game(ana, base)
            await playing.wait_for(lambda s: "start the questions" in s)
            assert await log_in(bo, base, "bo", PASSWORD) == 303
            page = await bo.get(base)
            assert page.status == 503 and "class is full" in await page.text()
            full = await open_game(bo, base)  # a page opened before the class filled up
            text = await full.wait_for(lambda s: "class is full" in s)
            assert "1 students are playing" in text
            await full.read_for(10)
            assert full.closed and full.websocket.close_code == 1013  # "try again later"
            await playing.websocket.close()


async def test_lockout_after_failures(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path, max_failures=2) as base, client() as http:
        assert await log_in(http, base, "ana", "nope-1") == 401
        assert await log_in(http, base, "ana", "nope-2") == 401
        # Locked out: even the right password is refused until the window passes.
        assert await log_in(http, base, "ana", PASSWORD) == 429


async def test_idle_game_is_closed_and_says_why(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path, idle_timeout=2.0) as base, client() as http:
        assert await log_in(http, base, "ana", PASSWORD) == 303
        screen = await open_game(http, base)
        text = await screen.wait_for(lambda s: "You were away" in s, timeout=60)
        assert "Every answer" in text
        await screen.read_for(10)
        assert screen.closed


async def test_sigterm_ends_every_game_and_exits_0(isolated_home: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "derivquest", "web", "--open", "--port", "0"]
    server = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    assert server.stdout is not None
    try:
        first = (await asyncio.wait_for(server.stdout.readline(), 60)).decode()
        assert "DerivQuest web server listening" in first, first
        base = f"http://127.0.0.1:{first.split()[-1]}"
        async with client() as http:
            assert await log_in(http, base, "ana", "") == 303
            screen = await open_game(http, base)
            await screen.wait_for(lambda s: "start the questions" in s)
            server.send_signal(signal.SIGTERM)
            text = await screen.wait_for(lambda s: "shutting down" in s, timeout=30)
            assert "Every answer you gave is saved" in text
        assert await asyncio.wait_for(server.wait(), 30) == 0
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()


async def test_a_second_tab_takes_the_game_over(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path) as base, client() as http:
        assert await log_in(http, base, "ana", PASSWORD) == 303
        first = await open_game(http, base)
        await first.wait_for(lambda s: "start the questions" in s)  # the first lesson
        second = await open_game(http, base)
        text = await first.wait_for(lambda s: "another tab" in s)
        assert "carries on there" in text
        await first.read_for(10)
        assert first.closed
        await second.wait_for(
            lambda s: "start the questions" in s
        )  # a new player: the first lesson
        await second.keys("\x1bOS")  # F4, the help key in a browser
        text = await second.wait_for(lambda s: "next hint" in s)
        assert "F8" in text and "Ctrl+T" not in text
        await second.websocket.close()


async def test_a_game_that_dies_closes_the_page(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path) as base, client() as http:
        assert await log_in(http, base, "ana", PASSWORD) == 303
        screen = await open_game(http, base)
        await screen.wait_for(
            lambda s: "start the questions" in s
        )  # a new player: the first lesson
        game = next(iter(_games(base)))
        os.kill(game, signal.SIGKILL)
        await screen.read_for(15)
        assert screen.closed, "the page still shows a game that is gone"


async def test_behind_an_https_proxy(isolated_home: Path, tmp_path: Path) -> None:
    async with web_server(isolated_home, tmp_path, https_proxy=True) as base, client() as http:
        form = {"name": "ana", "password": PASSWORD}
        host = base.removeprefix("http://")
        plain = await http.post(
            f"{base}/login", data=form, allow_redirects=False, headers={"Origin": base}
        )
        assert plain.status == 403  # the browser's page was https://: http:// is another site
        secure = await http.post(
            f"{base}/login",
            data=form,
            allow_redirects=False,
            headers={"Origin": f"https://{host}"},
        )
        assert secure.status == 303
        assert "; Secure" in secure.headers["Set-Cookie"]
        page = await http.get(base, headers={"Cookie": secure.headers["Set-Cookie"].split(";")[0]})
        assert f'data-session-websocket-url="wss://{host}/ws"' in await page.text()


@pytest.mark.parametrize("message", ["not json", '["resize", {}]'])
async def test_a_malformed_message_ends_only_that_game(
    isolated_home: Path, tmp_path: Path, message: str
) -> None:
    async with web_server(isolated_home, tmp_path) as base, client() as http:
        assert await log_in(http, base, "ana", PASSWORD) == 303
        screen = await open_game(http, base)
        await screen.wait_for(
            lambda s: "start the questions" in s
        )  # a new player: the first lesson
        await screen.websocket.send_str(message)
        await screen.read_for(15)
        assert screen.closed and not _games(base)
        again = await open_game(http, base)  # the server carries on
        await again.wait_for(lambda s: "start the questions" in s)  # the first lesson
        await again.websocket.close()


async def test_a_reload_waits_for_the_old_game_to_save_and_end(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivquest.server.web.game import GameService

    events: list[str] = []
    start, stop = GameService.start, GameService.stop

    async def started(self: GameService, width: int, height: int) -> None:
        events.append("start")
        await start(self, width, height)

    async def stopped(self: GameService, grace: float = 2.0, hangup_grace: float = 4.0) -> None:
        await stop(self, grace, hangup_grace)
        events.append("ended")

    monkeypatch.setattr(GameService, "start", started)
    monkeypatch.setattr(GameService, "stop", stopped)
    async with web_server(isolated_home, tmp_path) as base, client() as http:
        assert await log_in(http, base, "ana", PASSWORD) == 303
        first = await open_game(http, base)
        await first.wait_for(lambda s: "start the questions" in s)  # the first lesson
        await first.websocket.close()  # a reload: the old socket closes, a new one opens
        second = await open_game(http, base)
        await second.wait_for(
            lambda s: "start the questions" in s
        )  # a new player: the first lesson
        await second.websocket.close()
    assert events[:3] == ["start", "ended", "start"], events
