"""Parsed CSS shared by every app in the process: a game forked from the zygote parses none.

Textual keeps each stylesheet's parsed rules in a cache of that stylesheet, so every game
parses the theme file and each widget's default CSS again (about 30 ms of a login), and
re-parses all of it in a fresh stylesheet whenever a screen brings its own CSS. The parse
depends only on the text, where it came from, its priority, its scope and the theme's
variables, so one cache keyed on all of them gives the same rules. Rule sets are never
changed after parsing (Textual's own cache already hands the same ones out again).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

_SIZE = 1024
"""Parsed sources kept: a game has about 60 (theme, screens, widgets) per colour theme."""

_parsed: LRUCache[Hashable, dict[int, list[RuleSet]]] = LRUCache(_SIZE)
"""Each source's rules by tie-breaker; parsed once at tie-breaker 1 (see `_at_tie_breaker`)."""
_installed = False


def _variables_key(stylesheet: Stylesheet) -> Hashable:
    """The stylesheet's variables as a key, made once per variables mapping it is given."""
    variables: dict[str, str] = stylesheet._variables
    memo: tuple[int, Hashable] | None = getattr(stylesheet, "_dq_variables_key", None)
    if memo is None or memo[0] != id(variables):
        memo = (id(variables), frozenset(variables.items()))
        stylesheet._dq_variables_key = memo  # type: ignore[attr-defined]
    return memo[1]


def _at_tie_breaker(rules: list[RuleSet], tie_breaker: int) -> list[RuleSet]:
    """Rules parsed at tie-breaker 1, as parsed at `tie_breaker`.

    A rule nested k levels deep gets (k + 1) times the source's tie-breaker.
    """
    return [replace(rule, tie_breaker=rule.tie_breaker * tie_breaker) for rule in rules]


def share_parsed_css() -> None:
    """Make every stylesheet in this process look up and keep parsed CSS in one cache."""
    global _installed
    if _installed:
        return
    _installed = True
    parse_own = Stylesheet._parse_rules

    def parse_shared(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        # A widget's CSS is added with a tie-breaker from the depth of the class that brought
        # it first, which depends on the order widgets mount in (a returning player's game
        # mounts the question before the map): the cache keeps one parse for every depth.
        key = (css, read_from, is_default_rules, scope, _variables_key(self))
        found = _parsed.get(key)
        if found is None:  # errors raise and are not kept, as in Textual's cache
            found = {1: parse_own(self, css, read_from, is_default_rules, 1, scope)}
            _parsed[key] = found
        rules = found.get(tie_breaker)
        if rules is None:
            rules = found[tie_breaker] = _at_tie_breaker(found[1], tie_breaker)
        return rules

    setattr(Stylesheet, "_parse_rules", parse_shared)  # noqa: B010 - a method, replaced once


def parsed_count() -> int:
    """How many parsed sources the shared cache holds (tests and the zygote's log)."""
    return len(_parsed)
