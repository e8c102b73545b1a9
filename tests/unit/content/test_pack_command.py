"""`derivquest pack ...`: exit statuses and output of each action."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from derivquest.cli import main
from derivquest.content.schema import json_schema


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["pack", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_validate_clean_pack(capsys: pytest.CaptureFixture[str], packs_dir: Path) -> None:
    status, out, _ = run(capsys, "validate", str(packs_dir / "good-pack"))
    assert status == 0
    assert out.startswith("ok: good-pack (9 questions, 42 variants, ")


def test_validate_reports_every_pack(capsys: pytest.CaptureFixture[str], packs_dir: Path) -> None:
    broken = packs_dir / "broken" / "choice-two-correct"
    status, out, _ = run(capsys, "validate", str(broken), str(packs_dir / "good-pack"))
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"{broken}/levels/01.toml:10: questions[0].options: 2 options are marked correct; "
        "exactly one must be (fix: set correct = true on exactly one option)"
    )
    assert lines[1].startswith("FAILED: choice-two-correct: 1 problem (1 questions, 1 variants")
    assert lines[2].startswith("ok: good-pack")


def test_validate_folder_that_is_not_a_pack(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "validate", str(tmp_path), str(tmp_path / "missing"))
    assert status == 1
    assert f"{tmp_path}:1: no pack.toml in this folder, so it is not a pack" in out
    assert f"{tmp_path / 'missing'}:1: no such folder" in out


def test_validate_accepts_the_manifest_path(
    capsys: pytest.CaptureFixture[str], packs_dir: Path
) -> None:
    status, out, _ = run(capsys, "validate", str(packs_dir / "good-pack" / "pack.toml"))
    assert status == 0
    assert out.startswith("ok: good-pack")


def test_new_writes_a_pack_and_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "new", "algebra", "--dir", str(tmp_path))
    assert status == 0
    assert out.splitlines()[:2] == [
        f"created {tmp_path}/algebra/pack.toml",
        f"created {tmp_path}/algebra/levels/01-first-steps.toml",
    ]
    assert 'id = "algebra"' in (tmp_path / "algebra" / "pack.toml").read_text(encoding="utf-8")
    before = (tmp_path / "algebra" / "pack.toml").read_text(encoding="utf-8")
    status, _, err = run(capsys, "new", "algebra", "--dir", str(tmp_path))
    assert status == 1
    assert err == f"error: {tmp_path}/algebra exists already; nothing was written\n"
    assert (tmp_path / "algebra" / "pack.toml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("name", ["My Pack", "snake_case", "UPPER", "a/b", ""])
def test_new_rejects_bad_ids(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    status, _, err = run(capsys, "new", name, "--dir", str(tmp_path))
    assert status == 2
    assert "is not a pack id" in err
    assert list(tmp_path.iterdir()) == []


def test_list_shows_sources_and_broken_packs(
    capsys: pytest.CaptureFixture[str], packs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivquest import paths

    monkeypatch.setattr(paths, "builtin_levels_dir", lambda: packs_dir / "no-builtin-here")
    good = packs_dir / "good-pack"
    broken = packs_dir / "broken" / "unknown-kind"
    status, out, _ = run(capsys, "list", "--pack", str(good), "--pack", str(broken))
    assert status == 0
    assert out.splitlines() == [
        "good-pack 1.0.0: Good pack",
        "  2 levels, 9 questions",
        f"  from path {good}",
        f"NOT LOADED: path {broken}",
        f"  {broken}/levels/01.toml:7: questions[0].kind: unknown kind 'integral' "
        "(fix: use one of: derivative, expression, numeric, choice, plot, graph)",
    ]


def test_schema_prints_the_models_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    assert json.loads(out) == json_schema()
    status, out, _ = run(capsys, "schema", "--file", "level")
    assert json.loads(out)["title"] == "Level"


def test_install(capsys: pytest.CaptureFixture[str], packs_dir: Path, isolated_home: Path) -> None:
    good = packs_dir / "good-pack"
    status, out, _ = run(capsys, "install", str(good))
    assert status == 0
    target = isolated_home / "packs" / "good-pack"
    assert out == f"installed good-pack into {target}\n"
    installed = sorted(str(path.relative_to(target)) for path in target.rglob("*"))
    assert installed == ["levels", "levels/01-rules.toml", "levels/02-plots.toml", "pack.toml"]
    status, _, err = run(capsys, "install", str(good))
    assert status == 1
    assert err == f"error: {target} exists already (use --force to replace it)\n"
    (target / "levels" / "stale.toml").write_text("old", encoding="utf-8")
    status, _, _ = run(capsys, "install", str(good), "--force")
    assert status == 0
    assert not (target / "levels" / "stale.toml").exists()
    assert [path.name for path in (isolated_home / "packs").iterdir()] == ["good-pack"]


def test_install_refuses_a_broken_pack(
    capsys: pytest.CaptureFixture[str], packs_dir: Path, isolated_home: Path
) -> None:
    status, out, err = run(capsys, "install", str(packs_dir / "broken" / "unused-param"))
    assert status == 1
    assert "parameter 'k' is never used" in out
    assert err == "error: not installed; fix the problems above first\n"
    assert not (isolated_home / "packs").exists()


def test_pack_without_action_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys)
    assert status == 0
    assert "derivquest pack validate my-pack" in out


def test_help_stays_light() -> None:
    """`derivquest --help` must not pay for pydantic or SymPy."""
    code = (
        "import sys; from derivquest.cli import build_parser; build_parser();"
        "print(sorted(m for m in ('pydantic', 'sympy', 'textual') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
