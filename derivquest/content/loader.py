"""Read one pack folder: parse its TOML files, check them against the schema, or report why not."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from derivquest.content.packs import LoadedLevel, Pack, PackSource
from derivquest.content.problems import FileLines, Problem, problems_from_validation
from derivquest.content.schema import Level, Manifest
from derivquest.content.structure import structure_problems

MANIFEST_NAME = "pack.toml"
"""The manifest's file name; a folder holding it is a pack."""

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
    the pack as a whole is broken, so a validator can go on checking them.
    """

    folder: Path
    manifest: Manifest | None
    manifest_lines: FileLines | None
    levels: tuple[tuple[LoadedLevel, FileLines], ...]
    problems: tuple[Problem, ...]


def read_pack(folder: Path) -> PackRead:
    """Read the manifest and every level file of the pack in `folder`, collecting problems."""
    manifest_file = folder / MANIFEST_NAME
    if not manifest_file.is_file():
        message = (
            f"no {MANIFEST_NAME} in this folder, so it is not a pack"
            if folder.is_dir()
            else "no such folder"
        )
        fix = "point at the pack folder, or create one with `derivquest pack new`"
        return PackRead(folder, None, None, (), (Problem(folder, 1, "", message, fix),))
    read = read_model(manifest_file, Manifest)
    if isinstance(read, list):
        return PackRead(folder, None, None, (), tuple(read))
    manifest, manifest_lines = read
    problems: list[Problem] = []
    levels: list[tuple[LoadedLevel, FileLines]] = []
    seen_paths: set[str] = set()
    unreadable_ids: set[str] = set()
    ids_complete = True
    for index, relative in enumerate(manifest.levels):
        path_problem = _level_path_problem(folder, relative, seen_paths)
        if path_problem:
            problems.append(manifest_lines.problem(("levels", index), *path_problem))
            ids_complete = False
            continue
        seen_paths.add(relative)
        toml = read_toml(folder / relative)
        if isinstance(toml, Problem):
            problems.append(toml)
            ids_complete = False
            continue
        data, lines = toml
        try:
            level = Level.model_validate(data)
        except ValidationError as error:
            problems.extend(problems_from_validation(error, lines, Level))
            if isinstance(data.get("id"), str):
                unreadable_ids.add(data["id"])  # so `requires` on it is not "unknown" too
            else:
                ids_complete = False
            continue
        levels.append((LoadedLevel(level, lines.file, lines.text), lines))
    problems.extend(
        structure_problems(
            [(level.model, lines) for level, lines in levels], unreadable_ids, ids_complete
        )
    )
    return PackRead(folder, manifest, manifest_lines, tuple(levels), tuple(problems))


def load_pack(folder: Path, source: PackSource | None = None) -> LoadResult:
    """Read the pack in `folder`; on any problem the pack is None and every problem is listed.

    Args:
        folder: the folder holding pack.toml.
        source: how the pack was found; default: a `path` pack at `folder`.
    """
    source = source or PackSource("path", folder)
    read = read_pack(folder)
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
    return None


def read_toml(file: Path) -> tuple[dict[str, Any], FileLines] | Problem:
    """Read a TOML file, or return the problem that stops it being read."""
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError as error:
        return Problem(file, 1, "", f"cannot read the file: {error.strerror}", "check the path")
    except UnicodeDecodeError:
        return Problem(file, 1, "", "the file is not UTF-8 text", "save it as UTF-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _syntax_problem(file, text, str(error))
    return data, FileLines(file, text)


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
