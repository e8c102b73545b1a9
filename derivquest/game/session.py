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
    LevelResult,
    LevelRun,
    MissedQuestion,
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

PROMPT_LINE = 56
"""Characters of a prompt shown in a list of questions (fits 80 columns with its marks)."""

PLAY_SLOT = "play"
"""The resume slot of the question being played: question, variant, hints and typed text."""
GAVE_UP_SLOT = "play-gave-up"
"""Set while the play slot's question (same variant) is given up: it shows its solution
and cannot be answered for credit after resuming."""
MAP_SLOT = "map"
"""Set when the player left a level for the map: the next game opens on the map, and the
play slot waits for that level to be reopened."""


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
        self._on_map = False
        """True while the map slot is set (the player left a level for the map)."""

    # -- the map -------------------------------------------------------------------------------

    def summary(self) -> ProgressSummary:
        """This profile's progress over the questions and levels the packs have now."""
        question_ids = [ref.full_id for ref in self.catalog.questions()]
        level_ids = [str(LevelId(p.id, level.id)) for p in self.catalog.packs for level in p.levels]
        return self.store.summary(self.profile_id, question_ids, level_ids)

    def starting_level(self) -> LevelEntry | None:
        """Where a new player starts: the first open level, while they have answered
        nothing and kept no place (call after `resume`, which sees a place left for the map).

        None once anything is answered or recorded, or when no level is open.
        """
        if self._on_map:
            return None
        summary = self.summary()
        if summary.questions or summary.levels:
            return None
        return next(
            (entry for pack in self._map(summary) for entry in pack.levels if not entry.locked),
            None,
        )

    def map(self) -> list[PackEntry]:
        """Every pack with its levels, locked or open, with progress and stars."""
        return self._map(self.summary())

    def _map(self, summary: ProgressSummary) -> list[PackEntry]:
        point = self.store.resume_point(self.profile_id, PLAY_SLOT)
        place = None if point is None else self.catalog.question(point.question_id)
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
                        resume_at=_place_in(place, pack.id, level.id),
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

    def open_level(self, pack_id: str, level_id: str) -> LevelRun:
        """Reopen a level where the player is: the saved place, else its first unsolved question.

        A saved place in this level comes back as it was (variant, hints, typed text, given
        up); otherwise the first question not yet solved opens (the first when all are).
        """
        point = self.store.resume_point(self.profile_id, PLAY_SLOT)
        ref = None if point is None else self.catalog.question(point.question_id)
        if (
            point is not None
            and ref is not None
            and (ref.pack.id, ref.level.id)
            == (
                pack_id,
                level_id,
            )
        ):
            return self._restore(point, ref)
        run = self.start_level(pack_id, level_id)
        solved = self.solved_in(run)
        first = next((i for i, done in enumerate(solved) if not done), 0)
        if first != run.index:
            self.jump(run, first)
        return run

    def solved_in(self, run: LevelRun) -> list[bool]:
        """For each question of the run: solved (now or in an earlier game)?"""
        summary = self.store.summary(self.profile_id, [ref.full_id for ref in run.refs], [])
        return [
            (index == run.index and run.play.solved)
            or bool((q := summary.questions.get(ref.full_id)) and q.solved)
            for index, ref in enumerate(run.refs)
        ]

    def question_titles(self, run: LevelRun) -> list[str]:
        """One line per question of the run (its prompt as this player sees it), for lists."""
        return [
            prompt_line(
                run.play.instance.prompt if index == run.index else self._play(ref).instance.prompt
            )
            for index, ref in enumerate(run.refs)
        ]

    def jump(self, run: LevelRun, index: int) -> None:
        """Move to another question of the run (the list of questions); stars stay as earned."""
        if run.play.finished:
            _keep_stars(run)
        self._forget_give_up()
        run.index = min(max(index, 0), run.total - 1)
        run.play = self._play(run.refs[run.index])

    def open_levels(self) -> frozenset[str]:
        """`pack/level` of every level this player has unlocked."""
        summary = self.summary()
        return frozenset(
            str(LevelId(pack.id, level))
            for pack in self.catalog.packs
            for level in pack.unlocked_levels(summary.completed_levels(pack.id))
        )

    def drill_source(self) -> CatalogDrillSource:
        """The drillable questions of the unlocked levels (drills and review draw from it)."""
        return CatalogDrillSource(self.catalog, self.open_levels())

    def skill_titles(self) -> dict[str, str]:
        """A readable name per skill: its words, then the first level that teaches it."""
        titles: dict[str, str] = {}
        for pack in self.catalog.packs:
            for level in pack.levels:
                level_title = text_in(level.model.title, self.language)
                tags = list(level.model.skills)
                tags += [s for q in level.model.questions for s in q.skills or ()]
                for skill in tags:
                    titles.setdefault(skill, f"{skill_words(skill)} · {level_title}")
        return titles

    def question_prompt(self, question_id: str, seed: int | None = None) -> str:
        """The question as the player saw it (its variant), on one line; the id if it is gone."""
        ref = self.catalog.question(question_id)
        if ref is None:
            return question_id
        try:
            instance = instance_for_seed(ref, seed or 0, self.language)
        except VariantError:
            instance = instance_for_seed(ref, 0, self.language)
        return prompt_line(instance.prompt)

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
            self.review_queue(), self.drill_source(), count, random.Random(seed)
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
        """The question to reopen at start-up, as it was left; None for the map or, for a new
        player, the first lesson (`starting_level`).

        None also when the player last left a level for the map (the level keeps its place
        for when it is reopened) or when the saved question no longer exists.
        """
        if self.store.resume_point(self.profile_id, MAP_SLOT) is not None:
            self._on_map = True
            return None
        point = self.store.resume_point(self.profile_id, PLAY_SLOT)
        ref = None if point is None else self.catalog.question(point.question_id)
        if point is None or ref is None:
            return None
        return self._restore(point, ref)

    def _restore(self, point: ResumePoint, ref: QuestionRef) -> LevelRun:
        """The run of a saved place: its question, variant, hints, text, tries and give-up."""
        run = self.start_level(ref.pack.id, ref.level.id, ref.index)
        play = run.play = self._play(ref, point.round_number)
        play.hints_shown = min(point.hints_shown, len(play.instance.hints))
        play.typed = point.typed
        if play.seed == point.variant_seed:  # the same variant: its tries and give-up count
            wrong, right = self.store.variant_attempts(self.profile_id, ref.full_id, play.seed)
            play.failures, play.solved = wrong, right > 0
            gave_up = self.store.resume_point(self.profile_id, GAVE_UP_SLOT)
            play.gave_up = gave_up is not None and (gave_up.question_id, gave_up.variant_seed) == (
                point.question_id,
                point.variant_seed,
            )
        return run

    def save_place(self, run: LevelRun) -> None:
        """Remember the question, its variant, the hints open and what is typed.

        A review session keeps no place (it is drawn afresh each time), so it never
        overwrites the place of the level the player was in.
        """
        play = run.play
        if run.full_id is None:
            return
        self.store.save_resume_point(self.profile_id, self._point(run))
        if play.gave_up:
            point = ResumePoint(play.ref.full_id, play.seed, slot=GAVE_UP_SLOT)
            self.store.save_resume_point(self.profile_id, point)
        if self._on_map:
            self._on_map = False
            self.store.clear_resume_point(self.profile_id, MAP_SLOT)

    def leave_for_map(self, run: LevelRun) -> None:
        """The player went back to the map: keep the level's place, and open on the map."""
        self.save_place(run)
        self.at_map()

    def at_map(self) -> None:
        """The map shows: a game quit from here (or from a drill or chart opened from it)
        reopens on the map, and the level's place waits for the level to be reopened."""
        if self._on_map:
            return
        point = self.store.resume_point(self.profile_id, PLAY_SLOT)
        if point is not None:
            marker = ResumePoint(point.question_id, point.variant_seed, slot=MAP_SLOT)
            self.store.save_resume_point(self.profile_id, marker)
        self._on_map = True

    def _point(self, run: LevelRun) -> ResumePoint:
        play = run.play
        return ResumePoint(
            question_id=play.ref.full_id,
            variant_seed=play.seed,
            typed=play.typed,
            round_number=play.round_number,
            hints_shown=play.hints_shown,
            slot=PLAY_SLOT,
        )

    def _forget_give_up(self) -> None:
        self.store.clear_resume_point(self.profile_id, GAVE_UP_SLOT)

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
        """Give up the question: it earns no stars and the worked solution shows (and stays
        shown after resuming)."""
        run.play.gave_up = True
        self.save_place(run)
        return run.play.instance.solution

    def advance(self, run: LevelRun) -> bool:
        """Move to the next question; False when the level is finished (and recorded).

        A finished level forgets its place: reopening it starts a new round.

        Raises:
            ProgressError: the level's result was not saved; call again (the stars are kept
                per question, so a retry counts nothing twice).
        """
        _keep_stars(run)
        self._forget_give_up()
        if run.index + 1 >= run.total:
            if run.full_id is not None:  # a review session completes no level
                self.store.record_level_result(
                    self.profile_id,
                    run.full_id,
                    stars=level_stars(self.level_question_stars(run)),
                    seconds=time.monotonic() - run.started,
                )
                self.store.clear_resume_point(self.profile_id, PLAY_SLOT)
            return False
        run.index += 1
        run.play = self._play(run.refs[run.index])
        return True

    def level_question_stars(self, run: LevelRun) -> list[int]:
        """Each question's stars: as earned in this run, else the best recorded before."""
        if run.full_id is None:
            return [run.stars.get(index, 0) for index in range(run.total)]
        summary = self.store.summary(self.profile_id, [ref.full_id for ref in run.refs], [])
        recorded = [q.stars if (q := summary.questions.get(ref.full_id)) else 0 for ref in run.refs]
        return [run.stars.get(index, recorded[index]) for index in range(run.total)]

    def level_result(self, run: LevelRun) -> LevelResult:
        """What the level-complete screen shows: stars, the questions missed, the next level."""
        per_question = self.level_question_stars(run)
        titles = self.question_titles(run)
        missed = tuple(
            MissedQuestion(titles[index], earned, run.reasons.get(index, ()))
            for index, earned in enumerate(per_question)
            if earned < 3
        )
        return LevelResult(
            title=run.title,
            stars=level_stars(per_question),
            missed=missed,
            next_level=self._next_level(run),
        )

    def _next_level(self, run: LevelRun) -> LevelEntry | None:
        """The first open, unfinished level after this one on the map, if any."""
        if run.full_id is None:
            return None
        entries = [entry for pack in self.map() for entry in pack.levels]
        here = next((i for i, e in enumerate(entries) if e.full_id == run.full_id), -1)
        after = entries[here + 1 :] + entries[: max(here, 0)]
        return next((e for e in after if not e.locked and not e.completed), None)

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


def _place_in(place: QuestionRef | None, pack_id: str, level_id: str) -> int | None:
    """The saved place's question number, when it is in this level."""
    if place is None or (place.pack.id, place.level.id) != (pack_id, level_id):
        return None
    return place.index + 1


def _keep_stars(run: LevelRun) -> None:
    """Note the stars the question on screen earned in this run, and what cost any."""
    play = run.play
    run.stars[run.index] = question_stars(play)
    reasons = []
    if play.gave_up or not play.solved:
        reasons.append("gave-up")
    if play.failures:
        reasons.append("wrong-tries")
    if play.hints_shown:
        reasons.append("hints")
    run.reasons[run.index] = tuple(reasons)


def skill_words(skill: str) -> str:
    """A skill id as words (`num_deriv` -> `num deriv`), for short lists such as the map's."""
    return skill.replace("_", " ").replace("-", " ")


def prompt_line(prompt: str, width: int = PROMPT_LINE) -> str:
    """A prompt's first line without backticks, cut to `width` characters."""
    line = prompt.strip().splitlines()[0] if prompt.strip() else ""
    line = line.replace("`", "")
    return line if len(line) <= width else line[: width - 1] + "…"


def question_stars(play: QuestionPlay) -> int:
    """The stars a question played this way earns (the progress layer's one star rule)."""
    return scoring.question_stars(
        solved=play.solved and not play.gave_up,
        first_try=play.failures == 0,
        hints_used=play.hints_shown,
    )
