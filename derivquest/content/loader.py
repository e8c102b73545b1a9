"""Read one pack folder: parse its TOML files, check them against the schema, or report why not."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from derivquest.content.fields import ID_PATTERN, LANGUAGES
from derivquest.content.packs import LoadedLevel, Pack, PackSource
from derivquest.content.problems import FileLines, Problem, problems_from_validation
from derivquest.content.schema import Level, Manifest
from derivquest.content.structure import structure_problems

MANIFEST_NAME = "pack.toml"
"""The manifest's file name; a folder holding it is a pack."""

MAX_FILE_BYTES = 1_000_000
"""Largest pack file (pack.toml or a level file); the biggest built-in level is 33 kB."""

MAX_PACK_BYTES = 8_000_000
"""Largest pack, all its files together: reading it must not hold up the game's start."""

MAX_DEPTH = 32
"""Deepest nesting of arrays and tables in a pack file (the format itself needs about 6)."""

ModelT = TypeVar("ModelT", bound=BaseModel)

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A pack, or the problems that kept it from loading (never both)."""

    pack: Pack | None
    problems: tuple[Problem, ...]
    source: PackSource


@dataclass(frozen=True, slots=True)
class PackRead:
    """Everything that could be read from a pack folder, and every problem met on the way.

    Levels that failed to read are missing from `levels`; the others are there even when
    the pack as a whole is broken (its manifest included), so a validator can go on
    checking them.
    """

    folder: Path
    manifest: Manifest | None
    manifest_lines: FileLines | None
    levels: tuple[tuple[LoadedLevel, FileLines], ...]
    problems: tuple[Problem, ...]
    pack_id: str | None = None
    """The manifest's id when it is a valid one, even if the manifest has other problems."""
    languages: tuple[str, ...] = ("en",)
    """The manifest's languages when readable, else English: what the level texts need."""


def read_pack(folder: Path) -> PackRead:
    """Read the manifest and every level file of the pack in `folder`, collecting problems.

    A manifest with problems (an unknown key, a missing title) still names its level files,
    and those are read and checked too: an author sees every problem in one run.
    """
    manifest_file = folder / MANIFEST_NAME
    if not manifest_file.is_file():
        message = (
            f"no {MANIFEST_NAME} in this folder, so it is not a pack"
            if folder.is_dir()
            else "no such folder"
        )
        fix = "point at the pack folder, or create one with `derivquest pack new`"
        return PackRead(folder, None, None, (), (Problem(folder, 1, "", message, fix),))
    budget = _Budget()
    outside = _outside_problem(folder, MANIFEST_NAME, manifest_file)
    toml = read_toml(manifest_file, budget) if outside is None else outside
    if isinstance(toml, Problem):
        return PackRead(folder, None, None, (), (toml,))
    data, manifest_lines = toml
    problems: list[Problem] = []
    manifest: Manifest | None = None
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(error, manifest_lines, Manifest))
    level_paths = list(manifest.levels) if manifest else _strings(data.get("levels"))
    levels: list[tuple[LoadedLevel, FileLines]] = []
    seen_paths: set[str] = set()
    unreadable_ids: set[str] = set()
    ids_complete = True
    for index, relative in enumerate(level_paths):
        path_problem = _level_path_problem(folder, relative, seen_paths)
        if path_problem:
            problems.append(manifest_lines.problem(("levels", index), *path_problem))
            ids_complete = False
            continue
        seen_paths.add(relative)
        toml = read_toml(folder / relative, budget)
        if isinstance(toml, Problem):
            problems.append(toml)
            ids_complete = False
            continue
        data_level, lines = toml
        try:
            level = Level.model_validate(data_level)
        except ValidationError as error:
            problems.extend(problems_from_validation(error, lines, Level))
            if isinstance(data_level.get("id"), str):
                unreadable_ids.add(data_level["id"])  # so `requires` on it is not "unknown" too
            else:
                ids_complete = False
            continue
        levels.append((LoadedLevel(level, lines.file, lines.text), lines))
    problems.extend(
        structure_problems(
            [(level.model, lines) for level, lines in levels], unreadable_ids, ids_complete
        )
    )
    pack_id: str | None
    if manifest is not None:
        pack_id, languages = manifest.id, tuple(manifest.languages)
    else:
        raw_id = data.get("id")
        pack_id = raw_id if isinstance(raw_id, str) and re.fullmatch(ID_PATTERN, raw_id) else None
        known = [name for name in _strings(data.get("languages")) if name in LANGUAGES]
        languages = tuple(dict.fromkeys(["en", *known]))  # unknown ones are reported already
    return PackRead(
        folder, manifest, manifest_lines, tuple(levels), tuple(problems), pack_id, languages
    )


def _strings(value: object) -> list[str]:
    """The strings of a list read from a manifest that failed validation (others dropped)."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def load_pack(folder: Path, source: PackSource | None = None) -> LoadResult:
    """Read the pack in `folder`; on any problem the pack is None and every problem is listed.

    Args:
        folder: the folder holding pack.toml.
        source: how the pack was found; default: a `path` pack at `folder`.
    """
    source = source or PackSource("path", folder)
    try:
        read = read_pack(folder)
    except (RecursionError, MemoryError) as error:
        # read_toml turns these into problems of their file; this is the last line of
        # defence, so one pack can never take the catalog (and every other pack) down.
        what = "nested too deeply" if isinstance(error, RecursionError) else "too large"
        problem = Problem(folder, 1, "", f"the pack is {what} to read", "split it up")
        return LoadResult(None, (problem,), source)
    if read.problems or read.manifest is None or read.manifest_lines is None:
        return LoadResult(None, read.problems, source)
    levels = tuple(level for level, _ in read.levels)
    return LoadResult(Pack(read.manifest, levels, source, read.manifest_lines.text), (), source)


def _level_path_problem(folder: Path, relative: str, seen: set[str]) -> tuple[str, str] | None:
    """Return (message, fix) when a manifest's level path is unusable, else None."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative:
        return (
            f"level path {relative!r} must stay inside the pack folder",
            'use a relative path with forward slashes, e.g. "levels/01-intro.toml"',
        )
    if pure.suffix != ".toml":
        return (f"level file {relative!r} is not a .toml file", "list only .toml level files")
    if relative in seen:
        return (f"level file {relative!r} is listed twice", "list each level file once")
    if not (folder / relative).is_file():
        return (f"level file {relative!r} not found", "create the file or fix the path")
    if not _inside(folder, folder / relative):
        return (
            f"level file {relative!r} is a link to a file outside the pack folder",
            "copy the file into the pack instead of linking to it",
        )
    return None


def _inside(folder: Path, file: Path) -> bool:
    """True when `file`, with every link followed, is inside `folder` (links followed too)."""
    try:
        return file.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # a broken link or a loop of links
        return False


def _outside_problem(folder: Path, name: str, file: Path) -> Problem | None:
    """A problem when `file` (e.g. pack.toml) is a link out of the pack folder, else None."""
    if _inside(folder, file):
        return None
    return Problem(
        file,
        1,
        "",
        f"{name} is a link to a file outside the pack folder",
        "copy the file into the pack instead of linking to it",
    )


class _Budget:
    """Bytes a pack may still read: no single file or pack may hold up the game's start."""

    def __init__(self) -> None:
        self.left = MAX_PACK_BYTES


def read_toml(
    file: Path, budget: _Budget | None = None
) -> tuple[dict[str, Any], FileLines] | Problem:
    """Read a TOML file, or return the problem that stops it being read.

    Files over MAX_FILE_BYTES (or over what is left of the pack's `budget`), nesting
    deeper than MAX_DEPTH, and whatever exhausts Python's stack or memory become problems
    of this file, never exceptions that would take other packs down.
    """
    raw = _read_capped(file, budget)
    if isinstance(raw, Problem):
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Problem(file, 1, "", "the file is not UTF-8 text", "save it as UTF-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _syntax_problem(file, text, str(error))
    except RecursionError:
        return _too_deep(file)
    except MemoryError:
        return _too_big_to_read(file)
    if _deeper_than(data, MAX_DEPTH):
        return _too_deep(file)
    try:
        return data, FileLines(file, text)
    except RecursionError:
        return _too_deep(file)
    except MemoryError:
        return _too_big_to_read(file)


def _read_capped(file: Path, budget: _Budget | None) -> bytes | Problem:
    """Read at most the limit's bytes: a huge (or endless) file is refused, never read."""
    limit = MAX_FILE_BYTES if budget is None else min(MAX_FILE_BYTES, budget.left)
    try:
        with open(file, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = b"" if size > limit else handle.read(limit + 1)
    except OSError as error:
        return Problem(file, 1, "", f"cannot read the file: {error.strerror}", "check the path")
    size = max(size, len(raw))
    if size > MAX_FILE_BYTES:
        return Problem(
            file,
            1,
            "",
            f"too large ({_megabytes(size)}; the limit is {_megabytes(MAX_FILE_BYTES)})",
            "split it into several level files",
        )
    if size > limit:
        return Problem(
            file,
            1,
            "",
            f"the pack is too large (over {_megabytes(MAX_PACK_BYTES)} in all its files)",
            "split it into several packs",
        )
    if budget is not None:
        budget.left -= size
    return raw


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.3g} MB"


def _deeper_than(data: object, limit: int) -> bool:
    """True when arrays and tables nest deeper than `limit` (iterative: no recursion)."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = []
    if isinstance(data, dict | list):
        stack.append((data, 1))
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _too_deep(file: Path) -> Problem:
    return Problem(
        file,
        1,
        "",
        f"nested too deeply (more than {MAX_DEPTH} levels of arrays or tables)",
        "flatten the arrays and tables",
    )


def _too_big_to_read(file: Path) -> Problem:
    return Problem(file, 1, "", "too large to read (out of memory)", "split it into smaller files")


def _syntax_problem(file: Path, text: str, message: str) -> Problem:
    line = 1
    position = _TOML_POSITION.search(message)
    end = _TOML_END.search(message)
    if position:
        line = int(position.group(1))
        message = f"{message[: position.start()]} (column {position.group(2)})"
    elif end:
        message = f"{message[: end.start()]} (at the end of the file)"
        line = max(1, text.count("\n"))
    return Problem(
        file,
        line,
        "",
        f"invalid TOML: {message}",
        'check the quotes, brackets and "key = value" on this line',
    )


def read_model(file: Path, model: type[ModelT]) -> tuple[ModelT, FileLines] | list[Problem]:
    """Read a TOML file into `model`, or return every problem found."""
    read = read_toml(file)
    if isinstance(read, Problem):
        return [read]
    data, lines = read
    try:
        return model.model_validate(data), lines
    except ValidationError as error:
        return problems_from_validation(error, lines, model)
