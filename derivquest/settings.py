"""The player's settings (language, colours), kept in the data directory between games.

A game on this machine keeps one ``settings.json``; a game the classroom server started keeps
one file per student, so one student's colours never become the next one's.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from derivquest.atomic import write_atomically
from derivquest.languages import LANGUAGES as LANGUAGES
from derivquest.paths import data_dir

THEMES = ("ansi-dark", "ansi-light", "textual-dark", "textual-light")
"""ANSI themes first: they use the terminal's own 16 colours, right over SSH and in a console."""

SERVED_ENV = "DERIVQUEST_SERVED"
"""Set to 1 by the classroom server in every game it starts."""


def served() -> bool:
    """True in a game the classroom server started (one student of many on this machine)."""
    return os.environ.get(SERVED_ENV) == "1"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the settings screen changes."""

    language: str = "en"
    theme: str = "ansi-dark"


def settings_path() -> Path:
    """Where the settings live: ``settings.json`` in the data directory."""
    return data_dir() / "settings.json"


def profile_settings_path(profile: str) -> Path:
    """Where one player's own settings live: ``settings/<hash of the name>.json``.

    A hash, not the name: a profile name may hold any letters, and no name can reach
    outside the folder.
    """
    digest = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:32]
    return data_dir() / "settings" / f"{digest}.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; anything missing, unreadable or unknown falls back to the default."""
    try:
        raw = json.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    language = raw.get("language")
    theme = raw.get("theme")
    return Settings(
        language=language if language in LANGUAGES else "en",
        theme=theme if theme in THEMES else "ansi-dark",
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a temp file, fsync, then rename over the old one).

    Raises:
        OSError: the data directory cannot be written (full disk, read-only); the caller
            tells the player, and the game goes on with the settings in memory.
    """
    target = path or settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, json.dumps(asdict(settings)))
