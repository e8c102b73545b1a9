"""The validator's checks of graph questions: rows with file:line, one per problem and place.

Through the common validator (`derivquest pack validate`): a pack folder is written per case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.content import validate_pack
from derivquest.engine import JudgeService
from tests.unit.kinds.graph.graphs import PACK

HEADER = """id = "lvl"
title = "Level"
lesson = "Lesson"

[[questions]]
id = "q"
kind = "graph"
prompt = "Fill it in."
solution = "That."
"""

GOOD = """
[[questions.nodes]]
id = "x"
op = "param"
value = 2
ask = ["grad"]

[[questions.nodes]]
id = "L"
op = "square"
inputs = ["x"]
"""


MANIFEST = """format_version = 1
id = "pack"
title = "Pack"
author = "Tests"
version = "1.0.0"
languages = [{languages}]
levels = ["level.toml"]
"""


def _check(
    service: JudgeService, tmp_path: Path, body: str, languages: tuple[str, ...] = ("en",)
) -> list[str]:
    listed = ", ".join(f'"{language}"' for language in languages)
    (tmp_path / "pack.toml").write_text(MANIFEST.format(languages=listed), encoding="utf-8")
    (tmp_path / "level.toml").write_text(HEADER + body, encoding="utf-8")
    report = validate_pack(tmp_path, service)
    return [str(problem) for problem in report.problems]


def _line(body: str, needle: str, occurrence: int = 0) -> int:
    """The 1-based line of the `occurrence`-th `needle` in the level file `_check` writes."""
    lines = (HEADER + body).splitlines()
    return [i for i, line in enumerate(lines) if line == needle][occurrence] + 1


def _chain_node(k: int) -> str:
    """The k-th node of a long chain n0 = tanh(x), n1 = tanh(n0), ..."""
    source = f"n{k - 1}" if k else "x"
    return f'\n[[questions.nodes]]\nid = "n{k}"\nop = "tanh"\ninputs = ["{source}"]\n'


NODE = "[[questions.nodes]]"
"""A node's header line: where rules about the whole node point."""


# body, a line of it the problem must point at, words the message must have
CASES = [
    pytest.param(
        GOOD.replace('op = "square"', 'op = "sqare"'),
        'op = "sqare"',
        ["unknown op 'sqare'", "did you mean square?"],
        id="unknown-op",
    ),
    pytest.param(
        GOOD + '\n[[questions.nodes]]\nid = "y"\nop = "tanh"\ninputs = ["z"]\n\n'
        '[[questions.nodes]]\nid = "z"\nop = "exp"\ninputs = ["y"]\n',
        'inputs = ["y"]',
        ["cycle", "z -> y -> z"],
        id="cycle",
    ),
    pytest.param(
        GOOD.replace('inputs = ["x"]', 'inputs = ["L"]'),
        'inputs = ["L"]',
        ["'L' reads itself"],
        id="self-loop",
    ),
    pytest.param(
        GOOD + '\n[[questions.nodes]]\nid = "lone"\nop = "param"\nvalue = 1\n',
        'id = "lone"',
        ["'lone' does not lead to the output 'L'"],
        id="unread-param",
    ),
    pytest.param(
        GOOD + '\n[[questions.nodes]]\nid = "M"\nop = "exp"\ninputs = ["x"]\n',
        NODE,
        ["2 nodes that nothing reads (L, M)", "set output"],
        id="two-outputs",
    ),
    pytest.param(
        'output = "M"\n' + GOOD + '\n[[questions.nodes]]\nid = "lone"\nop = "param"\nvalue = 1\n'
        '\n[[questions.nodes]]\nid = "M"\nop = "add"\ninputs = ["L", "x"]\n',
        'id = "lone"',
        ["'lone' does not lead to the output 'M'", "no gradient reaches it"],
        id="unreachable",
    ),
    pytest.param(
        GOOD.replace('inputs = ["x"]', 'inputs = ["xx"]'),
        'inputs = ["xx"]',
        ["reads 'xx', which is not a node", "did you mean x?"],
        id="unknown-input",
    ),
    pytest.param(
        GOOD.replace('inputs = ["x"]', 'inputs = ["x", "x"]'),
        'inputs = ["x", "x"]',
        ["square takes 1 inputs, not 2"],
        id="arity",
    ),
    pytest.param(
        GOOD.replace("value = 2", 'value = "{v}"'),
        'value = "{v}"',
        ["unknown placeholder {v}"],
        id="unknown-placeholder",
    ),
    pytest.param(
        GOOD.replace('op = "square"', 'op = "div"')
        .replace('inputs = ["x"]', 'inputs = ["x", "x"]')
        .replace("value = 2", "value = 0"),
        'inputs = ["x", "x"]',
        ["'L' divides 0 by zero"],
        id="division-by-zero",
    ),
    pytest.param(
        GOOD.replace('op = "square"', 'op = "relu"').replace("value = 2", "value = 0"),
        'inputs = ["x"]',
        ["relu 'L' is exactly 0"],
        id="relu-kink",
    ),
    pytest.param(
        GOOD.replace('op = "square"', 'op = "pow"\nexponent = 0.5').replace(
            "value = 2", "value = -4"
        ),
        'inputs = ["x"]',
        ["raises -4 to a power"],
        id="pow-domain",
    ),
    pytest.param(
        GOOD.replace('inputs = ["x"]', 'inputs = ["n8"]') + "".join(map(_chain_node, range(9))),
        NODE,
        ["the graph is 11 columns × 1 rows", "at most 7 columns × 4 rows"],
        id="too-wide",
    ),
    pytest.param(
        GOOD.replace('op = "square"', 'op = "exp"').replace("value = 2", "value = 1000"),
        'inputs = ["x"]',
        ["'L' is astronomically large"],
        id="too-large",
    ),
    pytest.param(
        GOOD.replace('op = "square"', 'op = "tanh"\nvalue = 3'),
        (NODE, 1),
        ["'L' is an operation: its value is computed"],
        id="value-on-an-op",
    ),
    pytest.param(
        GOOD.replace('ask = ["grad"]', 'ask = ["value"]'),
        (NODE, 0),
        ["the value of param node 'x' is given"],
        id="asked-given-value",
    ),
    pytest.param(
        GOOD.replace('op = "square"', 'op = "square"\ncolour = "red"'),
        'colour = "red"',
        ["unknown field 'colour'"],
        id="unknown-key",
    ),
]


@pytest.mark.parametrize(("body", "at", "words"), CASES)
def test_problem_rows(
    judge_service: JudgeService,
    tmp_path: Path,
    body: str,
    at: str | tuple[str, int],
    words: list[str],
) -> None:
    rows = _check(judge_service, tmp_path, body)
    matching = [row for row in rows if all(word in row for word in words)]
    assert matching, rows
    line = _line(body, at) if isinstance(at, str) else _line(body, *at)
    assert f"level.toml:{line}:" in matching[0]


def test_a_randomised_log_of_a_negative_names_the_values(
    judge_service: JudgeService, tmp_path: Path
) -> None:
    body = (
        GOOD.replace('op = "square"', 'op = "log"').replace("value = 2", 'value = "{v}"')
    ).replace(
        '[[questions.nodes]]\nid = "x"',
        'params = { v = { min = -1, max = 2 } }\n\n[[questions.nodes]]\nid = "x"',
        1,
    )
    rows = _check(judge_service, tmp_path, body)
    assert len(rows) == 1, rows  # reported once, not once per variant
    assert "'L' takes the log of" in rows[0] and "(with v = " in rows[0]
    assert f"level.toml:{_line(body, 'inputs = [' + chr(34) + 'x' + chr(34) + ']')}:" in rows[0]


def test_missing_bengali_hint_is_reported(judge_service: JudgeService, tmp_path: Path) -> None:
    body = GOOD.replace('ask = ["grad"]', 'ask = ["grad"]\nhint = "Think."')
    rows = _check(judge_service, tmp_path, body, ("en", "bn"))
    assert any(
        "no bn text" in row and f":{_line(body, 'hint = ' + chr(34) + 'Think.' + chr(34))}:" in row
        for row in rows
    ), rows


def test_good_graph_has_no_problem(judge_service: JudgeService, tmp_path: Path) -> None:
    assert _check(judge_service, tmp_path, GOOD) == []


@pytest.mark.parametrize(("body", "at", "words"), CASES[:4])
def test_a_broken_shape_is_reported_once(
    judge_service: JudgeService,
    tmp_path: Path,
    body: str,
    at: str | tuple[str, int],
    words: list[str],
) -> None:
    """Its variants cannot be built: the structure row says why, no variant row repeats it."""
    assert len(_check(judge_service, tmp_path, body)) == 1


def test_example_pack_is_clean(judge_service: JudgeService) -> None:
    assert validate_pack(PACK, judge_service).problems == ()
