"""One player's game: the map, a level being played, answers judged and saved in that order."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from derivquest.content import (
    Catalog,
    QuestionRef,
    VariantError,
    grade,
    instance_for_seed,
    text_in,
    variant_seed,
)
from derivquest.content.overlay_notes import with_teacher_note
from derivquest.content.reference import use_checker
from derivquest.engine import JudgeService
from derivquest.engine.presenter import present
from derivquest.game.drill import CatalogDrillSource
from derivquest.game.model import (
    AnswerFeedback,
    LevelEntry,
    LevelRun,
    PackEntry,
    QuestionPlay,
)
from derivquest.game.ports import ProgressPort
from derivquest.ids import LevelId
from derivquest.progress import (
    HistoryEntry,
    ReviewItem,
    SkillMastery,
    pick_review_questions,
    scoring,
)
from derivquest.progress.records import ProgressSummary, ResumePoint
from derivquest.progress.scoring import level_stars

REVIEW_LENGTH = 6
"""Questions in one review session."""


def t_review(language: str) -> str:
    """The review session's title."""
    return "পুনরালোচনা (review)" if language == "bn" else "Review: due and weak skills"


class PlayerGame:
    """The rules of play for one profile, over the loaded packs, the judge and the store."""

    def __init__(
        self,
        catalog: Catalog,
        judge: JudgeService,
        store: ProgressPort,
        profile_id: int,
        player_id: str,
        language: str = "en",
    ) -> None:
        self.catalog = catalog
        self.judge = judge
        use_checker(judge)  # `{answer}` in a solution is worked out under the judge's deadline
        self.store = store
        self.profile_id = profile_id
        self.player_id = player_id
        """Seeds question variants, so a player sees the same variant after resuming."""
        self.language = language

    # -- the map -------------------------------------------------------------------------------

    def summary(self) -> ProgressSummary:
        """This profile's progress over the questions and levels the packs have now."""
        question_ids = [ref.full_id for ref in self.catalog.questions()]
        level_ids = [str(LevelId(p.id, level.id)) for p in self.catalog.packs for level in p.levels]
        return self.store.summary(self.profile_id, question_ids, level_ids)

    def map(self) -> list[PackEntry]:
        """Every pack with its levels, locked or open, with progress and stars."""
        summary = self.summary()
        packs = []
        for pack in self.catalog.packs:
            completed = summary.completed_levels(pack.id)
            titles = {level.id: text_in(level.model.title, self.language) for level in pack.levels}
            entries = []
            for level in pack.levels:
                full = LevelId(pack.id, level.id)
                ids = [str(full.question(q.id)) for q in level.model.questions]
                recorded = summary.levels.get(str(full))
                entries.append(
                    LevelEntry(
                        pack_id=pack.id,
                        level_id=level.id,
                        title=titles[level.id],
                        locked=not pack.is_unlocked(level.id, completed),
                        missing=tuple(
                            titles.get(need, need)
                            for need in level.model.requires
                            if need not in completed
                        ),
                        solved=sum(1 for i in ids if (q := summary.questions.get(i)) and q.solved),
                        total=len(ids),
                        stars=recorded.stars if recorded else 0,
                        completed=bool(recorded and recorded.completed),
                    )
                )
            packs.append(
                PackEntry(pack.id, text_in(pack.manifest.title, self.language), tuple(entries))
            )
        return packs

    # -- playing a level -----------------------------------------------------------------------

    def start_level(self, pack_id: str, level_id: str, index: int = 0) -> LevelRun:
        """Open a level at a question (the first by default)."""
        pack = self.catalog.pack(pack_id)
        level = pack.level(level_id) if pack else None
        if pack is None or level is None:
            raise KeyError(f"no level {pack_id}/{level_id}")
        refs = tuple(ref for ref in pack.questions() if ref.level.id == level_id)
        index = min(max(index, 0), len(refs) - 1)
        return LevelRun(
            pack=pack,
            level_id=level_id,
            title=text_in(level.model.title, self.language),
            lesson=text_in(level.model.lesson, self.language),
            refs=refs,
            index=index,
            play=self._play(refs[index]),
        )

    def review_queue(self) -> list[ReviewItem]:
        """Skills due for review today first, then weak ones (the progress layer's rule)."""
        known = [ref.full_id for ref in self.catalog.questions()]
        return self.store.skills.review(self.profile_id, known_ids=known)

    def due_today(self) -> list[str]:
        """The skills whose review day has come, most urgent first (shown on the map)."""
        known = [ref.full_id for ref in self.catalog.questions()]
        return [
            item.skill for item in self.store.skills.due_today(self.profile_id, known_ids=known)
        ]

    def mastery(self) -> dict[str, SkillMastery]:
        """Mastery per skill over the questions the packs have now."""
        known = [ref.full_id for ref in self.catalog.questions()]
        return self.store.skills.mastery(self.profile_id, known_ids=known)

    def drill_history(self) -> list[HistoryEntry]:
        """Scores of past drills, oldest first."""
        return list(self.store.drills.history(self.profile_id))

    def personal_bests(self) -> dict[str, int]:
        """The best drill score per standard setting."""
        return self.store.drills.personal_bests(self.profile_id)

    def start_review(self, count: int = REVIEW_LENGTH, seed: int | None = None) -> LevelRun | None:
        """A short untimed session of questions on the due and weak skills; None if none."""
        picked = pick_review_questions(
            self.review_queue(), CatalogDrillSource(self.catalog), count, random.Random(seed)
        )
        refs = tuple(ref for qid in picked if (ref := self.catalog.question(qid)) is not None)
        if not refs:
            return None
        return LevelRun(
            pack=None,
            level_id=None,
            title=t_review(self.language),
            lesson="",
            refs=refs,
            index=0,
            play=self._play(refs[0]),
        )

    def start_questions(self, question_ids: Sequence[str], title: str) -> LevelRun | None:
        """An untimed session of these questions (those the packs still have); None if none."""
        refs = tuple(ref for qid in question_ids if (ref := self.catalog.question(qid)) is not None)
        if not refs:
            return None
        return LevelRun(None, None, title, "", refs, 0, self._play(refs[0]))

    def resume(self) -> LevelRun | None:
        """Reopen the question, variant, hints and typed text saved last, if it still exists."""
        point = self.store.resume_point(self.profile_id)
        ref = None if point is None else self.catalog.question(point.question_id)
        if point is None or ref is None:
            return None
        run = self.start_level(point.pack, point.level, ref.index)
        run.play = self._play(ref, point.round_number)
        run.play.hints_shown = min(point.hints_shown, len(run.play.instance.hints))
        run.play.typed = point.typed
        return run

    def save_place(self, run: LevelRun) -> None:
        """Remember the question, its variant, the hints open and what is typed."""
        play = run.play
        self.store.save_resume_point(
            self.profile_id,
            ResumePoint(
                question_id=play.ref.full_id,
                variant_seed=play.seed,
                typed=play.typed,
                round_number=play.round_number,
                hints_shown=play.hints_shown,
            ),
        )

    def submit(self, run: LevelRun, answer: str) -> AnswerFeedback:
        """Judge the answer, commit it to the store, and only then return the outcome.

        `answer` is what the kind's view produced (typed text, an option's number, a chart's
        state). Call from a worker thread: judging takes up to the judge's deadline.
        """
        play = run.play
        instance = play.instance
        verdict = grade(instance, answer, self.judge)
        verdict = with_teacher_note(verdict, instance, self.judge)  # docs/feedback.md
        if verdict.status != "invalid":
            self.store.record_attempt(
                self.profile_id,
                question_id=play.ref.full_id,
                answer=answer,
                correct=verdict.correct,
                seconds=time.monotonic() - play.started,
                hints_used=play.hints_shown,
                variant_seed=play.seed,
                skills=instance.skills,
                mode="play" if run.full_id is not None else "review",
                diagnosis=verdict.diagnosis,
                fingerprint=verdict.fingerprint,
            )
            play.started = time.monotonic()
            if verdict.correct:
                play.solved = True
            else:
                play.failures += 1
        message = present(verdict, self.language)
        solution = instance.solution if play.solution_visible else None
        return AnswerFeedback(verdict, message, solution)

    def hint(self, run: LevelRun) -> str | None:
        """Show one more hint; None when there are no more."""
        play = run.play
        if play.hints_shown >= len(play.instance.hints):
            return None
        play.hints_shown += 1
        return play.instance.hints[play.hints_shown - 1]

    def give_up(self, run: LevelRun) -> str:
        """Give up the question: it earns no stars and the worked solution shows."""
        run.play.gave_up = True
        return run.play.instance.solution

    def advance(self, run: LevelRun) -> bool:
        """Move to the next question; False when the level is finished (and recorded).

        Raises:
            ProgressError: the level's result was not saved; nothing changed, call again.
        """
        earned = question_stars(run.play)
        if run.index + 1 >= run.total:
            if run.full_id is not None:  # a review session completes no level
                self.store.record_level_result(
                    self.profile_id,
                    run.full_id,
                    stars=level_stars([*run.stars, earned]),
                    seconds=time.monotonic() - run.started,
                )
            run.stars.append(earned)  # only once saved: a retry must not count it twice
            return False
        run.stars.append(earned)
        run.index += 1
        run.play = self._play(run.refs[run.index])
        return True

    def _play(self, ref: QuestionRef, round_number: int | None = None) -> QuestionPlay:
        if round_number is None:
            round_number = self._next_round(ref)
        seed = variant_seed(self.player_id, ref.full_id, round_number)
        try:
            instance = instance_for_seed(ref, seed, self.language)
        except VariantError:
            # A broken variant (the validator reports these) falls back to the first one.
            seed = variant_seed(self.player_id, ref.full_id, 0)
            instance = instance_for_seed(ref, seed, self.language)
        return QuestionPlay(ref=ref, instance=instance, round_number=round_number, seed=seed)

    def _next_round(self, ref: QuestionRef) -> int:
        """A solved question comes back as a new variant; an unsolved one keeps its variant."""
        # One row, not a summary of the whole catalog: this runs each time a question opens.
        progress = self.store.question_progress(self.profile_id, ref.full_id)
        return progress.correct if progress else 0


def question_stars(play: QuestionPlay) -> int:
    """The stars a question played this way earns (the progress layer's one star rule)."""
    return scoring.question_stars(
        solved=play.solved and not play.gave_up,
        first_try=play.failures == 0,
        hints_used=play.hints_shown,
    )
