"""DERIVQUEST_HOME overrides the data directory; otherwise it is the platform's user data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.paths import HOME_ENV, builtin_levels_dir, data_dir


def test_home_override(isolated_home: Path) -> None:
    assert data_dir() == isolated_home


def test_default_is_platform_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_data_path

    monkeypatch.delenv(HOME_ENV)
    assert data_dir() == user_data_path("derivquest", appauthor=False)


def test_builtin_levels_are_found() -> None:
    assert (builtin_levels_dir() / "calculus-for-ml" / "pack.toml").is_file()
