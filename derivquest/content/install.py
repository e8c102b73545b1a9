"""Copy a pack into the player's data folder (atomically: no half-installed pack)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from derivquest.content.catalog import user_packs_dir
from derivquest.content.loader import MANIFEST_NAME
from derivquest.content.packs import Pack


class InstallError(Exception):
    """The pack cannot be installed (already there without --force, or the copy failed)."""


def install_pack(pack: Pack, force: bool = False) -> Path:
    """Copy `pack` (pack.toml and its level files only) to `data_dir()/packs/<id>`.

    The copy is built beside the destination and moved in with `os.replace`, so a crash
    leaves either the old pack or the new one, never a mix.

    Args:
        pack: a pack that loaded cleanly (the caller validates it first).
        force: replace an installed pack with the same id.

    Returns:
        The installed pack's folder.

    Raises:
        InstallError: the pack is installed already and `force` is False, or copying failed.
    """
    parent = user_packs_dir()
    destination = parent / pack.id
    if destination.exists() and not force:
        raise InstallError(f"{destination} exists already (use --force to replace it)")
    if destination.resolve() == pack.folder.resolve():
        raise InstallError(f"{pack.folder} is the installed copy itself")
    token = uuid.uuid4().hex[:8]
    staging = parent / f".{pack.id}.installing-{token}"
    retired = parent / f".{pack.id}.replaced-{token}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        files = [pack.folder / MANIFEST_NAME, *(level.file for level in pack.levels)]
        for file in files:
            target = staging / file.relative_to(pack.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
        if destination.exists():
            os.replace(destination, retired)
        os.replace(staging, destination)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not destination.exists():
            os.replace(retired, destination)  # put the old pack back
        raise InstallError(f"could not install into {destination}: {error}") from error
    shutil.rmtree(retired, ignore_errors=True)
    return destination
