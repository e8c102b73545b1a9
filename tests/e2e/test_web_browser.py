"""`derivquest web` in a real browser: Debian's Chromium driven by Playwright.

Log in on the page, see the course map, answer a question, reload, and find the game on
the same question. The canvas xterm.js draws has no text to query, so the test reads what
the page's terminal was given: every WebSocket frame the browser received, fed to pyte at
the size the page asked for. It also fails if the page requests anything from another
server (fonts included). Playwright's own browser download is not used: CI installs
Chromium from Debian (.ci/run), and with CI=true a missing browser fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pyte
import pytest

from tests.e2e.test_web_server import PASSWORD, stored_answers, web_server

pytestmark = pytest.mark.e2e

BROWSERS = ("chromium", "chromium-headless-shell", "chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    message = f"no Chromium installed ({', '.join(BROWSERS)}): .ci/run installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class PageTerminal:
    """What the page's terminal shows, rebuilt from the frames its WebSocket received."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.sockets = 0

    def opened(self, url: str) -> None:
        """A new WebSocket (a page load): a fresh screen of the size in its URL."""
        self.sockets += 1
        query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
        self.screen = pyte.Screen(int(query["width"]), int(query["height"]))
        self.stream = pyte.ByteStream(self.screen)

    def sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(int(size["height"]), int(size["width"]))

    def received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def text(self) -> str:
        return "\n".join(self.screen.display)


async def test_log_in_play_reload_resume(isolated_home: Path, tmp_path: Path) -> None:
    from playwright.async_api import Page, WebSocket, async_playwright

    executable = _browser()
    terminal = PageTerminal()
    requested: list[str] = []

    def watch(websocket: WebSocket) -> None:
        terminal.opened(websocket.url)
        websocket.on("framesent", terminal.sent)
        websocket.on("framereceived", terminal.received)

    async def wait_for(page: Page, words: tuple[str, ...], timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while not all(word in terminal.text() for word in words):
            if time.monotonic() > deadline:
                raise AssertionError(f"{words} not on the page:\n{terminal.text()}")
            await page.wait_for_timeout(200)
        return terminal.text()

    async with web_server(isolated_home, tmp_path) as base, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1100, "height": 700})
            page.on("websocket", watch)
            page.on("request", lambda request: requested.append(request.url))
            await page.goto(base)
            await page.fill("#name", "ana")
            await page.fill("#password", PASSWORD)
            await page.click("button[type=submit]")
            # A new player: the first lesson, its keys in the footer before any click (the
            # web driver starts the app blurred).
            await wait_for(page, ("The course starts here", "start the questions"))
            await page.screenshot(path=str(tmp_path / "lesson.png"))
            await page.click("#terminal")  # the terminal takes the keys
            deadline = time.monotonic() + 60
            while "Question 1 of" not in terminal.text():
                assert time.monotonic() < deadline, terminal.text()
                await page.keyboard.press("Enter")
                await page.wait_for_timeout(700)
            await wait_for(page, ("Question 1 of", "▊", "f8 hint"))  # the browser's keymap
            await page.keyboard.type("-1")
            await wait_for(page, ("-1",))
            await page.keyboard.press("Enter")
            deadline = time.monotonic() + 30
            while not stored_answers(isolated_home, "ana"):
                assert time.monotonic() < deadline, "the answer was not saved"
                await page.wait_for_timeout(200)
            assert stored_answers(isolated_home, "ana") == ["-1"]

            await page.reload()  # the old game gets SIGHUP and saves its place
            await page.wait_for_selector("body.-first-byte", state="attached")
            text = await wait_for(page, ("Question", "▊"))
            assert terminal.sockets == 2 and "Course map" not in text
            await page.wait_for_timeout(500)
            shot = tmp_path / "web.png"
            await page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000  # a drawn page, not a blank one
            assert "Question" in terminal.text()
        finally:
            await browser.close()
    strangers = [url for url in requested if not url.startswith(base)]
    assert not strangers, f"the page asked another server for {strangers}"
    assert any(url.endswith(".ttf") for url in requested), "the font was not loaded locally"
