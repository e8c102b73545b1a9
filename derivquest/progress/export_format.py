"""The export file format: one pydantic model, unknown keys forbidden, every problem listed."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StrictBool,
    ValidationError,
    model_serializer,
    model_validator,
)

from derivquest.progress.drill_results import ItemResult
from derivquest.progress.errors import ProfileError, ProgressError
from derivquest.progress.profiles import check_cohort, check_name
from derivquest.progress.records import MAX_SEED, Mode, check_level_id, check_question_id

FORMAT: Final = "derivquest-progress"
"""The `format` every export document declares."""

# Limits on every field of an import: a file is read from anywhere, and one value out of
# range (hints 10^30, a time in year 0) would otherwise break the store or every later
# `progress show`, `export` and `report`.
MAX_COUNT: Final = 1_000_000
"""Largest count (hints, completions, score, points, positions, rounds)."""
MAX_SECONDS: Final = 10_000_000.0
"""Longest duration, in seconds (about 116 days)."""
MAX_MINUTES: Final = 1440
"""Longest drill, in minutes."""
MAX_TEXT: Final = 2000
"""Longest answer or typed text, in characters (the answer box takes 500)."""
MAX_ID: Final = 200
"""Longest question or level id, resume slot or skill, in characters."""
MAX_SKILLS: Final = 100
"""Most skills on one answer or drill."""
EARLIEST: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""Earliest time an import may hold."""
LATEST: Final = datetime(9998, 12, 31, 23, 59, 59, tzinfo=UTC)
"""Latest time an import may hold (a year of margin below Python's 9999, in any zone)."""


def _no_controls(text: str) -> str:
    """Refuse control characters (escape sequences would reach a teacher's terminal raw)."""
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise ValueError("control characters are not allowed")
    return text


def _plain_id(text: str) -> str:
    """Refuse ids with control, format or unassigned characters, or spaces at either end."""
    if any(unicodedata.category(char).startswith("C") for char in text):
        raise ValueError("control characters are not allowed in an id")
    if text != text.strip():
        raise ValueError("an id cannot start or end with a space")
    return text


def _skill(text: str) -> str:
    if "+" in text or ":" in text:
        raise ValueError("a skill name cannot contain + or :")
    return text


def _name(text: str) -> str:
    try:
        return check_name(text)
    except ProfileError as error:  # pydantic lists ValueErrors with their place
        raise ValueError(str(error)) from None


def _cohort(text: str) -> str:
    try:
        return check_cohort(text)
    except ProfileError as error:
        raise ValueError(str(error)) from None


def _in_range(value: datetime) -> datetime:
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise ValueError("must be a time from 1970-01-01 to 9998-12-31 (UTC)")
    return value


IdText = Annotated[str, Field(min_length=1, max_length=MAX_ID), AfterValidator(_plain_id)]
QuestionId = Annotated[IdText, AfterValidator(check_question_id)]
LevelId = Annotated[IdText, AfterValidator(check_level_id)]
Skill = Annotated[IdText, AfterValidator(_skill)]
Skills = Annotated[list[Skill], Field(max_length=MAX_SKILLS)]
Seed = Annotated[int, Field(ge=0, le=MAX_SEED)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Ordinal = Annotated[int, Field(ge=1, le=MAX_COUNT)]
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]
Uid = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_plain_id)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_no_controls)]
Time = Annotated[AwareDatetime, AfterValidator(_in_range)]
Name = Annotated[str, AfterValidator(_name)]
ClassName = Annotated[str, AfterValidator(_cohort)]


class Model(BaseModel):
    """Strict records: unknown keys are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AttemptOut(Model):
    """One answer."""

    uid: Uid
    question_id: QuestionId
    answered_at: Time
    answer: Text
    correct: StrictBool
    seconds: Seconds
    hints_used: Count
    mode: Mode
    variant_seed: Seed | None = None
    skills: Skills = []
    diagnosis: Annotated[str, Field(max_length=80)] | None = None
    fingerprint: Annotated[str, Field(max_length=80)] | None = None


class LevelOut(Model):
    """A completed level."""

    level_id: LevelId
    stars: Annotated[int, Field(ge=0, le=3)]
    completions: Ordinal
    best_seconds: Seconds
    last_completed_at: Time


class ResumeOut(Model):
    """Where to resume in one slot."""

    slot: Annotated[str, Field(max_length=MAX_ID), AfterValidator(_plain_id)]
    question_id: QuestionId
    variant_seed: Seed
    round_number: Count = 0
    typed: Text = ""
    hints_shown: Count = 0
    saved_at: Time


class DrillItemOut(Model):
    """One item of a drill."""

    position: Ordinal
    question_id: QuestionId
    variant_seed: Seed
    outcome: ItemResult
    seconds: Seconds
    points: Count


class DrillOut(Model):
    """One drill."""

    uid: Uid
    finished_at: Time
    minutes: Annotated[int, Field(ge=1, le=MAX_MINUTES)]
    skills: Skills = []
    replay: StrictBool = False
    completed: StrictBool
    score: Count
    best_streak: Count
    seconds: Seconds
    items: Annotated[list[DrillItemOut], Field(max_length=MAX_COUNT)]


class ProfileOut(Model):
    """One profile and everything recorded for it."""

    name: Name
    player_id: Uid
    created_at: Time
    cohort: ClassName | None = None
    """The student's class (e.g. 7B); absent when they have none."""
    attempts: list[AttemptOut] = []
    levels: list[LevelOut] = []
    resume: list[ResumeOut] = []
    drills: list[DrillOut] = []

    @model_serializer(mode="wrap")
    def _omit_no_class(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # Without a class the key is left out, so older DerivQuests (which forbid unknown
        # keys) still read the file.
        data: dict[str, object] = handler(self)
        if self.cohort is None:
            data.pop("cohort", None)
        return data


class ExportDocument(Model):
    """A `derivquest progress export` file."""

    format: Literal["derivquest-progress"] = FORMAT
    version: Literal[1] = 1
    exported_at: Time
    profiles: list[ProfileOut]

    @model_validator(mode="after")
    def _unique_names(self) -> ExportDocument:
        names = [profile.name for profile in self.profiles]
        if len(names) != len(set(names)):
            raise ValueError("two profiles have the same name")
        return self


class ImportFormatError(ProgressError):
    """The file is not a valid export; `problems` lists every problem as `where: what`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        """One line per problem."""
        count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        super().__init__(
            f"not a valid DerivQuest progress export ({count}; nothing was imported):\n  "
            + "\n  ".join(problems)
        )


def parse_document(text: str | bytes) -> ExportDocument:
    """Validate an export file's text.

    Raises:
        ImportFormatError: every problem found, not just the first, each with its place
            (`profile 2, attempt 31, hints_used: ...`).
    """
    try:
        return ExportDocument.model_validate_json(text)
    except ValidationError as error:
        rows = [
            f"{place(problem['loc'])}: {_message(problem['msg'])}" for problem in error.errors()
        ]
        raise ImportFormatError(rows) from None


_RECORDS = {
    "profiles": "profile",
    "attempts": "attempt",
    "levels": "level",
    "resume": "resume",
    "drills": "drill",
    "items": "item",
    "skills": "skill",
}
"""The record each list of the document holds, to name a place as people count: from 1."""


def place(loc: Sequence[int | str]) -> str:
    """Return where a problem is, records counted from 1, or `(file)` for the whole file.

    ("profiles", 1, "attempts", 30, "seconds") gives `profile 2, attempt 31, seconds`.
    """
    parts: list[str] = []
    index = 0
    while index < len(loc):
        part = loc[index]
        following = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(part, str) and part in _RECORDS and isinstance(following, int):
            parts.append(f"{_RECORDS[part]} {following + 1}")
            index += 2
        else:
            parts.append(str(part))
            index += 1
    return ", ".join(parts) or "(file)"


def _message(message: str) -> str:
    """Pydantic's sentence as a field's problem: "Input should be ..." reads "should be ..."."""
    message = message.removeprefix("Value error, ")
    for subject in ("Input ", "String ", "List "):
        if message.startswith(f"{subject}should "):
            return message.removeprefix(subject)
    return message
