"""Find every pack (built-in, `--pack` folders, installed, pip packages) and load them all."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from derivquest import paths
from derivquest.content.loader import MANIFEST_NAME, LoadResult, load_pack
from derivquest.content.packs import Pack, PackSource, QuestionRef
from derivquest.content.problems import FileLines, Problem
from derivquest.ids import QuestionId

ENTRY_POINT_GROUP = "derivquest.packs"
"""Entry-point group of packs installed as Python packages; each entry names a package."""


@dataclass(frozen=True, slots=True)
class BrokenPack:
    """A pack that was found but not loaded, and why."""

    source: PackSource
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every pack the game can offer, plus the ones that could not be loaded."""

    packs: tuple[Pack, ...] = ()
    """Loaded packs, in discovery order: built-in, `--pack` paths, user, entry points."""
    broken: tuple[BrokenPack, ...] = field(default=())
    """Packs skipped because of problems (including duplicate ids)."""

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of every broken pack."""
        return tuple(problem for broken in self.broken for problem in broken.problems)

    def pack(self, pack_id: str) -> Pack | None:
        """Return the pack with this id, or None."""
        return next((pack for pack in self.packs if pack.id == pack_id), None)

    def question(self, full_id: str) -> QuestionRef | None:
        """Return the question with this `pack/level/question` id, or None if unknown."""
        parsed = QuestionId.read(full_id)
        if parsed is None:
            return None
        pack = self.pack(parsed.pack)
        return None if pack is None else pack.question(parsed.level, parsed.question)

    def questions(self) -> Iterator[QuestionRef]:
        """Yield every question of every pack, in order."""
        for pack in self.packs:
            yield from pack.questions()


def user_packs_dir() -> Path:
    """Return the folder where `derivquest pack install` puts packs."""
    return paths.data_dir() / "packs"


def _pack_folders(parent: Path, report_missing: bool) -> Iterator[tuple[Path, Problem | None]]:
    """Yield each subfolder of `parent` that is a pack (or a problem for one that is not)."""
    if not parent.is_dir():
        return
    for folder in sorted(parent.iterdir()):
        if not folder.is_dir() or folder.name.startswith((".", "_")):
            continue
        if (folder / MANIFEST_NAME).is_file():
            yield folder, None
        elif report_missing:
            yield (
                folder,
                Problem(
                    folder,
                    1,
                    "",
                    f"no {MANIFEST_NAME} in this folder, so it is not a pack",
                    "remove the folder, or reinstall the pack with `derivquest pack install`",
                ),
            )


def entry_point_sources() -> Iterator[PackSource | BrokenPack]:
    """Yield the folder of each pack installed as a Python package, or why it is unusable."""
    seen: set[tuple[str, str]] = set()
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if (entry.name, entry.value) in seen:
            continue
        seen.add((entry.name, entry.value))
        described = f"{entry.name} = {entry.value}"
        unknown = PackSource("entry-point", Path(entry.value), described)
        if entry.attr:
            yield _broken(unknown, "the entry point must name a package, not an object", "")
            continue
        try:
            folder = importlib.resources.files(entry.module)
        except Exception as error:  # third-party code runs on import: report it, never crash
            yield _broken(unknown, f"cannot import package {entry.module!r}: {error}", "")
            continue
        if not isinstance(folder, Path):
            yield _broken(unknown, "the package is not a plain folder (zipped?)", "")
            continue
        source = PackSource("entry-point", folder, described)
        if not (folder / MANIFEST_NAME).is_file():
            yield _broken(source, f"package {entry.module!r} has no {MANIFEST_NAME}", "")
            continue
        yield source


def _broken(source: PackSource, message: str, fix: str) -> BrokenPack:
    fix = fix or "reinstall the package, or ask its author (it needs pack.toml in its folder)"
    return BrokenPack(source, (Problem(source.location, 1, "", message, fix),))


def discover(
    extra: Sequence[Path] = (),
    *,
    builtin: bool = True,
    user: bool = True,
    entry_points: bool = True,
) -> Iterator[PackSource | BrokenPack]:
    """Yield every pack's source in priority order (or a BrokenPack when a source is unusable).

    Built-in packs come first so no other pack can take the course's id; then `--pack`
    folders, so a teacher's working copy wins over an installed one; then installed packs;
    then packages.
    """
    if builtin:
        for folder, _ in _pack_folders(paths.builtin_levels_dir(), report_missing=False):
            yield PackSource("builtin", folder)
    for folder in extra:
        yield PackSource("path", folder)
    if user:
        for folder, problem in _pack_folders(user_packs_dir(), report_missing=True):
            source = PackSource("user", folder)
            yield source if problem is None else BrokenPack(source, (problem,))
    if entry_points:
        yield from entry_point_sources()


def load_catalog(
    extra: Sequence[Path] = (),
    *,
    builtin: bool = True,
    user: bool = True,
    entry_points: bool = True,
) -> Catalog:
    """Find and load every pack; broken packs and duplicate ids are reported, never raised.

    Args:
        extra: pack folders given with `--pack PATH`.
        builtin: include the packs shipped with the game.
        user: include packs installed with `derivquest pack install`.
        entry_points: include packs installed as Python packages.
    """
    packs: list[Pack] = []
    broken: list[BrokenPack] = []
    folders: set[Path] = set()
    for found in discover(extra, builtin=builtin, user=user, entry_points=entry_points):
        if isinstance(found, BrokenPack):
            broken.append(found)
            continue
        where = found.location.resolve()
        if where in folders:
            continue  # the same folder reached twice (e.g. --pack on an installed pack)
        folders.add(where)
        result = load_pack(found.location, found)
        if result.pack is None:
            broken.append(BrokenPack(found, result.problems))
            continue
        first = next((pack for pack in packs if pack.id == result.pack.id), None)
        if first is not None:
            broken.append(_duplicate(result, first))
            continue
        packs.append(result.pack)
    return Catalog(tuple(packs), tuple(broken))


def _duplicate(result: LoadResult, first: Pack) -> BrokenPack:
    assert result.pack is not None
    lines = FileLines(result.pack.folder / MANIFEST_NAME, result.pack.manifest_text)
    problem = lines.problem(
        ("id",),
        f"pack id {result.pack.id!r} is already used by {first.source.describe()}",
        "give this pack its own id, or remove one of the copies",
    )
    return BrokenPack(result.source, (problem,))
