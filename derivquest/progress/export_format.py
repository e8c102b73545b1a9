"""The export file format: one pydantic model, unknown keys forbidden, every problem listed."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    model_validator,
)

from derivquest.progress.drill_results import Outcome
from derivquest.progress.errors import ProgressError
from derivquest.progress.profiles import check_name
from derivquest.progress.records import MAX_SEED, Mode, check_level_id, check_question_id

FORMAT: Final = "derivquest-progress"
"""The `format` every export document declares."""

QuestionId = Annotated[str, AfterValidator(check_question_id)]
LevelId = Annotated[str, AfterValidator(check_level_id)]
Seed = Annotated[int, Field(ge=0, le=MAX_SEED)]
Count = Annotated[int, Field(ge=0)]
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Uid = Annotated[str, Field(min_length=1, max_length=64)]


class Model(BaseModel):
    """Strict records: unknown keys are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AttemptOut(Model):
    """One answer."""

    uid: Uid
    question_id: QuestionId
    answered_at: AwareDatetime
    answer: str
    correct: StrictBool
    seconds: Seconds
    hints_used: Count
    mode: Mode
    variant_seed: Seed | None = None
    skills: list[str] = []
    diagnosis: Annotated[str, Field(max_length=80)] | None = None
    fingerprint: Annotated[str, Field(max_length=80)] | None = None


class LevelOut(Model):
    """A completed level."""

    level_id: LevelId
    stars: Count
    completions: Annotated[int, Field(ge=1)]
    best_seconds: Seconds
    last_completed_at: AwareDatetime


class ResumeOut(Model):
    """Where to resume in one slot."""

    slot: str
    question_id: QuestionId
    variant_seed: Seed
    round_number: Count = 0
    typed: str = ""
    hints_shown: Count = 0
    saved_at: AwareDatetime


class DrillItemOut(Model):
    """One item of a drill."""

    position: Annotated[int, Field(ge=1)]
    question_id: QuestionId
    variant_seed: Seed
    outcome: Outcome
    seconds: Seconds
    points: Count


class DrillOut(Model):
    """One drill."""

    uid: Uid
    finished_at: AwareDatetime
    minutes: Annotated[int, Field(ge=1)]
    skills: list[str] = []
    replay: StrictBool = False
    completed: StrictBool
    score: Count
    best_streak: Count
    seconds: Seconds
    items: list[DrillItemOut]


class ProfileOut(Model):
    """One profile and everything recorded for it."""

    name: Annotated[str, AfterValidator(check_name)]
    player_id: Uid
    created_at: AwareDatetime
    attempts: list[AttemptOut] = []
    levels: list[LevelOut] = []
    resume: list[ResumeOut] = []
    drills: list[DrillOut] = []


class ExportDocument(Model):
    """A `derivquest progress export` file."""

    format: Literal["derivquest-progress"] = FORMAT
    version: Literal[1] = 1
    exported_at: AwareDatetime
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
        super().__init__("not a DerivQuest progress export:\n  " + "\n  ".join(problems))


def parse_document(text: str | bytes) -> ExportDocument:
    """Validate an export file's text.

    Raises:
        ImportFormatError: every problem found, not just the first.
    """
    try:
        return ExportDocument.model_validate_json(text)
    except ValidationError as error:
        rows = [
            f"{'.'.join(str(part) for part in problem['loc']) or '(file)'}: {problem['msg']}"
            for problem in error.errors()
        ]
        raise ImportFormatError(rows) from None
