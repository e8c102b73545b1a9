"""The server's host key: made on first start, kept in the data directory, never replaced."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from derivquest import paths
from derivquest.atomic import write_atomically

if TYPE_CHECKING:
    from asyncssh import SSHKey

KEY_NAME = "ssh_host_ed25519_key"


def host_key_path() -> Path:
    """Return `data_dir()/server/ssh_host_ed25519_key`."""
    return paths.data_dir() / "server" / KEY_NAME


def load_or_create_host_key(path: Path | None = None) -> tuple[SSHKey, bool]:
    """Return the host key and whether it was just created.

    The key must survive restarts: a new one makes every student's ssh warn that the
    server's identity changed. It is written owner-only, first to a temporary name, so a
    crash never leaves half a key behind.

    Raises:
        OSError: the folder or file cannot be created or read.
        ValueError: the file exists but is not a private key (it is left alone).
    """
    import asyncssh

    target = host_key_path() if path is None else path
    if target.exists():
        try:
            return asyncssh.read_private_key(target), False
        except asyncssh.KeyImportError as error:
            raise ValueError(f"{target} is not a usable SSH private key ({error})") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519", comment="derivquest-server")
    write_atomically(target, key.export_private_key())  # owner-only: mkstemp's 0600
    return key, True


def fingerprint(key: SSHKey) -> str:
    """The SHA256 fingerprint students' ssh shows the first time (`SHA256:...`)."""
    return key.get_fingerprint("sha256")
