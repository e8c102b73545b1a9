"""The two pages: the login form, and the game page that loads textual-serve's xterm.js.

Both are written here rather than with textual-serve's template, which loads its font from
a font service on the internet: every file these pages use comes from this server.
"""

from __future__ import annotations

from html import escape

from derivquest.server.web.strings import text

TEXTUAL_STATIC = "/static/"
"""textual-serve's own files (textual.js, xterm.css, the Roboto Mono font)."""

OUR_STATIC = "/dq/"
"""This package's files (the page style with the local font)."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "font-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""Nothing from another server, nothing inline but styles (xterm.js sets them on its nodes)."""


def _head(title: str, language: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{OUR_STATIC}derivquest.css">\n'
    )


def login_page(language: str, *, open_mode: bool, message: str = "", name: str = "") -> str:
    """The login form; `message` (already a sentence) says why the last try failed."""
    password = (
        ""
        if open_mode
        else (
            f'<label for="password">{escape(text("password", language))}</label>\n'
            '<input id="password" name="password" type="password" required'
            ' autocomplete="current-password">\n'
        )
    )
    intro = text("intro_open" if open_mode else "intro", language)
    error = f'<p class="error" role="alert">{escape(message)}</p>\n' if message else ""
    return (
        _head(text("title", language), language)
        + '</head>\n<body class="login">\n<main class="card">\n'
        + f"<h1>{escape(text('title', language))}</h1>\n<p>{escape(intro)}</p>\n{error}"
        + '<form method="post" action="/login">\n'
        + f'<label for="name">{escape(text("name", language))}</label>\n'
        + '<input id="name" name="name" required maxlength="40" autocomplete="username"'
        + f' autofocus value="{escape(name)}">\n'
        + password
        + f'<button type="submit">{escape(text("log_in", language))}</button>\n'
        + "</form>\n</main>\n</body>\n</html>\n"
    )


def game_page(language: str, websocket_url: str, font_size: int = 16) -> str:
    """The page that draws the game with xterm.js over the WebSocket at `websocket_url`."""
    return (
        _head(text("title", language), language)
        + f'<link rel="stylesheet" href="{TEXTUAL_STATIC}css/xterm.css">\n'
        + f'<script src="{TEXTUAL_STATIC}js/textual.js"></script>\n'
        + '</head>\n<body class="game">\n'
        + f'<div class="loading">{escape(text("loading", language))}</div>\n'
        + '<div class="closed-dialog"><div class="card">'
        + f"<p>{escape(text('ended', language))}</p>"
        + f'<p><a class="button" href="/">{escape(text("again", language))}</a></p>'
        + '<form method="post" action="/logout">'
        + f'<button type="submit">{escape(text("log_out", language))}</button></form>'
        + "</div></div>\n"
        + '<div id="terminal" class="textual-terminal"'
        + f' data-session-websocket-url="{escape(websocket_url)}"'
        + f' data-font-size="{font_size}"></div>\n'
        + "</body>\n</html>\n"
    )


def notice_page(language: str, message: str) -> str:
    """A page that only says something (the class is full), with a link to try again."""
    return (
        _head(text("title", language), language)
        + '</head>\n<body class="login">\n<main class="card">\n'
        + f"<h1>{escape(text('title', language))}</h1>\n"
        + f'<p role="alert">{escape(message)}</p>\n'
        + f'<p><a class="button" href="/">{escape(text("again", language))}</a></p>\n'
        + "</main>\n</body>\n</html>\n"
    )
