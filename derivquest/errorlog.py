"""The error log: details of an unexpected failure go to a file, never to the player's screen."""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

from derivquest import paths

LOG_NAME = "errors.log"
"""The log's file name inside the data directory."""

MAX_LOG_BYTES = 1_000_000
"""Past this size the log is moved to errors.log.1 (replacing an older one) and restarted."""


def log_path() -> Path:
    """Return `data_dir()/errors.log`."""
    return paths.data_dir() / LOG_NAME


def log_error(error: BaseException, where: str) -> Path | None:
    """Append the traceback of ``error`` (no local variables: they hold answers and course text).

    Args:
        error: the exception to record.
        where: what was running, e.g. ``game`` or ``derivquest pack list``.

    Returns:
        The log file, or None when it could not be written (full disk, read-only folder):
        the caller's message must not depend on the log.
    """
    path = log_path()
    stamp = time.strftime("%Y-%m-%d %H:%M:%S %z")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    entry = f"--- {stamp} {where} (pid {os.getpid()})\n{details}\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        # Owner only: a traceback can name files and players.
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(handle, "a", encoding="utf-8", errors="replace") as out:
            out.write(entry)
    except OSError:
        return None
    return path


def crash_message(error: BaseException, log: Path | None) -> str:
    """What to tell the player after an unexpected failure (English; the CLI's language)."""
    where = f"The details are in {log}." if log else "The details could not be saved."
    return (
        f"derivquest: an unexpected problem stopped it ({type(error).__name__}). Everything "
        f"saved before is safe. {where} Run derivquest again; if this happens again, send "
        "that file to whoever looks after DerivQuest."
    )
