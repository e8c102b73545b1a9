"""`derivquest pack`: validate, create, list, describe and install level packs."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from derivquest.content.stats import LevelStats, PackStats
    from derivquest.content.validate import ValidationReport

# Kept here (not imported from derivquest.content) so `derivquest --help` imports no pydantic.
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

HELP = """\
Work with level packs: folders of TOML files that teachers write (see docs/authoring.md).

  derivquest pack new my-pack              # a commented starter pack in ./my-pack
  derivquest pack validate my-pack         # every problem, as file:line: key: message
  derivquest pack install my-pack          # validate, then copy into your data folder
  derivquest pack list --pack my-pack      # every pack the game would load, and from where
  derivquest pack list --stats             # ... with per-level counts and the course targets
  derivquest pack schema > pack.schema.json

validate and install exit with 0 when the pack is clean and 1 when it has problems.
"""


def register(subcommands: Any) -> None:
    """Add the `pack` subcommand and its actions."""
    parser = subcommands.add_parser(
        "pack",
        help="validate, create, list and install level packs",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=lambda args: _print_help(parser))
    actions = parser.add_subparsers(dest="pack_action", metavar="ACTION")

    validate = actions.add_parser(
        "validate", help="check packs thoroughly (exit 0 clean, 1 problems)"
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="pack folders")
    validate.add_argument(
        "--samples",
        type=int,
        default=25,
        help="variants drawn per randomised question (default 25)",
    )
    validate.set_defaults(handler=run_validate)

    new = actions.add_parser("new", help="write a commented starter pack")
    new.add_argument("name", metavar="NAME", help="the pack id, e.g. my-pack")
    new.add_argument("--dir", type=Path, default=Path("."), help="where to create it")
    new.set_defaults(handler=run_new)

    listing = actions.add_parser("list", help="show every pack, its source and problems")
    listing.add_argument(
        "--pack", action="append", type=Path, default=[], metavar="PATH", help="extra pack"
    )
    listing.add_argument(
        "--stats",
        action="store_true",
        help="per level: questions, kinds, hints, feedback, bn coverage; and the course targets",
    )
    listing.set_defaults(handler=run_list)

    schema = actions.add_parser("schema", help="print the JSON Schema of the pack format")
    schema.add_argument(
        "--file",
        choices=("all", "manifest", "level"),
        default="all",
        help="pack.toml (manifest), a level file, or either (default)",
    )
    schema.set_defaults(handler=run_schema)

    install = actions.add_parser("install", help="validate a pack and copy it to your data")
    install.add_argument("path", type=Path, metavar="PATH", help="the pack folder")
    install.add_argument("--force", action="store_true", help="replace an installed copy")
    install.set_defaults(handler=run_install)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Handle `derivquest pack validate PATH...`."""
    from derivquest.content.validate import validate_packs

    if args.samples < 1:
        return _usage("--samples must be at least 1")
    # A .toml file other than pack.toml is a teachers' feedback overlay (docs/feedback.md).
    notes = [p for p in args.paths if p.suffix == ".toml" and p.name != "pack.toml"]
    folders = [_pack_folder(path) for path in args.paths if path not in notes]
    status = 0
    if notes:
        from derivquest.commands.feedback_check import validate_overlays

        status = validate_overlays(notes, folders)
        if not folders:
            return status
    reports = validate_packs(folders, samples=args.samples)
    for report in reports:
        _print_report(report)
    return status or (0 if all(report.ok for report in reports) else 1)


def _print_report(report: ValidationReport) -> None:
    for problem in report.problems:
        print(problem)
    name = report.pack_id or str(report.folder)
    checked = f"{report.questions} questions, {report.variants} variants"
    if report.ok:
        print(f"ok: {name} ({checked}, {report.seconds:.1f} s)")
    else:
        count = len(report.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"FAILED: {name}: {count} {noun} ({checked}, {report.seconds:.1f} s)")


def run_new(args: argparse.Namespace) -> int:
    """Handle `derivquest pack new NAME [--dir DIR]`."""
    from derivquest.content.starter import write_starter

    if not _ID.match(args.name) or len(args.name) > 64:
        return _usage(f"{args.name!r} is not a pack id: use lowercase letters, digits and dashes")
    folder = args.dir / args.name
    try:
        files = write_starter(folder, args.name)
    except FileExistsError:
        print(f"error: {folder} exists already; nothing was written", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {folder}: {error.strerror}", file=sys.stderr)
        return 1
    for file in files:
        print(f"created {file}")
    print(f"next: edit the files, then run: derivquest pack validate {folder}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Handle `derivquest pack list [--pack PATH ...] [--stats]`."""
    from derivquest.content.catalog import load_catalog
    from derivquest.content.fields import text_in
    from derivquest.content.stats import pack_stats

    catalog = load_catalog(args.pack)
    for pack in catalog.packs:
        questions = sum(len(level.model.questions) for level in pack.levels)
        print(f"{pack.id} {pack.manifest.version}: {text_in(pack.manifest.title, 'en')}")
        levels = len(pack.levels)
        plural = "" if levels == 1 else "s"
        print(f"  {levels} level{plural}, {questions} questions")
        print(f"  from {pack.source.describe()}")
        if args.stats:
            _print_stats(pack_stats(pack))
    for broken in catalog.broken:
        print(f"NOT LOADED: {broken.source.describe()}")
        for problem in broken.problems:
            print(f"  {problem}")
    if not catalog.packs and not catalog.broken:
        print("no packs found")
    return 0


KIND_LETTERS = {
    "derivative": "d",
    "expression": "e",
    "numeric": "n",
    "choice": "c",
    "plot": "p",
    "graph": "g",
}
"""Short kind names for the --stats table (a kind not listed is shown by its full name)."""

STATS_COLUMNS = (
    ("level", 25),
    ("qs", 4),
    ("kinds", 24),
    ("rand", 5),
    ("hint steps", 15),
    ("feedback", 9),
    ("bn", 10),
    ("2+ vars", 8),
    ("charts", 6),
)
"""The --stats table's columns and their widths."""


def _stats_row(stats: LevelStats, label: str) -> str:
    kinds = " ".join(
        f"{KIND_LETTERS.get(kind, kind)}{count}" for kind, count in sorted(stats.kinds.items())
    )
    hints = " ".join(
        f"{steps}:{count}" for steps, count in sorted(stats.hint_steps.items(), reverse=True)
    )
    cells = (
        label,
        str(stats.questions),
        kinds,
        str(stats.randomised),
        hints,
        f"{stats.numeric_with_feedback}/{stats.numeric}",
        f"{stats.texts_in_bn}/{stats.texts}",
        str(stats.several_variables),
        str(stats.charts),
    )
    return (
        "  "
        + " ".join(
            cell.ljust(width) for cell, (_, width) in zip(cells, STATS_COLUMNS, strict=True)
        ).rstrip()
    )


def _print_stats(stats: PackStats) -> None:
    """Print the per-level table, its totals and the course targets (MISSED when not met)."""
    print("  " + " ".join(name.ljust(width) for name, width in STATS_COLUMNS).rstrip())
    for level in stats.levels:
        print(_stats_row(level, level.level_id))
    print(_stats_row(stats.totals, "total"))
    legend = ", ".join(f"{letter} {kind}" for kind, letter in KIND_LETTERS.items())
    print(f"  kinds: {legend}")
    print("  hint steps: steps:questions; feedback: numeric questions with notes for wrong")
    print("  answers; bn: texts in Bengali; 2+ vars: questions in two or more variables")
    print("  targets of the built-in course (issue 13):")
    for target in stats.targets:
        mark = "ok    " if target.met else "MISSED"
        wanted = f"of {target.wanted}" if target.every else f"wanted at least {target.wanted}"
        print(f"    {mark} {target.name}: {target.actual} ({wanted})")
    missed = len(stats.missed)
    print(
        f"  {missed} target{'' if missed == 1 else 's'} missed" if missed else "  every target met"
    )


def run_schema(args: argparse.Namespace) -> int:
    """Handle `derivquest pack schema [--file WHICH]`."""
    from derivquest.content.schema import json_schema_text

    sys.stdout.write(json_schema_text(args.file))
    return 0


def run_install(args: argparse.Namespace) -> int:
    """Handle `derivquest pack install PATH [--force]`."""
    from derivquest.content.install import InstallError, check_installable_id, install_pack
    from derivquest.content.loader import load_pack, read_pack
    from derivquest.content.validate import validate_packs

    folder = _pack_folder(args.path)
    pack_id = read_pack(folder).pack_id
    try:
        if pack_id is not None:
            check_installable_id(pack_id)  # before the slow validation: it cannot help
    except InstallError as error:
        print(f"error: not installed: {error}", file=sys.stderr)
        return 1
    (report,) = validate_packs([folder])
    if not report.ok:
        _print_report(report)
        print("error: not installed; fix the problems above first", file=sys.stderr)
        return 1
    loaded = load_pack(folder)
    if loaded.pack is None:  # validation passed, so only a race with an editor gets here
        print("error: the pack changed while it was being installed", file=sys.stderr)
        return 1
    try:
        destination = install_pack(loaded.pack, force=args.force)
    except InstallError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"installed {loaded.pack.id} into {destination}")
    return 0


def _pack_folder(path: Path) -> Path:
    """Accept the pack folder or its pack.toml (what a shell's tab completion often gives)."""
    return path.parent if path.name == "pack.toml" and path.is_file() else path


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run `derivquest pack ...` on its own (the tests use this)."""
    parser = argparse.ArgumentParser(prog="derivquest")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status
