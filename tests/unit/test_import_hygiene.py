"""The engine, content and progress layers never import Textual (the UI is a layer above)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "derivquest.engine",
    "derivquest.content",
    "derivquest.progress",
    "derivquest.game",
    "derivquest.charts",
    "derivquest.kinds",
    "derivquest.server",
]
"""Every layer below the UI; each new layer is added here when it lands. A kind's or a
chart's `view` module is UI (it is where Textual belongs), so the walk leaves those out."""


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_textual(module: str) -> None:
    """Import the layer and all its submodules in a fresh interpreter; Textual must stay out."""
    code = (
        f"import sys, {module}, pkgutil, importlib\n"
        f"for info in pkgutil.walk_packages({module}.__path__, '{module}.'):\n"
        "    if not info.name.endswith('.view'):\n"
        "        importlib.import_module(info.name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""


def test_every_kind_and_chart_model_loads_without_textual() -> None:
    """The registries' own discovery (specs and chart tasks) stays below the UI."""
    code = (
        "import sys\n"
        "from derivquest.kinds.registry import specs\n"
        "from derivquest.charts.registry import chart_ids\n"
        "assert len(specs()) >= 5 and len(chart_ids()) >= 4\n"
        "print(','.join(m for m in sys.modules if m == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""


def test_the_probe_detects_textual() -> None:
    """The same probe reports Textual when it is imported, so the test above can fail."""
    code = "import sys, textual\nprint(','.join(m for m in sys.modules if m == 'textual'))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "textual"


def test_every_lazy_engine_name_resolves_and_is_exported() -> None:
    """The engine's names load on first use; each must exist where the table says."""
    import derivquest.engine as engine

    assert sorted(engine.__all__) == sorted(engine._HOMES)
    for name in engine.__all__:
        assert getattr(engine, name) is not None


def test_the_first_screen_does_not_wait_for_sympy() -> None:
    """Importing the app (what the start screen needs) must not import SymPy or pydantic."""
    code = (
        "import sys, derivquest.ui.app\n"
        "print(','.join(sorted(m for m in ('sympy', 'pydantic', 'mpmath') if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
