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


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
"""Modes of the data folder and the progress database: every answer is in there."""


def make_private_folder(path: Path, tighten: bool = False) -> None:
    """Create `path` owner-only (0700); with `tighten`, also close an existing one to others.

    Only a folder this user owns is tightened (and only its group/other bits are removed).

    Raises:
        OSError: the folder cannot be created.
    """
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if tighten:
        _tighten(path)


def make_private_file(path: Path) -> None:
    """Create `path` empty and owner-only (0600) if missing; close an existing one to others.

    Raises:
        OSError: the file cannot be created.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        _tighten(path)


def _tighten(path: Path) -> None:
    """Remove group and other permissions from `path` if this user owns it."""
    try:
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o077:
            path.chmod(status.st_mode & 0o700)
    except OSError:  # not ours, or gone: leave it as it is
        pass


def builtin_levels_dir() -> Path:
    """Return the folder of built-in packs: in the wheel, or `levels/` in a source checkout."""
    installed = Path(__file__).parent / "_levels"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "levels"
