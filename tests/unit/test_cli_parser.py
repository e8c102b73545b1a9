"""The command line's parser is built once per process and parses each game afresh."""

from __future__ import annotations

from pathlib import Path

from derivquest import cli


def test_the_parser_is_built_once() -> None:
    assert cli.shared_parser() is cli.shared_parser()


def test_one_games_arguments_never_reach_the_next() -> None:
    # The classroom server's zygote builds the parser before forking every game: a `--pack`
    # list kept from one parse would load one student's packs into the next one's game.
    first = cli.shared_parser().parse_args(["--pack", "a", "--lang", "bn", "--profile", "ana"])
    second = cli.shared_parser().parse_args(["--profile", "bo"])
    assert (first.pack, first.lang, first.profile) == ([Path("a")], "bn", "ana")
    assert (second.pack, second.lang, second.profile) == ([], None, "bo")
