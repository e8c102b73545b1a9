"""Replace a file's contents all at once: a crash leaves the old file or the new, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, fsync it, then rename it over.

    The file is readable by its owner only (mkstemp's 0600), which the server's password
    roster and host key rely on.

    Raises:
        OSError: the folder cannot be written (full disk, read-only); ``path`` is unchanged.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
