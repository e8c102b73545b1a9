"""The map's level list: keys, Enter, the mouse, the details beside it, scrolling, colours
and Bengali widths; it moves and draws as Textual's Tree did, at a fraction of the cost."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.color import Color
from rich.style import Style
from textual.app import App
from textual.strip import Strip

from derivquest.content import load_catalog
from derivquest.game.model import LevelEntry, PackEntry
from derivquest.ui.glyphs import glyphs
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.strings import t
from derivquest.ui.widgets.level_list import LevelList, Row
from tests.ui.conftest import GAME_PACK, AppFactory
from tests.ui.helpers import shown, to_map

THEME = Path(__file__).parents[2] / "derivquest" / "ui" / "theme.tcss"


def level(
    name: str, *, locked: bool = False, solved: int = 0, stars: int = 0, total: int = 4
) -> LevelEntry:
    completed = stars > 0
    return LevelEntry(
        pack_id="p",
        level_id=name,
        title=f"Level {name}",
        locked=locked,
        missing=("Level a1",) if locked else (),
        solved=total if completed else solved,
        total=total,
        stars=stars,
        completed=completed,
    )


PACKS = [
    PackEntry(
        "p", "Alpha", (level("a1", stars=3), level("a2", solved=1), level("a3", locked=True))
    ),
    PackEntry("q", "Beta", (level("b1", locked=True), level("b2", locked=True))),
]
"""Lines: 0 Alpha, 1 a1 (done), 2 a2 (open: the cursor starts here), 3 a3, 4 Beta, 5 b1, 6 b2."""


class MapApp(App[None]):
    """The map screen alone, over made-up packs; it records the levels the player opens."""

    CSS_PATH = THEME

    def __init__(self, packs: list[PackEntry]) -> None:
        super().__init__()
        self.packs = packs
        self.chosen: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(CourseMapScreen(self.packs, []))

    def on_course_map_screen_level_chosen(self, event: CourseMapScreen.LevelChosen) -> None:
        self.chosen.append(event.entry.level_id)


def level_list(app: App[None]) -> LevelList:
    return app.screen.query_one("#map-tree", LevelList)


def titled(app: App[None]) -> str:
    """The title of the highlighted line's level, or the pack's title on a pack's line."""
    widget = level_list(app)
    row = widget.rows[widget.cursor_line]
    return row.entry.title if row.entry is not None else widget.packs[row.pack].title


@pytest.mark.parametrize(
    ("keys", "line"),
    [
        ((), 2),
        (("up",), 1),
        (("up", "up"), 0),  # the pack's own line is visited, as in the Tree
        (("up", "up", "up"), 0),
        (("down",), 3),
        (("down", "down"), 4),
        (("down",) * 9, 6),
        (("end",), 6),
        (("end", "home"), 0),
        (("pagedown",), 6),  # taller than the list: a page goes to the end
        (("pageup",), 0),
        (("end", "up"), 5),
        (("space", "down"), 3),  # space on a level does nothing
    ],
)
async def test_keys_move_the_cursor_over_the_lines(keys: tuple[str, ...], line: int) -> None:
    app = MapApp(PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert level_list(app).cursor_line == line


async def test_an_empty_list_takes_every_key() -> None:
    """No pack loaded (they all failed): the keys and a click change nothing, and say nothing."""
    app = MapApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "up", "end", "home", "pagedown", "pageup", "enter", "space")
        await pilot.click("#map-tree", offset=(2, 0))
        await pilot.pause()
        assert level_list(app).cursor_line == -1 and app.chosen == []
        assert shown(app, "#level-details") == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keys", "chosen"),
    [
        (("enter",), ["a2"]),  # open and unfinished
        (("up", "enter"), ["a1"]),  # completed levels open again
        (("down", "enter"), []),  # locked: nothing happens
        (("end", "enter"), []),
        (("home", "down", "enter"), ["a1"]),
    ],
)
async def test_enter_opens_unlocked_levels_only(keys: tuple[str, ...], chosen: list[str]) -> None:
    app = MapApp(PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.chosen == chosen
        assert isinstance(app.screen, CourseMapScreen)


async def test_enter_on_a_pack_folds_and_unfolds_it() -> None:
    app = MapApp(PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = level_list(app)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert [row.entry is None for row in widget.rows] == [True, True, False, False]
        assert widget.cursor_line == 0 and widget.virtual_size.height == 4
        assert widget.render_line(0).text.startswith("▶ Alpha")
        await pilot.press("down", "down")  # Beta, then its first level
        assert titled(app) == "Level b1"
        await pilot.press("home", "space")  # space unfolds too
        await pilot.pause()
        assert len(widget.rows) == 7 and widget.render_line(0).text.startswith("▼ Alpha")
        assert app.chosen == []


@pytest.mark.parametrize(
    ("packs", "title"),
    [
        (PACKS, "Level a2"),
        ([PackEntry("p", "P", (level("x", stars=1), level("y", stars=2)))], None),
        ([PackEntry("p", "P", (level("x", locked=True),)), PACKS[0]], "Level a2"),
        ([PackEntry("p", "P", (level("x", stars=1), level("y", solved=0)))], "Level y"),
    ],
)
async def test_the_cursor_starts_at_the_first_open_level_not_completed(
    packs: list[PackEntry], title: str | None
) -> None:
    app = MapApp(packs)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = level_list(app)
        if title is None:  # every level completed: no cursor (as the Tree), no details
            assert widget.cursor_line == -1 and shown(app, "#level-details") == ""  # type: ignore[arg-type]
        else:
            assert titled(app) == title
            assert shown(app, "#level-details").startswith(title)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keys", "details"),
    [
        ((), "Level a2\n" + t("map.progress", "en", done=1, total=4) + "\n"),
        (("up",), "Level a1\n" + t("map.progress", "en", done=4, total=4) + "\n★★★"),
        (("down",), "Level a3\n" + t("map.locked", "en", levels="Level a1")),
        (("up", "up"), ""),
        (("end",), "Level b2\n" + t("map.locked", "en", levels="Level a1")),
    ],
)
async def test_the_details_follow_the_cursor(keys: tuple[str, ...], details: str) -> None:
    app = MapApp(PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert shown(app, "#level-details") == details  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "chosen", "cursor"),
    [(1, ["a1"], 1), (2, ["a2"], 2), (3, [], 3), (5, [], 5), (9, [], 2)],
)
async def test_a_click_selects_the_line(line: int, chosen: list[str], cursor: int) -> None:
    app = MapApp(PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#map-tree", offset=(10, line))
        await pilot.pause()
        assert app.chosen == chosen
        assert level_list(app).cursor_line == cursor


async def test_a_click_on_a_packs_mark_folds_it_and_leaves_the_cursor() -> None:
    app = MapApp(PACKS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = level_list(app)
        await pilot.click("#map-tree", offset=(0, 4))  # Beta's ▼
        await pilot.pause()
        assert len(widget.rows) == 5 and titled(app) == "Level a2"
        await pilot.click("#map-tree", offset=(0, 0))  # Alpha's ▼: the cursor's level goes
        await pilot.pause()
        assert widget.rows == [Row(0, None), Row(1, None)] and widget.cursor_line == 0
        assert shown(app, "#level-details") == ""  # type: ignore[arg-type]
        await pilot.click("#map-tree", offset=(8, 0))  # the title: unfolds, opens nothing
        await pilot.pause()
        assert len(widget.rows) == 5 and app.chosen == []


def background(strip: Strip) -> set[object]:
    return {segment.style.bgcolor for segment in strip if segment.style is not None}


async def test_hover_highlights_the_line_or_a_whole_pack(make_game: AppFactory) -> None:
    """The test pack: 0 its title, 1 First steps (the cursor), 2 Second level."""
    app = make_game(theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        widget = level_list(app)
        plain = [background(widget.render_line(y)) for y in range(3)]
        await pilot.hover("#map-tree", offset=(10, 2))
        await pilot.pause()
        assert widget.hover_line == 2
        hovered = [background(widget.render_line(y)) for y in range(3)]
        assert hovered[:2] == plain[:2]
        assert hovered[2] != plain[2] and len(hovered[2]) == 1  # one background: the hover's
        await pilot.hover("#map-tree", offset=(5, 0))  # the pack's line: all of its lines
        await pilot.pause()
        assert background(widget.render_line(0)) == background(widget.render_line(2)) == hovered[2]
        assert hovered[2] < background(widget.render_line(1)) != plain[1]  # and the cursor's
        await pilot.hover("#level-details")
        await pilot.pause()
        assert widget.hover_line == -1
        assert [background(widget.render_line(y)) for y in range(3)] == plain


async def test_the_full_course_scrolls_at_80x24(make_game: AppFactory) -> None:
    catalog = load_catalog(extra=[GAME_PACK], user=False, entry_points=False)
    app = make_game(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        widget = level_list(app)
        height = widget.scrollable_content_region.height
        assert len(widget.rows) > height and widget.scroll_offset.y == 0
        for keys, line in ((("end",), len(widget.rows) - 1), (("pageup",), 3), (("home",), 0)):
            await pilot.press(*keys)
            await pilot.pause()
            assert widget.cursor_line == line
            top = widget.scroll_offset.y
            assert top <= line < top + height, (keys, top)
        await pilot.press("end")
        await pilot.pause()
        assert widget.scroll_offset.y == len(widget.rows) - height
        assert widget.render_line(height - 1).text.startswith(f"└── {glyphs().lock} Second level")
        await pilot.press(*["up"] * height)
        await pilot.pause()
        assert widget.scroll_offset.y == widget.cursor_line == len(widget.rows) - 1 - height


def emitted(widget: LevelList, y: int) -> Strip:
    """Line ``y`` as the terminal gets it: after the app's filters (NO_COLOR's among them)."""
    strip = widget.render_line(y)
    for line_filter in widget.get_line_filters():
        strip = strip.apply_filter(line_filter, widget.background_colors[1])
    return strip


def explicit(colour: Color | None) -> bool:
    return colour is not None and not colour.is_default


async def test_without_colour_the_cursor_is_reverse_and_nothing_is_coloured(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test pack: 0 its title, 1 First steps (the cursor), 2 Second level."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        widget = level_list(app)
        assert app.no_color and widget.has_focus
        lines = [list(emitted(widget, y)) for y in range(widget.size.height)]
        styles = [segment.style or Style() for line in lines for segment in line]
        assert not [s for s in styles if explicit(s.color) or explicit(s.bgcolor)], styles
        reverse = ["".join(s.text for s in line if s.style and s.style.reverse) for line in lines]
        assert reverse[1] == " 0/3 First steps"  # the label, as the Tree marked it
        assert not any(reverse[:1] + reverse[2:])
        title = [s for s in lines[0] if s.text == "Test course"]
        assert title and all(s.style and s.style.bold for s in title)  # a pack's title: bold


def cells(text: str) -> int:
    """A terminal's width for ``text`` (wcwidth), counted apart from the game's code."""
    width = 0
    for character in text:
        if unicodedata.category(character) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


async def test_bengali_titles_keep_every_line_its_width(make_game: AppFactory) -> None:
    app = make_game(catalog=load_catalog(user=False, entry_points=False), language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        widget = level_list(app)
        titles = [row.entry.title for row in widget.rows if row.entry is not None]
        assert any(any(unicodedata.category(c) == "Mc" for c in title) for title in titles)
        details = app.screen.query_one("#level-details")
        assert widget.region.right <= details.region.x  # the list never runs into the details
        for y in range(widget.size.height):
            line = widget.render_line(y)
            assert line.cell_length == widget.size.width
            assert cells(line.text) == widget.size.width, line.text
        for keys in (("right",) * 10, ("end",)):  # scrolled sideways, and to the end
            await pilot.press(*keys)
            await pilot.pause()
            assert widget.scroll_offset.x == widget.max_scroll_x > 0  # Right shows wide titles
            for y in range(widget.size.height):
                assert cells(widget.render_line(y).text) == widget.size.width


async def test_each_line_is_drawn_once_while_the_map_settles(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[tuple[Row, bool, bool, int]] = []
    strip = LevelList._strip

    def counted(widget: LevelList, row: Row, cursor: bool, hovered: bool, pad: int) -> Strip:
        built.append((row, cursor, hovered, pad))
        return strip(widget, row, cursor, hovered, pad)

    monkeypatch.setattr(LevelList, "_strip", counted)
    app = make_game(catalog=load_catalog(user=False, entry_points=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        widget = level_list(app)
        assert len(built) == len(set(built)) == len(widget.rows), built
        await pilot.press("down")
        await pilot.pause()
        # Moving the cursor draws the two lines it left and reached, nothing else.
        assert len(built) == len(widget.rows) + 2
