"""The web server's login form: a flood of --open logins, and the database roster."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from derivquest.progress import ProgressStore
from derivquest.progress.roster import NewStudent
from derivquest.server import passwords
from derivquest.server.auth import Admission
from derivquest.server.config import ServerConfig
from derivquest.server.db_roster import DatabaseRoster
from derivquest.server.limits import Limits
from derivquest.server.web.server import WebServer
from derivquest.server.web.sessions import LOGINS_PER_MINUTE

Client = TestClient[web.Request, web.Application]


@asynccontextmanager
async def serving(admission: Admission, home: Path, language: str = "en") -> AsyncIterator[Client]:
    config = ServerConfig(admission=admission, home=home, port=0, limits=Limits(failure_delay=0))
    server = WebServer(config, language)
    async with TestClient(TestServer(await server.make_app())) as client:
        yield client


async def log_in(client: Client, name: str, password: str = "") -> tuple[int, str]:
    response = await client.post(
        "/login", data={"name": name, "password": password}, allow_redirects=False
    )
    return response.status, await response.text()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Too many logins from this computer in one minute"), ("bn", "এক মিনিটে অনেকবার")],
)
async def test_an_open_login_flood_is_stopped_with_a_message(
    isolated_home: Path, language: str, message: str
) -> None:
    """--open: past the per-minute rate, logins from that address get 429 and a sentence."""
    async with serving(Admission.open_to_anyone(), isolated_home, language) as client:
        for number in range(LOGINS_PER_MINUTE):
            status, _ = await log_in(client, f"flood{number}")
            assert status == 303
        status, page = await log_in(client, "one-more")
        assert status == 429 and message in page


async def test_database_roster_passwords_on_the_web(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A password student from the database logs in; removed, they cannot; no database: 503."""
    store = ProgressStore()
    encoded = passwords.hash_password("s3cret-ana", 4).encode()
    store.roster.add([NewStudent("ana", "7B", password_hash=encoded)])
    admission = Admission.from_database(DatabaseRoster(store))
    async with serving(admission, isolated_home) as client:
        assert (await log_in(client, "ana", "s3cret-ana"))[0] == 303
        assert (await log_in(client, "ana", "wrong-one"))[0] == 401
        store.roster.set_enabled(["ana"], False)
        assert (await log_in(client, "ana", "s3cret-ana"))[0] == 401
        store.close()  # the database goes away
        status, page = await log_in(client, "ana", "s3cret-ana")
        assert status == 503 and "cannot reach its database" in page
