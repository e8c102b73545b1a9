"""Finding and loading packs: built-in, --pack folders, installed, and pip packages."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest import paths
from derivquest.content.catalog import ENTRY_POINT_GROUP, load_catalog, user_packs_dir


def copy_pack(source: Path, destination: Path, new_id: str | None = None) -> Path:
    """Copy a fixture pack, optionally giving it another id."""
    shutil.copytree(source, destination)
    if new_id is not None:
        manifest = destination / "pack.toml"
        text = manifest.read_text(encoding="utf-8")
        old_id = text.split('id = "', 1)[1].split('"', 1)[0]
        manifest.write_text(text.replace(f'id = "{old_id}"', f'id = "{new_id}"'), "utf-8")
    return destination


@pytest.fixture
def builtin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the built-in levels folder (empty until a test fills it)."""
    folder = tmp_path / "builtin"
    folder.mkdir()
    monkeypatch.setattr(paths, "builtin_levels_dir", lambda: folder)
    return folder


def test_broken_pack_is_skipped_and_the_others_load(builtin_dir: Path, packs_dir: Path) -> None:
    copy_pack(packs_dir / "good-pack", builtin_dir / "good-pack")
    copy_pack(packs_dir / "broken" / "unknown-kind", builtin_dir / "broken")
    copy_pack(packs_dir / "good-pack", builtin_dir / "zzz-other", new_id="other-pack")
    catalog = load_catalog(entry_points=False)
    assert [pack.id for pack in catalog.packs] == ["good-pack", "other-pack"]
    (broken,) = catalog.broken
    assert broken.source.location == builtin_dir / "broken"
    assert [problem.message for problem in catalog.problems] == ["unknown kind 'integral'"]


def test_sources_in_priority_order(
    builtin_dir: Path, packs_dir: Path, tmp_path: Path, isolated_home: Path
) -> None:
    copy_pack(packs_dir / "good-pack", builtin_dir / "good-pack")
    extra = copy_pack(packs_dir / "good-pack", tmp_path / "mine", new_id="mine")
    copy_pack(packs_dir / "good-pack", user_packs_dir() / "installed", new_id="installed")
    catalog = load_catalog([extra], entry_points=False)
    assert [(pack.id, pack.source.kind) for pack in catalog.packs] == [
        ("good-pack", "builtin"),
        ("mine", "path"),
        ("installed", "user"),
    ]
    assert user_packs_dir() == isolated_home / "packs"
    assert catalog.packs[2].folder == isolated_home / "packs" / "installed"


def test_duplicate_id_first_wins(builtin_dir: Path, packs_dir: Path, tmp_path: Path) -> None:
    copy_pack(packs_dir / "good-pack", builtin_dir / "good-pack")
    copy = copy_pack(packs_dir / "good-pack", tmp_path / "copy")
    catalog = load_catalog([copy], entry_points=False)
    assert [pack.source.kind for pack in catalog.packs] == ["builtin"]
    (problem,) = catalog.problems
    assert problem.file == copy / "pack.toml"
    assert (problem.line, problem.key) == (3, "id")
    assert problem.message == (
        f"pack id 'good-pack' is already used by builtin {builtin_dir / 'good-pack'}"
    )


def test_same_folder_twice_loads_once(builtin_dir: Path, packs_dir: Path) -> None:
    folder = copy_pack(packs_dir / "good-pack", builtin_dir / "good-pack")
    catalog = load_catalog([folder], entry_points=False)
    assert len(catalog.packs) == 1
    assert catalog.broken == ()


def test_user_folder_without_manifest_is_reported(builtin_dir: Path) -> None:
    (user_packs_dir() / "half-installed").mkdir(parents=True)
    (user_packs_dir() / ".staging").mkdir()
    catalog = load_catalog(entry_points=False)
    (problem,) = catalog.problems
    assert problem.file == user_packs_dir() / "half-installed"
    assert problem.message == "no pack.toml in this folder, so it is not a pack"


def test_builtin_folder_without_manifest_is_ignored(builtin_dir: Path) -> None:
    (builtin_dir / "__pycache__").mkdir()
    (builtin_dir / "notes").mkdir()
    assert load_catalog(entry_points=False) == load_catalog(user=False, entry_points=False)
    assert load_catalog(entry_points=False).broken == ()


def test_catalog_lookups(builtin_dir: Path, packs_dir: Path) -> None:
    copy_pack(packs_dir / "good-pack", builtin_dir / "good-pack")
    catalog = load_catalog(entry_points=False)
    ref = catalog.question("good-pack/plots/tangent")
    assert ref is not None
    assert (ref.full_id, ref.index, ref.question.kind_name) == (
        "good-pack/plots/tangent",
        0,
        "plot",
    )
    assert catalog.question("good-pack/plots/nope") is None
    assert catalog.question("good-pack/nope/tangent") is None
    assert catalog.question("nope/plots/tangent") is None
    assert catalog.question("no-slashes") is None
    assert [ref.full_id for ref in catalog.questions()][:2] == [
        "good-pack/rules/power",
        "good-pack/rules/chain",
    ]


@pytest.mark.parametrize(
    ("completed", "unlocked"),
    [
        (set(), ["rules"]),
        ({"rules"}, ["rules", "plots"]),
        ({"rules", "a-level-that-no-longer-exists"}, ["rules", "plots"]),
    ],
)
def test_unlocking_follows_requires(
    builtin_dir: Path, packs_dir: Path, completed: set[str], unlocked: list[str]
) -> None:
    copy_pack(packs_dir / "good-pack", builtin_dir / "good-pack")
    pack = load_catalog(entry_points=False).pack("good-pack")
    assert pack is not None
    assert pack.unlocked_levels(completed) == unlocked
    assert not pack.is_unlocked("no-such-level", completed)


# -- packs installed as Python packages (entry points) ------------------------------------


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site-packages stand-in on sys.path; packages imported from it are forgotten after."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    before = set(sys.modules)
    yield folder
    for name in set(sys.modules) - before:
        if name.startswith("dqtest_"):
            del sys.modules[name]
    importlib.invalidate_caches()


def install_distribution(site: Path, name: str, entry_points: str) -> None:
    """Write the `*.dist-info` that pip would, with the given entry_points.txt body."""
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{entry_points}\n")


def test_entry_point_pack_is_found(site: Path, packs_dir: Path, builtin_dir: Path) -> None:
    package = copy_pack(packs_dir / "good-pack", site / "dqtest_good", new_id="from-pip")
    (package / "__init__.py").write_text("")
    install_distribution(site, "dqtest-good", "from-pip = dqtest_good")
    catalog = load_catalog(user=False)
    (pack,) = catalog.packs
    assert pack.id == "from-pip"
    assert pack.source.kind == "entry-point"
    assert pack.source.location == package
    assert pack.source.entry_point == "from-pip = dqtest_good"
    assert catalog.broken == ()


@pytest.mark.parametrize(
    ("entry", "make_package", "message"),
    [
        (
            "bad = dqtest_obj:thing",
            True,
            "the entry point must name a package, not an object",
        ),
        ("bad = dqtest_missing", False, "cannot import package 'dqtest_missing': ..."),
        ("bad = dqtest_empty", True, "package 'dqtest_empty' has no pack.toml"),
    ],
)
def test_unusable_entry_points_are_reported(
    site: Path, builtin_dir: Path, entry: str, make_package: bool, message: str
) -> None:
    module = entry.split("= ")[1].split(":")[0]
    if make_package:
        (site / module).mkdir()
        (site / module / "__init__.py").write_text("")
    install_distribution(site, "dqtest-bad", entry)
    catalog = load_catalog(user=False)
    assert catalog.packs == ()
    (problem,) = catalog.problems
    if message.endswith("..."):
        assert problem.message.startswith(message.removesuffix("..."))
    else:
        assert problem.message == message
