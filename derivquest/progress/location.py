"""Where progress lives: a SQLite file (the default) or a PostgreSQL URL for a whole school."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

DATABASE_ENV = "DERIVQUEST_DATABASE"
"""A `postgresql://` URL (or a SQLite file) every command and served game uses."""

SCHEMES = ("postgresql://", "postgres://")
"""The URL schemes libpq accepts."""


def is_database_url(location: str) -> bool:
    """True when `location` names a PostgreSQL database rather than a file."""
    return location.lower().startswith(SCHEMES)


def from_environment(option: str | None = None) -> str | None:
    """Return `option` when given, else DERIVQUEST_DATABASE when set (None: the default file)."""
    if option:
        return option
    return os.environ.get(DATABASE_ENV) or None


def describe(location: str | Path) -> str:
    """The location for messages and logs: a URL loses its password, a path stays."""
    text = str(location)
    if not is_database_url(text):
        return text
    parts = urlsplit(text)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"], safe="/")
    # Not urlunsplit: it drops the `//` of an empty host (`postgresql:///db?host=/run/pg`).
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
