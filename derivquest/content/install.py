"""Copy a pack into the player's data folder (atomically: no half-installed pack)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from derivquest import paths
from derivquest.content.catalog import user_packs_dir
from derivquest.content.loader import MANIFEST_NAME, read_model
from derivquest.content.packs import Pack
from derivquest.content.schema import Manifest


class InstallError(Exception):
    """The pack cannot be installed (its id is taken, or the copy failed)."""


def builtin_pack_ids() -> set[str]:
    """The ids of the packs shipped with the game: the catalog loads those first, always."""
    ids: set[str] = set()
    root = paths.builtin_levels_dir()
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            read = read_model(folder / MANIFEST_NAME, Manifest)
            if not isinstance(read, list):
                ids.add(read[0].id)
    return ids


def check_installable_id(pack_id: str) -> None:
    """Raise InstallError when `pack_id` is a built-in pack's (its copy would never load)."""
    if pack_id in builtin_pack_ids():
        raise InstallError(
            f"pack id {pack_id!r} belongs to a pack built into DerivQuest, so an installed "
            "copy would never be loaded; give your pack its own id in pack.toml"
        )


def install_pack(pack: Pack, force: bool = False) -> Path:
    """Copy `pack` (pack.toml and its level files only) to `data_dir()/packs/<id>`.

    What is written is the text that was read and validated, never the files again: a
    file swapped for a link after validation cannot smuggle anything in. The copy is
    built beside the destination and moved in with `os.replace`, so a crash leaves either
    the old pack or the new one, never a mix.

    Args:
        pack: a pack that loaded cleanly (the caller validates it first).
        force: replace an installed pack with the same id.

    Returns:
        The installed pack's folder.

    Raises:
        InstallError: the id is a built-in pack's, the pack is installed already and
            `force` is False, or copying failed.
    """
    check_installable_id(pack.id)
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
        files = [
            (pack.folder / MANIFEST_NAME, pack.manifest_text),
            *((level.file, level.text) for level in pack.levels),
        ]
        for file, text in files:
            target = staging / file.relative_to(pack.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            # newline="" writes the text exactly as it was read (UTF-8 round-trips).
            with open(target, "x", encoding="utf-8", newline="") as handle:
                handle.write(text)
        if destination.exists():
            os.replace(destination, retired)
        os.replace(staging, destination)
    except (OSError, ValueError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not destination.exists():
            os.replace(retired, destination)  # put the old pack back
        raise InstallError(f"could not install into {destination}: {error}") from error
    shutil.rmtree(retired, ignore_errors=True)
    return destination
