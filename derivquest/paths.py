"""Where DerivQuest keeps its data: `DERIVQUEST_HOME`, else the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "DERIVQUEST_HOME"
"""Environment variable that overrides the data directory (tests always set it)."""


def data_dir() -> Path:
    """Return the data directory, without creating it."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("derivquest", appauthor=False)


def builtin_levels_dir() -> Path:
    """Return the folder of built-in packs: in the wheel, or `levels/` in a source checkout."""
    installed = Path(__file__).parent / "_levels"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "levels"
