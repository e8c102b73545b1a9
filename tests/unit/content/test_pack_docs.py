"""docs/authoring.md stays true: its field tables match the schema, its example validates."""

from __future__ import annotations

import re
from pathlib import Path

from derivquest.content.docgen import BEGIN, END, field_tables, update
from derivquest.content.schema import question_models
from derivquest.content.validate import validate_pack
from derivquest.engine import JudgeService

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "authoring.md"
EXAMPLE = re.compile(r"<!-- example: (\S+) -->\n```toml\n(.*?)```", re.DOTALL)


def test_field_tables_match_the_schema() -> None:
    """If this fails, run: python -m derivquest.content.docgen docs/authoring.md"""
    text = GUIDE.read_text(encoding="utf-8")
    assert update(text) == text


def test_every_model_field_is_documented() -> None:
    tables = field_tables()
    for model in question_models().values():
        for name in model.model_fields:
            assert f"| `{name}` |" in tables


def test_update_replaces_only_between_the_markers() -> None:
    document = f"intro\n{BEGIN}\nstale\n{END}\noutro\n"
    fresh = update(document)
    assert fresh.startswith(f"intro\n{BEGIN}\n\n### ")
    assert fresh.endswith(f"{END}\noutro\n")
    assert "stale" not in fresh


def test_the_example_pack_validates(tmp_path: Path, judge_service: JudgeService) -> None:
    files = EXAMPLE.findall(GUIDE.read_text(encoding="utf-8"))
    assert [name for name, _ in files] == ["pack.toml", "levels/01-power-rule.toml"]
    folder = tmp_path / "example"
    for name, text in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    report = validate_pack(folder, judge_service)
    assert report.problems == ()
    assert report.questions == 4
