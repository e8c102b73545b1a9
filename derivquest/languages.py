"""The languages the game is written in: the one list the packs, settings and commands use."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "bn"]
"""A language a text may be written in; `en` is always required."""

LANGUAGES: tuple[Language, ...] = ("en", "bn")
"""Every language the game can show, in menu order."""

LANGUAGE_NAMES: dict[Language, str] = {"en": "English", "bn": "বাংলা (Bengali)"}
"""Each language as the settings screen lists it (in its own script)."""
