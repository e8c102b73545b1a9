"""Hostile packs: huge, deep, linked-out, reserved and slow ones are problems, never crashes."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from derivquest.cli import main
from derivquest.content import loader
from derivquest.content.catalog import load_catalog, user_packs_dir
from derivquest.content.install import InstallError, install_pack
from derivquest.content.loader import load_pack, read_pack
from derivquest.content.reference import checked_by
from derivquest.content.starter import write_starter
from derivquest.content.validate import validate_pack
from derivquest.engine import JudgeService
from derivquest.progress import ProgressStore

SLOW = "(x+1)^1000 + (x+2)^1000"
"""SymPy takes minutes to tidy this derivative: it must overrun any deadline."""

LEVEL = """\
id = "second"
title = "Second"
lesson = "More."

[[questions]]
id = "q"
kind = "derivative"
prompt = "Differentiate `{function}`."
function = "FUNCTION"
solution = "It is {answer}."
"""


def make_pack(folder: Path, pack_id: str = "hostile") -> Path:
    """A clean starter pack with a second level file, `levels/02.toml`, to break."""
    write_starter(folder, pack_id)
    manifest = folder / "pack.toml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace(
        '"levels/01-first-steps.toml",', '"levels/01-first-steps.toml", "levels/02.toml",'
    )
    manifest.write_text(text, encoding="utf-8")
    second = LEVEL.replace("FUNCTION", "x^2")
    (folder / "levels" / "02.toml").write_text(second, encoding="utf-8")
    return folder


def sparse(size: int) -> Callable[[Path], None]:
    """Write a file of `size` bytes without spending the time (or disk) to fill it."""

    def write(file: Path) -> None:
        with open(file, "wb") as handle:
            handle.truncate(size)

    return write


def text(content: str | bytes) -> Callable[[Path], None]:
    def write(file: Path) -> None:
        file.write_bytes(content if isinstance(content, bytes) else content.encode())

    return write


DEEP = (
    "nested too deeply (more than 32 levels of arrays or tables)"
    " (fix: flatten the arrays and tables)"
)

HOSTILE_FILES = [
    ("3000-deep array", text("x = " + "[" * 3000 + "]" * 3000 + "\n"), DEEP),
    ("3000-deep inline table", text("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"), DEEP),
    ("40-deep array", text("x = " + "[" * 40 + "]" * 40 + "\n"), DEEP),
    ("3000-deep dotted key", text(".".join(["a"] * 3000) + " = 1\n"), DEEP),
    ("3000-deep header", text("[" + ".".join(["a"] * 3000) + "]\n"), DEEP),
    (
        "50 MB file",
        sparse(50_000_000),
        "too large (50 MB; the limit is 1 MB) (fix: split it into several level files)",
    ),
    (
        "just over 1 MB",
        sparse(1_000_001),
        "too large (1 MB; the limit is 1 MB) (fix: split it into several level files)",
    ),
    ("not UTF-8", text(b'id = "\xff\xfe"\n'), "the file is not UTF-8 text (fix: save it as UTF-8)"),
]


@pytest.fixture(scope="module")
def slow_service() -> Iterator[JudgeService]:
    """A checker with a short deadline: SLOW overruns it by minutes, so it cannot be flaky."""
    with JudgeService(deadline=1.0) as service:
        service.start()
        yield service


@pytest.mark.parametrize(
    ("write", "message"), [case[1:] for case in HOSTILE_FILES], ids=[c[0] for c in HOSTILE_FILES]
)
def test_a_hostile_level_file_is_one_problem_of_its_own_file(
    tmp_path: Path, write: Callable[[Path], None], message: str
) -> None:
    """The file is reported as `file:1: ...`; the pack's other level still reads."""
    folder = make_pack(tmp_path / "hostile")
    write(folder / "levels" / "02.toml")
    read = read_pack(folder)
    assert [str(problem) for problem in read.problems] == [f"{folder}/levels/02.toml:1: {message}"]
    assert [level.id for level, _ in read.levels] == ["first-steps"]


@pytest.mark.parametrize(
    ("write", "message"),
    [case[1:] for case in HOSTILE_FILES[:1] + HOSTILE_FILES[5:6]],
    ids=["deep", "huge"],
)
def test_a_hostile_pack_never_takes_other_packs_down(
    tmp_path: Path,
    packs_dir: Path,
    capsys: pytest.CaptureFixture[str],
    write: Callable[[Path], None],
    message: str,
) -> None:
    """The game's start-up (the catalog), `pack list` and `report` skip it and load the rest."""
    folder = make_pack(tmp_path / "hostile")
    write(folder / "levels" / "02.toml")
    good = packs_dir / "good-pack"
    catalog = load_catalog([folder, good], entry_points=False)
    assert [pack.id for pack in catalog.packs] == ["calculus-for-ml", "good-pack"]
    assert [str(problem) for problem in catalog.problems] == [
        f"{folder}/levels/02.toml:1: {message}"
    ]

    assert main(["pack", "list", "--pack", str(folder), "--pack", str(good)]) == 0
    out = capsys.readouterr().out
    assert f"NOT LOADED: path {folder}\n  {folder}/levels/02.toml:1: {message}\n" in out
    assert f"good-pack 1.0.0: Good pack\n  2 levels, 9 questions\n  from path {good}\n" in out

    with ProgressStore() as store:
        store.create_profile("ana")
    assert main(["report", "--pack", str(folder), "--pack", str(good)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"derivquest report: skipped path {folder}\n"
    assert captured.out.startswith("name")


def test_memory_and_recursion_errors_are_problems_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever exhausts memory or the stack while reading a file is reported, not raised."""
    folder = make_pack(tmp_path / "hostile")
    real_loads = tomllib.loads

    def loads(text: str) -> dict[str, object]:
        if 'id = "second"' in text:
            raise MemoryError
        return real_loads(text)

    monkeypatch.setattr(tomllib, "loads", loads)
    problems = [str(problem) for problem in read_pack(folder).problems]
    assert problems == [
        f"{folder}/levels/02.toml:1: too large to read (out of memory)"
        " (fix: split it into smaller files)"
    ]


def test_a_pack_over_its_total_size_is_refused_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file under the cap, together over the pack's cap: the files past it are refused."""
    folder = make_pack(tmp_path / "hostile")
    used = sum(
        len((folder / name).read_bytes()) for name in ("pack.toml", "levels/01-first-steps.toml")
    )
    monkeypatch.setattr(loader, "MAX_PACK_BYTES", used + 10)
    problems = [str(problem) for problem in read_pack(folder).problems]
    assert problems == [
        f"{folder}/levels/02.toml:1: the pack is too large (over {(used + 10) / 1e6:.3g} MB in all"
        " its files) (fix: split it into several packs)"
    ]


SECRET = 'secret = "the outside file must never be echoed"\n'


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_level_linked_out_of_the_pack_is_refused_and_not_read(
    tmp_path: Path, judge_service: JudgeService, what: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "02.toml").write_text(SECRET, encoding="utf-8")
    folder = make_pack(tmp_path / "hostile")
    if what == "file":
        (folder / "levels" / "02.toml").unlink()
        (folder / "levels" / "02.toml").symlink_to(outside / "02.toml")
    else:
        text_manifest = (folder / "pack.toml").read_text(encoding="utf-8")
        (folder / "pack.toml").write_text(
            text_manifest.replace('"levels/02.toml"', '"more/02.toml"'), encoding="utf-8"
        )
        (folder / "more").symlink_to(outside)
    relative = "levels/02.toml" if what == "file" else "more/02.toml"
    report = validate_pack(folder, judge_service, samples=1, exhaustive_up_to=1)
    assert [problem.message for problem in report.problems] == [
        f"level file {relative!r} is a link to a file outside the pack folder"
    ]
    assert report.problems[0].fix == "copy the file into the pack instead of linking to it"
    assert report.problems[0].file == folder / "pack.toml"
    assert "secret" not in "\n".join(map(str, report.problems))


def test_a_manifest_linked_out_of_the_pack_is_refused(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "hostile")
    outside = tmp_path / "outside.toml"
    shutil.move(folder / "pack.toml", outside)
    (folder / "pack.toml").symlink_to(outside)
    assert [str(problem) for problem in read_pack(folder).problems] == [
        f"{folder}/pack.toml:1: pack.toml is a link to a file outside the pack folder"
        " (fix: copy the file into the pack instead of linking to it)"
    ]


def test_a_link_inside_the_pack_is_fine_and_installs_as_a_plain_file(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "hostile")
    (folder / "levels" / "02-real.toml").write_bytes((folder / "levels" / "02.toml").read_bytes())
    (folder / "levels" / "02.toml").unlink()
    (folder / "levels" / "02.toml").symlink_to("02-real.toml")
    loaded = load_pack(folder)
    assert loaded.problems == ()
    assert loaded.pack is not None
    installed = install_pack(loaded.pack)
    copy = installed / "levels" / "02.toml"
    assert not copy.is_symlink()
    assert copy.read_bytes() == (folder / "levels" / "02-real.toml").read_bytes()
    assert sorted(p.name for p in (installed / "levels").iterdir()) == [
        "01-first-steps.toml",
        "02.toml",
    ]


def test_install_refuses_a_built_in_pack_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a pack would install and then never load, since built-in packs come first."""
    folder = make_pack(tmp_path / "calculus-for-ml", "calculus-for-ml")
    message = (
        "pack id 'calculus-for-ml' belongs to a pack built into DerivQuest, so an installed copy"
        " would never be loaded; give your pack its own id in pack.toml"
    )
    assert main(["pack", "install", str(folder)]) == 1
    assert capsys.readouterr().err == f"error: not installed: {message}\n"
    assert not user_packs_dir().exists()
    loaded = load_pack(folder)
    assert loaded.pack is not None
    with pytest.raises(InstallError) as caught:
        install_pack(loaded.pack)
    assert str(caught.value) == message
    assert not user_packs_dir().exists()


def test_level_files_are_checked_when_the_manifest_has_problems(
    tmp_path: Path, judge_service: JudgeService
) -> None:
    folder = make_pack(tmp_path / "hostile")
    manifest = folder / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + 'colour = "red"\n', encoding="utf-8")
    second = folder / "levels" / "02.toml"
    second.write_text(
        second.read_text(encoding="utf-8").replace('function = "x^2"', 'function = "x^"'),
        encoding="utf-8",
    )
    report = validate_pack(folder, judge_service, samples=1, exhaustive_up_to=1)
    assert report.pack_id == "hostile"
    assert [(problem.file.name, problem.key, problem.message) for problem in report.problems] == [
        (
            "02.toml",
            "questions[0].function",
            "'x^' cannot be read: the expression ends too early at column 3:"
            " expected a number, a name or '('",
        ),
        ("pack.toml", "colour", "unknown field 'colour'"),
    ]


def test_a_slow_reference_derivative_is_a_problem_of_its_question(
    tmp_path: Path, slow_service: JudgeService
) -> None:
    """`pack validate` used to run past 300 s on this; now it overruns the deadline once."""
    folder = make_pack(tmp_path / "hostile")
    second = folder / "levels" / "02.toml"
    second.write_text(LEVEL.replace("FUNCTION", SLOW), encoding="utf-8")
    report = validate_pack(folder, slow_service, samples=1, exhaustive_up_to=1)
    assert [str(problem) for problem in report.problems] == [
        f"{second}:9: questions[0].function: {SLOW!r} took longer than 1 s to differentiate"
        " (fix: simplify the function)"
    ]


GRADIENT_CHECK = f"""\
id = "second"
title = "Second"
lesson = "More."

[[questions]]
id = "q"
kind = "plot"
prompt = "Pick h."
solution = "Around 1e-5."
plot = {{ chart = "gradient-check", function = "{SLOW}", at = "1", tolerance = 1e-6 }}
"""


def test_a_slow_gradient_check_reference_is_a_problem_of_its_question(
    tmp_path: Path, slow_service: JudgeService
) -> None:
    """The gradient-check chart's exact f'(at) is a reference derivative too."""
    folder = make_pack(tmp_path / "hostile")
    second = folder / "levels" / "02.toml"
    second.write_text(GRADIENT_CHECK, encoding="utf-8")
    report = validate_pack(folder, slow_service, samples=1, exhaustive_up_to=1)
    assert [str(problem) for problem in report.problems] == [
        f"{second}:10: questions[0].plot.function: {SLOW!r} took longer than 1 s to"
        " differentiate (fix: simplify the function)"
    ]


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        (
            "en",
            "(the answer took too long to work out; the pack's author can simplify this question)",
        ),
        ("bn", "(উত্তরটি বের করতে খুব বেশি সময় লাগল; প্যাকের লেখক প্রশ্নটি সহজ করতে পারেন)"),
    ],
)
def test_the_game_shows_a_notice_instead_of_freezing_on_a_slow_answer(
    tmp_path: Path, slow_service: JudgeService, language: str, notice: str
) -> None:
    """Opening the question used to freeze the game (Esc did nothing); now it takes the deadline."""
    from derivquest.content import instantiate

    folder = make_pack(tmp_path / "hostile")
    (folder / "levels" / "02.toml").write_text(LEVEL.replace("FUNCTION", SLOW), encoding="utf-8")
    loaded = load_pack(folder)
    assert loaded.pack is not None
    ref = loaded.pack.question("second", "q")
    assert ref is not None
    with checked_by(slow_service, keep_overruns=False):
        instance = instantiate(ref, "ana", language=language)
    assert instance.solution == f"It is `{notice}`."


def test_a_pack_that_exhausts_the_validator_does_not_stop_the_next_one(
    tmp_path: Path, judge_service: JudgeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last line of defence: whatever slips past the readers stays with its pack."""
    from derivquest.content import validate

    folder = make_pack(tmp_path / "hostile")
    real = validate._validate

    def exhausting(where: Path, *args: Any) -> validate.ValidationReport:
        if where == folder:
            raise RecursionError
        return real(where, *args)

    monkeypatch.setattr(validate, "_validate", exhausting)
    first = validate_pack(folder, judge_service)
    second = validate_pack(
        make_pack(tmp_path / "next"), judge_service, samples=1, exhaustive_up_to=1
    )
    assert [str(problem) for problem in first.problems] == [
        f"{folder}:1: the validator ran out of stack on this pack"
        " (fix: split the pack up, or simplify its math)"
    ]
    assert second.ok
