"""Progress: the SQLite store, timed drills, mastery and review (pure Python, no Textual).

The game's entry points (docs/progress.md has the rules):

- ``ProgressStore.open(path=None)`` opens ``data_dir()/progress.sqlite3``. Profiles:
  ``profiles``, ``profile_named``, ``create_profile``. Play: ``record_attempt`` (returns after
  COMMIT), ``record_level_result``, ``summary(profile_id, question_ids, level_ids)``,
  ``save_resume_point``/``resume_point``. Drills: ``store.drills.save``, ``personal_bests``,
  ``history``, ``last``. Skills: ``store.skills.mastery``, ``review``, ``due_today``.
- ``DrillSession.start(setting, source, clock)`` runs a drill; ``DrillSession.replay(
  replay_questions(last.summary.items), minutes, clock)`` replays what was missed or slow.
- ``pick_review_questions(queue, source, count, rng)`` turns the review queue into questions.

Export and import live in ``derivquest.progress.transfer`` (imported on use: it needs
pydantic, and recording an answer should not wait for it).
"""

from derivquest.progress.drill import (
    Clock,
    DrillItem,
    DrillOver,
    DrillSession,
    DrillSource,
    SystemClock,
)
from derivquest.progress.drill_log import DrillRecord, DrillSaved, HistoryEntry
from derivquest.progress.drill_results import (
    AnswerOutcome,
    DrillQuestion,
    DrillResultItem,
    DrillSummary,
    replay_questions,
)
from derivquest.progress.errors import (
    ProfileError,
    ProgressError,
    RosterError,
    StoreBusyError,
    StoreCorruptError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
    StoreVersionError,
)
from derivquest.progress.mastery import Mastery, SkillMastery
from derivquest.progress.records import (
    LevelProgress,
    Mode,
    Profile,
    ProgressSummary,
    QuestionProgress,
    ResetCounts,
    ResumePoint,
)
from derivquest.progress.review import ReviewItem, pick_review_questions
from derivquest.progress.scoring import STANDARD_MINUTES, DrillSetting, standard_settings
from derivquest.progress.store import ProgressStore, default_path

__all__ = [
    "STANDARD_MINUTES",
    "AnswerOutcome",
    "Clock",
    "DrillItem",
    "DrillOver",
    "DrillQuestion",
    "DrillRecord",
    "DrillResultItem",
    "DrillSaved",
    "DrillSession",
    "DrillSetting",
    "DrillSource",
    "DrillSummary",
    "HistoryEntry",
    "LevelProgress",
    "Mastery",
    "Mode",
    "Profile",
    "ProfileError",
    "ProgressError",
    "ProgressStore",
    "ProgressSummary",
    "QuestionProgress",
    "ResetCounts",
    "ResumePoint",
    "ReviewItem",
    "RosterError",
    "SkillMastery",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreFullError",
    "StoreReadOnlyError",
    "StoreUnavailableError",
    "StoreVersionError",
    "SystemClock",
    "default_path",
    "pick_review_questions",
    "replay_questions",
    "standard_settings",
]
