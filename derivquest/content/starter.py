"""The commented starter pack `derivquest pack new` writes (it validates as it is)."""

from __future__ import annotations

from pathlib import Path

MANIFEST = """\
# A DerivQuest pack: this manifest plus one TOML file per level.
# The teacher's guide is docs/authoring.md; check your work with
#   derivquest pack validate __FOLDER__
format_version = 1
id = "__ID__"            # never rename it once players have progress in it
title = "__TITLE__"
author = "Your name"
version = "0.1.0"
# Every text must exist in each language listed here. To add Bengali, list "bn" and write
# texts as tables: title = { en = "Chain rule", bn = "..." }
languages = ["en"]
description = "What this pack teaches, in a sentence or two."
levels = [               # in the order players meet them
  "levels/01-first-steps.toml",
]
"""

LEVEL = '''\
# One level: a short lesson, then questions. Math inside texts goes in backticks, written
# the way players type it.
id = "first-steps"       # unique in the pack; progress is stored under it
title = "First steps"
requires = []            # ids of levels to finish first; empty means open from the start
skills = ["power-rule"]
lesson = """
The power rule: the derivative of `x^n` is `n*x^(n - 1)`.
Bring the exponent down as a factor, then lower it by one.
"""

# A derivative question. The engine works out the expected answer itself.
[[questions]]
id = "power"
kind = "derivative"
prompt = "Differentiate `f(x) = x^{n}`."
function = "x^{n}"       # {n} is a parameter: each player gets their own n (below)
hints = ["Bring the exponent down in front, then subtract one from it."]
solution = "`{n}x^({n} - 1)`, that is {answer}."
# Notes for specific wrong answers, matched by mathematical equivalence.
feedback = [
  { answer = "x^({n} - 1)", text = "Close: the old exponent stays in front as a factor." },
]

[questions.params]
n = { min = 2, max = 9 } # a whole number from 2 to 9

# A number, checked within a tolerance. Players may type 12, 12.0 or 3*4.
[[questions]]
id = "slope-at-two"
kind = "numeric"
prompt = "What is the slope of `x^3` at x = 2?"
expected = "3*2^2"
abs_tol = 0.001
solution = "f'(x) = `3x^2`, so f'(2) = `3*4` = 12."

# Multiple choice: players press the option's number. Exactly one is correct.
[[questions]]
id = "constant"
kind = "choice"
prompt = "What is the derivative of a constant, such as 7?"
solution = "A constant never changes, so its rate of change is 0."
options = [
  { text = "0", correct = true, explanation = "Right: a flat line has slope 0." },
  { text = "7", explanation = "That is the value, not how fast it changes." },
  { text = "1", explanation = "The slope of `x` is 1; a constant does not grow at all." },
]
'''


def title_from_id(pack_id: str) -> str:
    """Return a readable title for an id: `calculus-basics` -> `Calculus basics`."""
    words = pack_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def write_starter(folder: Path, pack_id: str) -> list[Path]:
    """Write the starter pack into `folder` (which must not exist); return the files written.

    Raises:
        FileExistsError: `folder` exists already.
    """
    folder.mkdir(parents=True, exist_ok=False)
    manifest = (
        MANIFEST.replace("__ID__", pack_id)
        .replace("__TITLE__", title_from_id(pack_id))
        .replace("__FOLDER__", str(folder))
    )
    files = {folder / "pack.toml": manifest, folder / "levels" / "01-first-steps.toml": LEVEL}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
