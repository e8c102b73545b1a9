"""Teachers' feedback at answer time: find the note for a wrong answer and add it to the verdict.

Overlays are found in `data_dir()/feedback/*.toml` (installed) and in the files or folders
listed in `$DERIVQUEST_FEEDBACK` (passed by path, `os.pathsep`-separated). They are re-read
when a file changes, so a note a teacher adds reaches the next matching answer of a game
that is already running, locally or over SSH.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from derivquest import paths
from derivquest.content.fields import text_in
from derivquest.content.grading import grade
from derivquest.content.overlay import FeedbackEntry, Overlay, read_overlay
from derivquest.content.problems import Problem

if TYPE_CHECKING:
    from derivquest.content.instance import QuestionInstance
    from derivquest.engine import JudgeService, Verdict

FEEDBACK_ENV = "DERIVQUEST_FEEDBACK"
"""Extra overlay files or folders, separated like PATH."""


def overlay_dir() -> Path:
    """Where installed overlays live: `data_dir()/feedback`."""
    return paths.data_dir() / "feedback"


def overlay_files(extra: Iterable[Path] = ()) -> list[Path]:
    """Every overlay file: the installed folder's `*.toml`, then the extra files and folders."""
    places = [overlay_dir(), *extra]
    env = os.environ.get(FEEDBACK_ENV, "")
    places += [Path(part) for part in env.split(os.pathsep) if part]
    found: list[Path] = []
    for place in places:
        if place.is_dir():
            found += sorted(p for p in place.glob("*.toml") if p.is_file())
        elif place.is_file():
            found.append(place)
    return found


@dataclass
class Notes:
    """Every loaded overlay's entries, with the example answers' fingerprints worked out once."""

    overlays: tuple[Overlay, ...] = ()
    problems: tuple[Problem, ...] = ()
    """Problems of the files that were skipped."""
    _prints: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def read(cls, files: Sequence[Path]) -> Notes:
        """Read `files`; broken ones are skipped and their problems kept."""
        overlays: list[Overlay] = []
        problems: list[Problem] = []
        for path in files:
            result = read_overlay(path)
            problems += result.problems
            if result.overlay is not None:
                overlays.append(result.overlay)
        return cls(tuple(overlays), tuple(problems))

    def note_for(
        self, instance: QuestionInstance, verdict: Verdict, judge: JudgeService
    ) -> FeedbackEntry | None:
        """The entry for this wrong answer: an example answer first (the most specific),
        then the mistake on this question, then the mistake anywhere."""
        entries = [entry for overlay in self.overlays for entry in overlay.entries]
        mine = [e for e in entries if e.question in (None, instance.full_id)]
        if verdict.fingerprint is not None:
            for entry in mine:
                if entry.answer is not None and entry.question == instance.full_id:
                    if self._fingerprint(instance, entry.answer, judge) == verdict.fingerprint:
                        return entry
        if verdict.diagnosis is not None:
            for question in (instance.full_id, None):
                for entry in mine:
                    if entry.mistake == verdict.diagnosis and entry.question == question:
                        return entry
        return None

    def _fingerprint(
        self, instance: QuestionInstance, answer: str, judge: JudgeService
    ) -> str | None:
        """The example's fingerprint on this variant, judged like a player's answer (once)."""
        key = (instance.full_id, repr(sorted(instance.values.items())), answer)
        with self._lock:
            if key in self._prints:
                return self._prints[key]
        verdict = grade(instance, answer, judge)
        # A correct or unreadable example groups nothing.
        found = verdict.fingerprint if verdict.status == "incorrect" else None
        with self._lock:
            self._prints[key] = found
        return found


def add_note(verdict: Verdict, note: FeedbackEntry, language: str) -> Verdict:
    """The verdict with the teacher's note after the judge's own sentence (ids kept)."""
    from derivquest.engine.presenter import present

    said = present(verdict, language)
    return replace(
        verdict, message=f"{said} {text_in(note.text, language)}", sentence_id=None, notes=()
    )


class _Active:
    """The overlays in use, re-read when the set of files or their times change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self._notes = Notes()

    def get(self) -> Notes:
        stamp = []
        for path in overlay_files():
            try:
                info = path.stat()
            except OSError:
                continue
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
        with self._lock:
            if tuple(stamp) != self._stamp:
                self._notes = Notes.read([Path(name) for name, _, _ in stamp])
                self._stamp = tuple(stamp)
            return self._notes


_ACTIVE = _Active()


def active_notes() -> Notes:
    """The overlays found now (installed and `$DERIVQUEST_FEEDBACK`)."""
    return _ACTIVE.get()


def with_teacher_note(
    verdict: Verdict, instance: QuestionInstance, judge: JudgeService, notes: Notes | None = None
) -> Verdict:
    """Return `verdict` with a teacher's note added when a wrong answer is in a noted group.

    The game calls this where a verdict is about to become feedback (play and drills).
    Anything going wrong here leaves the verdict as it was: a note is never worth an error.
    """
    if verdict.status != "incorrect":
        return verdict
    try:
        found = (active_notes() if notes is None else notes).note_for(instance, verdict, judge)
    except Exception:  # a broken overlay or a judge hiccup must not cost the player an answer
        return verdict
    return verdict if found is None else add_note(verdict, found, instance.language)
