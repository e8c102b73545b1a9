"""A loaded pack: its manifest, its levels in order, and where it came from."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from derivquest.content.schema import Level, Manifest, Question
from derivquest.ids import QuestionId

SourceKind = Literal["builtin", "path", "user", "entry-point"]
"""How a pack was found: shipped with the game, `--pack PATH`, installed by the player
(`derivquest pack install`), or a Python package with a `derivquest.packs` entry point."""


@dataclass(frozen=True, slots=True)
class PackSource:
    """Where a pack came from."""

    kind: SourceKind
    location: Path
    """The pack folder (the one holding pack.toml)."""
    entry_point: str | None = None
    """For `entry-point` packs, `name = value` of the entry point."""

    def describe(self) -> str:
        """Return e.g. `user /home/ana/.local/share/derivquest/packs/algebra`."""
        origin = f" ({self.entry_point})" if self.entry_point else ""
        return f"{self.kind} {self.location}{origin}"


@dataclass(frozen=True, slots=True)
class LoadedLevel:
    """One level of a pack, with the file it was read from."""

    model: Level
    file: Path
    text: str
    """The file's TOML text (the validator maps problems back to its lines)."""

    @property
    def id(self) -> str:
        """The level id."""
        return self.model.id


@dataclass(frozen=True, slots=True)
class QuestionRef:
    """A question together with the pack and level that hold it."""

    pack: Pack
    level: LoadedLevel
    question: Question
    index: int
    """Position of the question in its level file (0-based)."""

    @property
    def full_id(self) -> str:
        """`pack-id/level-id/question-id`, the key progress is stored under."""
        return str(QuestionId(self.pack.id, self.level.id, self.question.id))


@dataclass(frozen=True, slots=True)
class Pack:
    """A pack that loaded cleanly."""

    manifest: Manifest
    levels: tuple[LoadedLevel, ...]
    """In the manifest's order."""
    source: PackSource
    manifest_text: str

    @property
    def id(self) -> str:
        """The pack id."""
        return self.manifest.id

    @property
    def folder(self) -> Path:
        """The folder holding pack.toml."""
        return self.source.location

    def level(self, level_id: str) -> LoadedLevel | None:
        """Return the level with this id, or None."""
        return next((level for level in self.levels if level.id == level_id), None)

    def questions(self) -> Iterator[QuestionRef]:
        """Yield every question of the pack, level by level, in order."""
        for level in self.levels:
            for index, question in enumerate(level.model.questions):
                yield QuestionRef(self, level, question, index)

    def question(self, level_id: str, question_id: str) -> QuestionRef | None:
        """Return a question by its level and question ids, or None."""
        level = self.level(level_id)
        if level is None:
            return None
        for index, question in enumerate(level.model.questions):
            if question.id == question_id:
                return QuestionRef(self, level, question, index)
        return None

    def is_unlocked(self, level_id: str, completed: Collection[str]) -> bool:
        """Return True when every level `level_id` requires is in `completed`.

        Unknown ids in `completed` are ignored, so old progress never breaks a pack.
        """
        level = self.level(level_id)
        return level is not None and all(need in completed for need in level.model.requires)

    def unlocked_levels(self, completed: Collection[str]) -> list[str]:
        """Return the ids of the levels open to a player who completed `completed`."""
        return [level.id for level in self.levels if self.is_unlocked(level.id, completed)]
