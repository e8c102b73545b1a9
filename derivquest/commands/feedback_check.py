"""Validating teachers' feedback overlays from `derivquest pack validate notes.toml`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def validate_overlays(files: Sequence[Path], packs: Sequence[Path]) -> int:
    """Check each overlay against the loaded packs (plus `packs`); 0 clean, 1 problems."""
    from derivquest.content.catalog import load_catalog
    from derivquest.content.overlay_check import check_overlay
    from derivquest.engine import JudgeService

    catalog = load_catalog(extra=tuple(packs))
    failed = False
    with JudgeService() as service:
        for path in files:
            problems = check_overlay(path, catalog, service)
            for problem in problems:
                print(problem)
            failed = failed or bool(problems)
            count = len(problems)
            print(f"FAILED: {path}: {count} problem(s)" if problems else f"ok: {path}")
    return 1 if failed else 0
