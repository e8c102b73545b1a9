"""The stable ids progress is keyed by: `pack/level/question` and `pack/level`, in one place."""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = "/"
"""Joins the parts; pack, level and question ids never contain it (or whitespace)."""


def _valid_part(part: str) -> bool:
    return bool(part) and SEPARATOR not in part and not any(char.isspace() for char in part)


@dataclass(frozen=True, slots=True, order=True)
class LevelId:
    """A level's id across packs: `pack/level`."""

    pack: str
    level: str

    def __str__(self) -> str:
        return f"{self.pack}{SEPARATOR}{self.level}"

    @classmethod
    def parse(cls, text: str) -> LevelId:
        """Return the id written as `pack/level`.

        Raises:
            ValueError: `text` is not two non-empty parts without spaces.
        """
        parts = text.split(SEPARATOR)
        if len(parts) != 2 or not all(_valid_part(part) for part in parts):
            raise ValueError(f"{text!r} is not a pack/level id")
        return cls(parts[0], parts[1])

    @classmethod
    def read(cls, text: str) -> LevelId | None:
        """Like `parse`, but None for text that is not an id."""
        try:
            return cls.parse(text)
        except ValueError:
            return None

    def question(self, question: str) -> QuestionId:
        """The id of one of this level's questions."""
        return QuestionId(self.pack, self.level, question)


@dataclass(frozen=True, slots=True, order=True)
class QuestionId:
    """A question's id across packs: `pack/level/question`, the key progress is stored under."""

    pack: str
    level: str
    question: str

    def __str__(self) -> str:
        return SEPARATOR.join((self.pack, self.level, self.question))

    @classmethod
    def parse(cls, text: str) -> QuestionId:
        """Return the id written as `pack/level/question`.

        Raises:
            ValueError: `text` is not three non-empty parts without spaces.
        """
        parts = text.split(SEPARATOR)
        if len(parts) != 3 or not all(_valid_part(part) for part in parts):
            raise ValueError(f"{text!r} is not a pack/level/question id")
        return cls(parts[0], parts[1], parts[2])

    @classmethod
    def read(cls, text: str) -> QuestionId | None:
        """Like `parse`, but None for text that is not an id (old or foreign progress)."""
        try:
            return cls.parse(text)
        except ValueError:
            return None

    @property
    def level_id(self) -> LevelId:
        """The `pack/level` this question belongs to."""
        return LevelId(self.pack, self.level)
