"""Help: the keys, and how to type answers, with examples (a modal over any screen)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_EN = """\
# Help

## Keys
| key | does |
|---|---|
| Enter | check the answer; once it is right or the solution shows, the next question |
| Ctrl+T | next hint |
| Ctrl+G | give up and see the worked solution |
| Ctrl+N | next question |
| Ctrl+L | read the level's lesson again (your answer waits) |
| Ctrl+O | the level's questions, to jump to one |
| 1-9 | choose an option (choice questions) |
| t g k a | charts (map): tangent, gradient descent, gradient check, activations |
| d r h s m | map: timed drill, review, drill history, skills, my mistakes |
| ← → ↓ ↑ | charts: move x0, x, h or w0; change h or lr |
| a | tangent chart: shrink h to 0 step by step |
| Space / r / Backspace | descent and 2-D bowl charts: one step / run 10 steps / start again |
| ↓ ↑ - (secant chart) | halve h / double h / take h to the other side of a |
| [ ] ← → (2-D bowl chart) | move the start point (w2, w1) |
| Esc | back |
| F1 / F2 | this help / settings |
| Ctrl+P | command palette: every command of the game |
| Ctrl+Q | quit (your progress is already saved) |

## Typing answers
| type | for |
|---|---|
| `3x^2 - 4x + 5` | powers with `^` (or `**`) |
| `15(3x+2)^4` | products without `*`: `2x`, `3(x+1)`, `(x+1)(x-1)` |
| `e^x(1+x)` | `e^x` times `(1+x)`: an exponent is one item |
| `e^(2x)` | put a longer exponent in brackets (`e^2x` is e²·x) |
| `e^-x`, `x^-2` | a minus right after `^` |
| `sin x`, `cos(2x)`, `sin^2 x` | functions, with or without brackets |
| `sqrt(x)`, `√x`, `abs(x)`, `|x|` | roots, absolute value |
| `ln x`, `log x` (natural), `log10 x`, `exp(x)` | logarithms and exponentials |
| `sigmoid(x)` or `σ(x)`, `tanh x`, `relu(x)` | the ML functions |
| `0.25`, `1/4`, `1e-3` | numbers (decimals are exact) |

Under the box you see your answer as DerivQuest reads it. If it shows something you did
not mean, add brackets.
"""

HELP_BN = """\
# সাহায্য

## Key
| key | কাজ |
|---|---|
| Enter | উত্তর যাচাই; ঠিক হলে বা সমাধান দেখালে পরের প্রশ্ন |
| Ctrl+T | পরের hint |
| Ctrl+G | হাল ছেড়ে সমাধান দেখা |
| Ctrl+N | পরের প্রশ্ন |
| Ctrl+L | level-এর পাঠ আবার পড়া (উত্তর যেমন ছিল থাকে) |
| Ctrl+O | এই level-এর প্রশ্নগুলো, যেকোনোটায় যেতে |
| 1-9 | option বাছাই (choice প্রশ্নে) |
| t g k a | chart (map-এ): tangent, gradient descent, gradient check, activations |
| d r h s m | map-এ: drill, review, drill-এর ইতিহাস, skill, আমার ভুলগুলো |
| ← → ↓ ↑ | chart-এ: x0, x, h বা w0 সরানো; h বা lr বদলানো |
| a | tangent chart: h ধাপে ধাপে 0-এর দিকে |
| Space / r / Backspace | gradient descent আর 2-D bowl chart: এক step / 10 step চালানো / আবার শুরু |
| ↓ ↑ - (secant chart) | h অর্ধেক / h দ্বিগুণ / h-কে a-র অন্য পাশে নেওয়া |
| [ ] ← → (2-D bowl chart) | শুরুর বিন্দু সরানো (w2, w1) |
| Esc | ফিরে যাওয়া |
| F1 / F2 | এই সাহায্য / settings |
| Ctrl+P | command palette: game-এর সব command |
| Ctrl+Q | বন্ধ করা (progress আগেই save হয়ে গেছে) |

## উত্তর লেখা
| লিখুন | মানে |
|---|---|
| `3x^2 - 4x + 5` | power-এর জন্য `^` (বা `**`) |
| `15(3x+2)^4` | `*` ছাড়া গুণ: `2x`, `3(x+1)`, `(x+1)(x-1)` |
| `e^x(1+x)` | `e^x` গুণ `(1+x)`: exponent একটাই জিনিস |
| `e^(2x)` | বড় exponent bracket-এ রাখুন (`e^2x` মানে e²·x) |
| `e^-x`, `x^-2` | `^`-এর ঠিক পরে minus |
| `sin x`, `cos(2x)`, `sin^2 x` | function, bracket সহ বা ছাড়া |
| `sqrt(x)`, `√x`, `abs(x)`, `|x|` | root, absolute value |
| `ln x`, `log x` (natural), `log10 x`, `exp(x)` | logarithm ও exponential |
| `sigmoid(x)` বা `σ(x)`, `tanh x`, `relu(x)` | ML-এর function |
| `0.25`, `1/4`, `1e-3` | সংখ্যা (decimal হুবহু ধরা হয়) |

Box-এর নিচে দেখবেন DerivQuest আপনার উত্তর কীভাবে পড়ছে। যা বোঝাতে চেয়েছেন তা না দেখালে
bracket যোগ করুন।
"""


class HelpScreen(ModalScreen[None]):
    """Keys and answer syntax; Esc closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "close", id="help.close"),
        Binding("q", "dismiss", "close", show=False, id="help.close_q"),
    ]

    def __init__(self, language: str = "en") -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            text = HELP_BN if self.language == "bn" else HELP_EN
            if self.app.is_web:  # `derivquest web`: the browser keeps Ctrl+T, Ctrl+N...
                from derivquest.ui.web_keymap import web_help

                text = web_help(text)
            yield Markdown(text)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
