"""The web server: login, the session cookie, the Origin check, limits, one game per student.

textual-serve's `Server` gives the WebSocket message loop and its static files (xterm.js and
the font); this subclass adds what a classroom needs and it lacks: who may play, as whom,
how many at once, and for how long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from derivquest.progress import ProgressError
from derivquest.server.config import ServerConfig
from derivquest.server.limits import AddressGate
from derivquest.server.names import name_problem
from derivquest.server.pty_child import Budget
from derivquest.server.web.game import GameService
from derivquest.server.web.pages import (
    CONTENT_SECURITY_POLICY,
    game_page,
    login_page,
    notice_page,
)
from derivquest.server.web.sessions import (
    COOKIE,
    LIFETIME,
    Login,
    LoginRateError,
    SessionTable,
)
from derivquest.server.web.strings import text

log = logging.getLogger("derivquest.server.web")

OUR_STATIC = Path(__file__).parent / "static"

MAX_MESSAGE = 64 * 1024
"""Bytes one WebSocket message may have (keys and resizes are a few bytes)."""

TRY_AGAIN_LATER = 1013
"""The WebSocket close code for "the server is full"."""


@dataclass(slots=True)
class Seat:
    """A student's running game and the WebSocket that shows it."""

    name: str
    websocket: web.WebSocketResponse
    service: GameService | None = None
    reason: str | None = None
    """Why the server ended it (a text id), shown before the WebSocket closes."""
    ending: asyncio.Task[None] | None = None
    """Ending the game and closing the WebSocket, once started (it happens once)."""
    told: bool = False

    async def close(self, language: str, idle_minutes: int) -> None:
        """Say why the game ended (when the server ended it), then close the WebSocket."""
        if self.websocket.closed:
            return
        if self.reason is not None and not self.told:
            self.told = True
            with contextlib.suppress(ConnectionError, RuntimeError):
                message = text(self.reason, language, minutes=idle_minutes)
                await self.websocket.send_bytes(_notice(message))
        await self.websocket.close()


class WebServer(Server):
    """`derivquest web`: textual-serve with logins, limits and one game per student."""

    def __init__(
        self,
        config: ServerConfig,
        language: str = "en",
        clock: Callable[[], float] = time.monotonic,
        https_proxy: bool = False,
    ) -> None:
        super().__init__("derivquest", host=config.host, port=config.port, title="DerivQuest")
        self.config = config
        self.language = language
        self.logins = SessionTable(LIFETIME, clock)
        self.gate = AddressGate(config.limits, clock)
        self.seats: dict[str, Seat] = {}
        """Student name -> their game: one game per student."""
        self.leaving: dict[str, Seat] = {}
        """Student name -> their game while it ends (it may be saving an answer)."""
        self.closing = False
        self._clock = clock
        self.https_proxy = https_proxy
        """Browsers reach us through an HTTPS reverse proxy: their pages are https://."""

    # -- the application ------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[_security_headers], client_max_size=16 * 1024)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.post("/login", self.handle_login, name="login"),
                web.post("/logout", self.handle_logout, name="logout"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
                web.static("/dq", OUR_STATIC, name="dq"),
            ]
        )
        return app

    async def make_app(self) -> web.Application:
        """The aiohttp application (the runner and the tests serve it)."""
        return await self._make_app()

    # -- pages ----------------------------------------------------------------------------

    def _login(self, request: web.Request) -> Login | None:
        return self.logins.lookup(request.cookies.get(COOKIE))

    def _page(self, body: str, status: int = 200) -> web.Response:
        return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")

    def _login_form(self, message: str = "", name: str = "", status: int = 200) -> web.Response:
        page = login_page(
            self.language,
            open_mode=self.config.admission.mode == "open",
            message=message,
            name=name,
        )
        return self._page(page, status)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The game for a logged-in browser, the login form for any other."""
        login = self._login(request)
        if login is None:
            return self._login_form()
        limit = self.config.limits.max_sessions
        playing = login.name in self.seats or login.name in self.leaving
        if not playing and len(self.seats) >= limit:  # say so on a page, not in the terminal
            return self._page(
                notice_page(self.language, text("full", self.language, limit=limit)), 503
            )
        scheme = "wss" if self._secure(request) else "ws"
        return self._page(game_page(self.language, f"{scheme}://{request.host}/ws"))

    async def handle_login(self, request: web.Request) -> web.StreamResponse:
        """Check the name (and password) and set the session cookie."""
        self._check_origin(request, required=False)
        address = request.remote or "?"
        if self.gate.refusal(address) is not None:
            minutes = math.ceil(self.config.limits.failure_window / 60)
            return self._login_form(text("locked", self.language, minutes=minutes), status=429)
        form = await request.post()
        name = str(form.get("name", "")).strip()
        password = str(form.get("password", ""))
        problem = name_problem(name)
        if problem is not None:
            message = text("bad_name", self.language, problem=problem)
            return self._login_form(message, status=400)
        try:
            self.logins.check_rate(address)  # before any scrypt work
        except LoginRateError as error:
            return self._too_many(error, name)
        admission = self.config.admission
        if admission.mode != "open":
            # scrypt takes about 0.2 s of one core: off the loop, so other students play on.
            try:
                right = await asyncio.to_thread(admission.check_password, name, password)
            except ProgressError as error:  # the database roster cannot be read
                log.error("cannot check %r's password: %s", name, error)
                return self._login_form(text("roster_down", self.language), name, status=503)
            if not right:
                delay = self.gate.failed(address)
                log.info("wrong password for %r from %s", name, address)
                await asyncio.sleep(delay)
                return self._login_form(text("wrong", self.language), name, status=401)
        try:
            token = self.logins.create(name, address)
        except LoginRateError as error:  # another login from there won the race meanwhile
            return self._too_many(error, name)
        log.info("%s logged in from %s", name, address)
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(
            COOKIE,
            token,
            max_age=int(LIFETIME),
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self._secure(request),
        )
        return response

    def _too_many(self, error: LoginRateError, name: str) -> web.Response:
        log.warning("refused a login for %r: %s", name, error)
        response = self._login_form(
            text("too_many_logins", self.language, seconds=error.wait), name, status=429
        )
        response.headers["Retry-After"] = str(error.wait)
        return response

    async def handle_logout(self, request: web.Request) -> web.StreamResponse:
        """Forget the login; the game (if any) ends as after a closed tab."""
        self._check_origin(request, required=True)
        login = self._login(request)
        self.logins.end(request.cookies.get(COOKIE))
        if login is not None and login.name in self.seats:
            await self._end_seat(self.seats[login.name], "ended")
        response = web.Response(status=303, headers={"Location": "/"})
        response.del_cookie(COOKIE, path="/")
        return response

    def _secure(self, request: web.Request) -> bool:
        return request.secure or self.https_proxy

    def _check_origin(self, request: web.Request, *, required: bool) -> None:
        """Refuse a request another site's page sent (cross-site WebSocket or form)."""
        origin = request.headers.get("Origin")
        if origin is None and not required:
            return
        expected = f"{'https' if self._secure(request) else 'http'}://{request.host}"
        if origin != expected:
            log.warning("refused a request from origin %r (expected %r)", origin, expected)
            raise web.HTTPForbidden(text="this page belongs to another site")

    # -- the game -------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run the logged-in student's game over this WebSocket until either side ends."""
        self._check_origin(request, required=True)
        login = self._login(request)
        if login is None:
            raise web.HTTPUnauthorized(text="log in first")
        if self.closing:
            raise web.HTTPServiceUnavailable(text="the server is shutting down")
        address = request.remote or "?"
        self.gate.connected(address)
        try:
            return await self._play(request, login.name, address)
        finally:
            self.gate.disconnected(address)

    async def _play(self, request: web.Request, name: str, address: str) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        limits = self.config.limits
        per_address = limits.max_per_address
        if per_address and self.gate.open_connections(address) > per_address:
            await _refuse(websocket, text("busy", self.language))
            return websocket
        # Another tab, or a reload the server has not noticed yet: that game ends first. A loop,
        # since a third tab may have sat down meanwhile; from here to taking the seat nothing
        # awaits, so two tabs can never both play.
        # A game still ending (a closed tab's, saving its last answer) is waited for too, so
        # the new game starts from the place the old one saved.
        while (previous := self.seats.get(name) or self.leaving.get(name)) is not None:
            await self._end_seat(previous, "elsewhere")
        if len(self.seats) >= limits.max_sessions:
            await _refuse(websocket, text("full", self.language, limit=limits.max_sessions))
            return websocket
        seat = Seat(name, websocket)
        self.seats[name] = seat
        watchdog: asyncio.Task[None] | None = None
        try:
            seat.service = service = GameService(
                self.config.game_argv(name),
                self.config.game_env("xterm-256color"),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=lambda: seat.close(self.language, self._idle_minutes),  # the game exited
                budget=Budget(limits.game_memory, int(limits.game_cpu)),
                clock=self._clock,
            )
            width, height = _number(request, "width", 80), _number(request, "height", 24)
            await service.start(width, height)
            log.info("%s started a game from %s (pid %s)", name, address, service.pid)
            watchdog = asyncio.create_task(self._watch_idle(seat))
            # A malformed message from the page ends its game, as a closed tab does.
            with contextlib.suppress(
                ValueError, KeyError, TypeError, AssertionError, ConnectionError
            ):
                await self._process_messages(websocket, service)
        finally:
            if watchdog is not None:
                watchdog.cancel()
            await self._end_seat(seat, seat.reason)
        return websocket

    async def _end_seat(self, seat: Seat, reason: str | None) -> None:
        """End the seat's game (SIGHUP first), tell the browser why, close its WebSocket.

        Whoever asks first (the closed tab, the idle watchdog, another tab, the shutdown)
        starts the ending and gives its reason; later callers wait for the same ending.
        """
        if seat.reason is None:
            seat.reason = reason
        if seat.ending is None:
            seat.ending = asyncio.create_task(self._finish(seat))
        await asyncio.shield(seat.ending)

    async def _finish(self, seat: Seat) -> None:
        if self.seats.get(seat.name) is seat:
            del self.seats[seat.name]
        self.leaving[seat.name] = seat
        try:
            if seat.service is not None:
                limits = self.config.limits
                await seat.service.stop(limits.grace, limits.hangup_grace)
                log.info("%s's game ended", seat.name)
        finally:
            if self.leaving.get(seat.name) is seat:
                del self.leaving[seat.name]
        await seat.close(self.language, self._idle_minutes)

    @property
    def _idle_minutes(self) -> int:
        return math.ceil(self.config.limits.idle_timeout / 60)

    async def _watch_idle(self, seat: Seat) -> None:
        """Close the seat once the student has typed nothing for the idle timeout."""
        timeout = self.config.limits.idle_timeout
        assert seat.service is not None
        while True:
            left = seat.service.last_input + timeout - self._clock()
            if left <= 0:
                await self._end_seat(seat, "idle")
                return
            await asyncio.sleep(min(left, 5.0))

    async def shut_down(self) -> None:
        """Refuse new games, end every game (each student is told), wait for them."""
        self.closing = True
        await asyncio.gather(
            *(self._end_seat(seat, "shutdown") for seat in list(self.seats.values()))
        )


@web.middleware
async def _security_headers(
    request: web.Request, handler: Callable[[web.Request], object]
) -> web.StreamResponse:
    response = await handler(request)  # type: ignore[misc]
    assert isinstance(response, web.StreamResponse)
    if not response.prepared:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # "no-referrer" would make the browser send `Origin: null` with the login form.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _number(request: web.Request, key: str, default: int) -> int:
    try:
        return int(request.query.get(key, default))
    except ValueError:
        return default


def _notice(message: str) -> bytes:
    """A notice for xterm.js: the normal screen, cursor shown, then the text."""
    return ("\x1b[?1049l\x1b[0m\r\n" + message + "\r\n").encode("utf-8")


async def _refuse(websocket: web.WebSocketResponse, message: str) -> None:
    await websocket.send_bytes(_notice(message))
    reason = message.encode("utf-8")[:120].decode("utf-8", "ignore")  # a close reason's limit
    await websocket.close(code=TRY_AGAIN_LATER, message=reason.encode("utf-8"))
