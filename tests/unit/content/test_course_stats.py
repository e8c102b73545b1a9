"""Course statistics (`pack list --stats`): counts per level, totals, and the issue 13 targets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from derivquest.cli import main
from derivquest.content import Pack, load_catalog, load_pack
from derivquest.content.stats import LevelStats, pack_stats
from derivquest.paths import builtin_levels_dir


def _good_pack(packs_dir: Path) -> Pack:
    pack = load_pack(packs_dir / "good-pack").pack
    assert pack is not None
    return pack


def _shipped() -> Pack:
    pack = load_catalog(user=False, entry_points=False).pack("calculus-for-ml")
    assert pack is not None
    return pack


# The fixture pack's levels, counted by hand from tests/fixtures/packs/good-pack.
GOOD_PACK_LEVELS = [
    LevelStats(
        level_id="rules",
        questions=5,
        kinds=Counter(derivative=2, expression=1, numeric=1, choice=1),
        randomised=3,
        hint_steps=Counter({0: 4, 1: 1}),
        numeric=1,
        numeric_with_feedback=0,
        # title, lesson; power 4, chain 2, gradient 3, slope 2, constant 2 + 2 options x 2
        texts=19,
        texts_in_bn=19,
        several_variables=1,
        charts=0,
        with_solution=5,
        with_hints=1,
    ),
    LevelStats(
        level_id="plots",
        questions=4,
        kinds=Counter(plot=4),
        randomised=1,
        hint_steps=Counter({0: 4}),
        numeric=0,
        numeric_with_feedback=0,
        texts=10,
        texts_in_bn=10,
        several_variables=0,
        charts=4,
        with_solution=4,
        with_hints=0,
    ),
]


def test_levels_are_counted(packs_dir: Path) -> None:
    stats = pack_stats(_good_pack(packs_dir))
    assert list(stats.levels) == GOOD_PACK_LEVELS
    assert stats.totals.questions == 9
    assert stats.totals.kinds == Counter(derivative=2, expression=1, numeric=1, choice=1, plot=4)
    assert stats.totals.hint_steps == Counter({0: 8, 1: 1})
    assert stats.totals.texts == 29


@pytest.mark.parametrize(
    ("name", "actual", "wanted", "met"),
    [
        ("levels", 2, 19, False),
        ("questions", 9, 230, False),
        ("questions in two or more variables", 1, 40, False),
        ("questions using the charts", 4, 12, False),
        ("questions with a worked solution", 9, 9, True),
        ("questions with hints", 1, 9, False),
        ("numeric questions with feedback", 0, 1, False),
        ("texts in en and bn", 29, 29, True),
    ],
)
def test_targets_are_measured_on_the_totals(
    packs_dir: Path, name: str, actual: int, wanted: int, met: bool
) -> None:
    targets = {target.name: target for target in pack_stats(_good_pack(packs_dir)).targets}
    assert (targets[name].actual, targets[name].wanted, targets[name].met) == (actual, wanted, met)


def test_a_missing_bengali_text_counts_against_the_coverage(
    packs_dir: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "good-pack"
    shutil.copytree(packs_dir / "good-pack", copy)
    level = copy / "levels" / "02-plots.toml"
    level.write_text(level.read_text().replace(', bn = "জিনিস সরান।"', ""))
    stats = pack_stats(_good_pack(tmp_path))
    assert (stats.levels[1].texts_in_bn, stats.levels[1].texts) == (9, 10)
    assert "texts in en and bn" in {target.name for target in stats.missed}


def test_the_shipped_course_meets_every_target() -> None:
    stats = pack_stats(_shipped())
    assert [f"{t.name}: {t.actual} of {t.wanted}" for t in stats.missed] == []
    assert len(stats.targets) == 8


def test_every_numeric_question_of_the_course_has_feedback() -> None:
    missing = [
        f"{level.id}/{question.id}"
        for level in _shipped().levels
        for question in level.model.questions
        if question.kind_name == "numeric" and not getattr(question, "feedback", None)
    ]
    assert missing == []


def test_stats_command_prints_levels_totals_and_targets(
    capsys: pytest.CaptureFixture[str], packs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivquest import paths

    monkeypatch.setattr(paths, "builtin_levels_dir", lambda: packs_dir / "no-builtin-here")
    status = main(["pack", "list", "--stats", "--pack", str(packs_dir / "good-pack")])
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    header = next(i for i, line in enumerate(out) if line.split()[:2] == ["level", "qs"])
    assert out[header + 1].split()[:9] == ["rules", "5", "c1", "d2", "e1", "n1", "3", "1:1", "0:4"]
    assert out[header + 1].split()[9:] == ["0/1", "19/19", "1", "0"]
    assert out[header + 2].split() == ["plots", "4", "p4", "1", "0:4", "0/0", "10/10", "0", "4"]
    assert out[header + 3].split()[:2] == ["total", "9"]
    assert "    MISSED levels: 2 (wanted at least 19)" in out
    assert "    ok     texts in en and bn: 29 (of 29)" in out
    assert out[-1] == "  6 targets missed"


def test_stats_command_on_the_shipped_course(capsys: pytest.CaptureFixture[str]) -> None:
    assert builtin_levels_dir().is_dir()
    status = main(["pack", "list", "--stats"])
    out = capsys.readouterr().out
    assert status == 0
    assert "MISSED" not in out
    assert "  every target met" in out.splitlines()
