"""Timed drills over the catalog: the drillable questions, judged, saved and scored."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from derivquest.content import (
    Catalog,
    QuestionInstance,
    VariantError,
    build_instance,
    draw_params,
    grade,
)
from derivquest.content.overlay_notes import with_teacher_note
from derivquest.engine import JudgeService, Verdict
from derivquest.game.ports import ProgressPort
from derivquest.ids import LevelId
from derivquest.kinds.registry import spec_for
from derivquest.progress import (
    AnswerOutcome,
    Clock,
    DrillItem,
    DrillSaved,
    DrillSession,
    DrillSetting,
    DrillSummary,
)


class CatalogDrillSource:
    """Every question marked ``drill = true`` whose kind is quick enough for drills, in the
    levels the player has opened (all levels when `open_levels` is None)."""

    def __init__(self, catalog: Catalog, open_levels: Collection[str] | None = None) -> None:
        self.catalog = catalog
        self.open_levels = None if open_levels is None else frozenset(open_levels)
        """`pack/level` ids a drill or review may draw from: a new player meets nothing
        from a level that is still locked."""

    def drill_items(self) -> Iterator[DrillItem]:
        for ref in self.catalog.questions():
            if self.open_levels is not None:
                if str(LevelId(ref.pack.id, ref.level.id)) not in self.open_levels:
                    continue
            question = ref.question
            if question.drill and spec_for(question.kind_name).drillable:
                skills = question.skills if question.skills is not None else ref.level.model.skills
                yield DrillItem(ref.full_id, frozenset(skills))

    def skills(self) -> list[str]:
        """Every skill a drill can be limited to."""
        return sorted({skill for item in self.drill_items() for skill in item.skills})


@dataclass(frozen=True, slots=True)
class DrillAnswer:
    """What the drill screen shows after one answer."""

    verdict: Verdict
    outcome: AnswerOutcome | None
    """None for an unreadable answer: it is not counted, the player may fix it."""


class DrillGame:
    """One timed drill: serves variants, judges, records each answer, then saves the result."""

    def __init__(
        self,
        drill: DrillSession,
        catalog: Catalog,
        judge: JudgeService,
        store: ProgressPort,
        profile_id: int,
        language: str = "en",
    ) -> None:
        self.drill = drill
        self.catalog = catalog
        self.judge = judge
        self.store = store
        self.profile_id = profile_id
        self.language = language
        self._instance: QuestionInstance | None = None
        self._served: object = None

    @classmethod
    def start(
        cls,
        setting: DrillSetting,
        catalog: Catalog,
        judge: JudgeService,
        store: ProgressPort,
        profile_id: int,
        clock: Clock,
        language: str = "en",
        seed: int | None = None,
        source: CatalogDrillSource | None = None,
    ) -> DrillGame:
        """Start a drill of the drillable questions (ValueError if there are none).

        `source` limits them (to the player's open levels); the whole catalog by default.
        """
        source = source if source is not None else CatalogDrillSource(catalog)
        session = DrillSession.start(setting, source, clock, seed)
        return cls(session, catalog, judge, store, profile_id, language)

    def instance(self) -> QuestionInstance | None:
        """The question on screen now (None once the drill is over)."""
        current = self.drill.current
        if current is None:
            return None
        if current is not self._served:
            self._served = current
            self._instance = self._build(current.question_id, current.variant_seed)
        return self._instance

    def _build(self, question_id: str, seed: int) -> QuestionInstance | None:
        ref = self.catalog.question(question_id)
        if ref is None:
            return None
        skills = ref.level.model.skills
        try:
            values = draw_params(ref.question.params, seed)
            instance = build_instance(ref.question, ref.full_id, skills, values, self.language)
        except VariantError:
            instance = build_instance(
                ref.question,
                ref.full_id,
                skills,
                draw_params(ref.question.params, 0),
                self.language,
            )
        # A kind may serve a smaller question in drills (a graph: one gradient to find).
        return spec_for(ref.question.kind_name).for_drill(instance, seed)

    def submit(self, answer: str, submitted_at: float) -> DrillAnswer:
        """Judge and record the answer (call from a worker); time counts until ``submitted_at``."""
        instance = self.instance()
        if instance is None:
            return DrillAnswer(Verdict("invalid", "the drill is over"), None)
        verdict = grade(instance, answer, self.judge)
        verdict = with_teacher_note(verdict, instance, self.judge)  # docs/feedback.md
        if verdict.status == "invalid":
            return DrillAnswer(verdict, None)
        outcome = self.drill.answer(verdict.correct, submitted_at)
        self.store.record_attempt(
            self.profile_id,
            instance.full_id,
            answer,
            correct=verdict.correct,
            seconds=outcome.seconds,
            skills=instance.skills,
            mode="drill",
            diagnosis=verdict.diagnosis,
            fingerprint=verdict.fingerprint,
        )
        return DrillAnswer(verdict, outcome)

    def skip(self, submitted_at: float) -> AnswerOutcome:
        """Pass on this question (it counts as missed)."""
        return self.drill.skip(submitted_at)

    def finish(self) -> tuple[DrillSummary, DrillSaved]:
        """End the drill and save its result (records count only for standard settings)."""
        summary = self.drill.finish()
        return summary, self.store.drills.save(self.profile_id, summary)
