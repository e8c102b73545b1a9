"""The web pages load nothing from another server, and escape what they echo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivquest.server.pty_child import WindowSize
from derivquest.server.web import pages
from derivquest.server.web.game import web_environment
from derivquest.ui.web_keymap import WEB_DRIVER

URL = re.compile(r"""(?:\s(?:src|href)=|url\()\s*["']?([^"')\s>]+)""", re.IGNORECASE)
STATIC = Path(pages.__file__).parent / "static"


def _references(html: str) -> list[str]:
    return URL.findall(html)


@pytest.mark.parametrize(
    "html",
    [
        pages.login_page("en", open_mode=False),
        pages.login_page("bn", open_mode=True, message="x"),
        pages.game_page("en", "ws://127.0.0.1:8000/ws"),
        pages.notice_page("bn", "<full>"),
        (STATIC / "derivquest.css").read_text(encoding="utf-8"),
    ],
    ids=["login", "login-open-bn", "game", "notice", "css"],
)
def test_every_asset_is_on_this_server(html: str) -> None:
    references = _references(html)
    assert references
    for reference in references:
        assert reference.startswith("/"), f"{reference} is not on this server"


def test_the_font_files_exist() -> None:
    import textual_serve

    statics = Path(textual_serve.__file__).parent / "static"
    css = (STATIC / "derivquest.css").read_text(encoding="utf-8")
    for reference in _references(css):
        assert (statics / reference.removeprefix("/static/")).is_file(), reference


def test_the_csp_allows_only_this_server() -> None:
    assert "http" not in pages.CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in pages.CONTENT_SECURITY_POLICY


def test_echoed_text_is_escaped() -> None:
    page = pages.login_page("en", open_mode=False, message="<b>", name='"><script>')
    assert "<script>" not in page and "&lt;b&gt;" in page


def test_bengali_login_page() -> None:
    assert "পাসওয়ার্ড" in pages.login_page("bn", open_mode=False)


def test_web_environment() -> None:
    env = web_environment({"PATH": "/usr/bin"}, WindowSize.clamped(5000, 0))
    assert env["TEXTUAL_DRIVER"] == WEB_DRIVER
    assert (env["COLUMNS"], env["ROWS"]) == ("1000", "24")
    assert env["PATH"] == "/usr/bin"
