"""The server and the report stay light: they never import Textual (nor does asyncssh leak)."""

from __future__ import annotations

import subprocess
import sys


def imported_after(code: str) -> set[str]:
    """Top-level modules loaded by `code` in a fresh interpreter."""
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(result.stdout.split())


def test_the_server_does_not_load_the_game() -> None:
    modules = imported_after(
        "import pkgutil, importlib, derivquest.server\n"
        "for info in pkgutil.walk_packages(derivquest.server.__path__, 'derivquest.server.'):\n"
        "    importlib.import_module(info.name)\n"
        "import derivquest.commands.serve, derivquest.commands.report"
    )
    assert "textual" not in modules
    assert "asyncssh" in modules  # the probe sees third-party packages


def test_the_report_does_not_load_asyncssh() -> None:
    modules = imported_after("import derivquest.server.report, derivquest.commands.report")
    assert "asyncssh" not in modules and "textual" not in modules
