"""The catalogue of engine and content error messages, in English and Bengali.

An ``EngineError`` (and an ``invalid`` verdict made from one) carries a message id from here
and its parameters, so the presenter can write it in the player's language; the English
text is also kept on the error for logs, the CLI and authors' reports. Ids are stable; a
test keeps both languages complete and their placeholders equal.
"""

from __future__ import annotations

from collections.abc import Iterable

PREFIX = "error."
"""Every error id starts with this, so it never collides with a verdict sentence id."""

ERRORS: dict[str, dict[str, str]] = {
    "en": {
        # -- reading what was typed --
        "error.empty": "type an expression, for example 2x + 1",
        "error.too-long": "the answer is too long: {count} characters (at most {limit})",
        "error.unexpected-character": "unexpected character {char} at column {column}",
        "error.unexpected-token": "unexpected {token} at column {column}",
        "error.unexpected-underscore": "unexpected '_' at column {column}: '_' only gives a "
        "log its base, as in log_2(x)",
        "error.ends-early": "the expression ends too early at column {column}: expected a "
        "number, a name or '('",
        "error.ends-after-opening": "the expression ends after the '{opening}' at column "
        "{column}: write what goes inside, then '{closer}'",
        "error.missing-closer": "missing '{closer}' to close the '{opening}' at column {column}",
        "error.missing-bar": "missing '|' to close the '|' at column {column}",
        "error.comma": "unexpected ',' at column {column}: functions take one argument",
        "error.missing-operator": "missing operator before {token} at column {column} (write "
        "* between numbers, or the number first: 2x)",
        "error.malformed-number": "malformed number at column {column}",
        "error.number-exponent": "number too large at column {column}: exponents above "
        "{limit} are not accepted",
        "error.number-digits": "number too long at column {column}: at most {limit} digits",
        "error.superscript-sign": "superscript sign without digits at column {column}",
        "error.superscript-large": "exponent too large at column {column}",
        "error.power-too-large": "number too large: that power has too many digits to compute",
        "error.power-too-large-at": "number too large at column {column}: that power has too "
        "many digits to compute",
        "error.too-many-digits": "number too large: it has too many digits to compute; try a "
        "simpler form",
        "error.nested": "the expression is nested too deeply (more than {limit} levels) at "
        "column {column}",
        "error.nested-deep": "the expression is nested too deeply",
        "error.undefined-everywhere": "this expression divides by zero or is undefined everywhere",
        "error.not-real": "this expression is not a real number (a root of a negative?)",
        "error.did-you-mean": "did you mean {guess}? ({piece}) at column {column}",
        "error.unknown-function": "unknown function {piece} at column {column}: see the help "
        "for the functions DerivQuest knows",
        "error.unknown-name": "unknown name {piece}: this question uses {names} (column {column})",
        "error.unknown-name-number": "unknown name {piece}: the answer is a number (column "
        "{column})",
        "error.unknown-bare-name": "unknown name {piece}",
        "error.needs-argument": "{name} needs an argument at column {column}, as in {example}(x)",
        "error.function-power": "after {name}^ write a whole number, as in {name}^2(x), or put "
        "the function in brackets: ({name}(x))^y",
        "error.log-base-missing": "after {name}_ write the base at column {column}, as in log_2(x)",
        "error.log-base-invalid": "a logarithm's base must be positive and not 1 (column {column})",
        "error.root-index": "the n of {command}[n] must be a whole number from 2 to {limit} "
        "(column {column})",
        "error.braces": "{command} needs its {part} in braces at column {column}, as in "
        "{command}{{1}}{{x}}",
        "error.latex-lone-backslash": "a lone '\\' at column {column}: write a command such as "
        "\\frac",
        "error.latex-unknown": "unknown LaTeX command \\{name} at column {column}",
        "error.latex-operatorname": "after {command} write a name in braces, as in "
        "\\operatorname{{relu}} (column {column})",
        "error.partial": "∂ only goes before '=', as in ∂L/∂w = ... (column {column}); type the "
        "answer after it",
        "error.second-equals": "a second '=' at column {column}: type one answer, as in dy/dx = 2x",
        "error.bad-label": "before '=' write the derivative (dy/dx, y', f'(x), ∂L/∂w) or leave "
        "it out (column {column})",
        "error.label-variable": "you wrote {label} but {variable} is not a variable here: this "
        "question uses {names} (column {column})",
        "error.label-variable-number": "you wrote {label} but {variable} is not a variable "
        "here: the answer is a number (column {column})",
        "error.after-equals": "type the answer after '=' (column {column})",
        "error.variable-name": "{name} cannot be a variable name (use letters, not a function)",
        # -- computing --
        "error.deadline": "that took longer than {seconds} s to work out",
        "error.no-value-given": "no value given for {names}",
        "error.no-real-value": "{text} has no real value at {where}",
        "error.expected-broken": "the expected answer {text} is broken: {problem}",
        "error.chart-too-large": "that function is too large to draw; try a simpler one",
        "error.chart-program": "malformed chart program ({detail})",
        "error.chart-cannot-draw": "a chart cannot draw {what}; try another function",
        "error.chart-one-variable": "a chart draws functions of {variable} only",
        # -- the checker process (for engine/service.py and worker.py to adopt) --
        "error.checker-cannot-start": "the answer checker could not start; try again",
        "error.checker-too-big": "that expression is too large to check; try a simpler form "
        "of your answer",
        "error.checker-too-slow": "that took too long to check (over {seconds} s); try a "
        "simpler form of your answer",
        "error.checker-nested": "that expression is nested too deeply to check",
        "error.checker-failed": "the checker failed on this input ({kind})",
        # -- content --
        "error.choice-number": "type the number of an option, from 1 to {count}",
        "error.not-a-position": "{answer} is not a position on the chart",
    },
    "bn": {
        "error.empty": "একটা রাশি লিখুন, যেমন 2x + 1",
        "error.too-long": "উত্তরটা খুব লম্বা: {count}টি অক্ষর (সর্বোচ্চ {limit})",
        "error.unexpected-character": "{column} নম্বর কলামে অপ্রত্যাশিত অক্ষর {char}",
        "error.unexpected-token": "{column} নম্বর কলামে অপ্রত্যাশিত {token}",
        "error.unexpected-underscore": "{column} নম্বর কলামে অপ্রত্যাশিত '_': '_' শুধু log-এর "
        "ভিত্তি (base) দেয়, যেমন log_2(x)",
        "error.ends-early": "রাশিটা {column} নম্বর কলামে আগেভাগেই শেষ হয়ে গেছে: একটা সংখ্যা, "
        "নাম বা '(' দরকার ছিল",
        "error.ends-after-opening": "{column} নম্বর কলামের '{opening}'-এর পরেই রাশিটা শেষ: "
        "ভেতরে কী আছে লিখুন, তারপর '{closer}'",
        "error.missing-closer": "{column} নম্বর কলামের '{opening}' বন্ধ করার '{closer}' নেই",
        "error.missing-bar": "{column} নম্বর কলামের '|' বন্ধ করার '|' নেই",
        "error.comma": "{column} নম্বর কলামে অপ্রত্যাশিত ',': function একটাই argument নেয়",
        "error.missing-operator": "{column} নম্বর কলামে {token}-এর আগে operator নেই (সংখ্যার "
        "মাঝে * লিখুন, অথবা সংখ্যাটা আগে: 2x)",
        "error.malformed-number": "{column} নম্বর কলামের সংখ্যাটা ঠিকমতো লেখা হয়নি",
        "error.number-exponent": "{column} নম্বর কলামের সংখ্যাটা খুব বড়: {limit}-এর বেশি exponent চলবে না",
        "error.number-digits": "{column} নম্বর কলামের সংখ্যাটা খুব লম্বা: সর্বোচ্চ {limit}টি অঙ্ক",
        "error.superscript-sign": "{column} নম্বর কলামে superscript চিহ্নের পরে কোনো অঙ্ক নেই",
        "error.superscript-large": "{column} নম্বর কলামের exponent খুব বড়",
        "error.power-too-large": "সংখ্যাটা খুব বড়: এই ঘাতের (power) এত অঙ্ক যে হিসাব করা যায় না",
        "error.power-too-large-at": "{column} নম্বর কলামের সংখ্যাটা খুব বড়: এই ঘাতের (power) এত "
        "অঙ্ক যে হিসাব করা যায় না",
        "error.too-many-digits": "সংখ্যাটা খুব বড়: এত অঙ্ক হিসাব করা যায় না; আরও সহজ রূপে লিখুন",
        "error.nested": "রাশিটা খুব বেশি স্তরে নেস্টেড ({limit}টির বেশি স্তর), {column} নম্বর কলামে",
        "error.nested-deep": "রাশিটা খুব বেশি স্তরে নেস্টেড",
        "error.undefined-everywhere": "এই রাশিটা শূন্য দিয়ে ভাগ করে, বা কোথাও সংজ্ঞায়িত নয়",
        "error.not-real": "এই রাশিটা বাস্তব সংখ্যা (real number) নয় (ঋণাত্মকের মূল?)",
        "error.did-you-mean": "আপনি কি {guess} বোঝাতে চেয়েছেন? ({piece}) {column} নম্বর কলামে",
        "error.unknown-function": "{column} নম্বর কলামে অজানা function {piece}: DerivQuest কোন "
        "function চেনে তা help-এ দেখুন",
        "error.unknown-name": "অজানা নাম {piece}: এই প্রশ্নের চলক (variable) {names} ({column} "
        "নম্বর কলাম)",
        "error.unknown-name-number": "অজানা নাম {piece}: উত্তরটা একটা সংখ্যা ({column} নম্বর কলাম)",
        "error.unknown-bare-name": "অজানা নাম {piece}",
        "error.needs-argument": "{column} নম্বর কলামে {name}-এর একটা argument দরকার, যেমন {example}(x)",
        "error.function-power": "{name}^-এর পরে একটা পূর্ণসংখ্যা লিখুন, যেমন {name}^2(x), অথবা "
        "function-টা বন্ধনীতে রাখুন: ({name}(x))^y",
        "error.log-base-missing": "{column} নম্বর কলামে {name}_-এর পরে ভিত্তি (base) লিখুন, "
        "যেমন log_2(x)",
        "error.log-base-invalid": "logarithm-এর ভিত্তি (base) ধনাত্মক হতে হবে এবং 1 নয় "
        "({column} নম্বর কলাম)",
        "error.root-index": "{command}[n]-এর n হতে হবে 2 থেকে {limit}-এর মধ্যে একটা পূর্ণসংখ্যা "
        "({column} নম্বর কলাম)",
        "error.braces": "{column} নম্বর কলামে {command}-এর {part} বন্ধনী {{}}-তে লিখুন, যেমন "
        "{command}{{1}}{{x}}",
        "error.latex-lone-backslash": "{column} নম্বর কলামে একা একটা '\\': \\frac-এর মতো একটা "
        "command লিখুন",
        "error.latex-unknown": "{column} নম্বর কলামে অজানা LaTeX command \\{name}",
        "error.latex-operatorname": "{command}-এর পরে বন্ধনীতে একটা নাম লিখুন, যেমন "
        "\\operatorname{{relu}} ({column} নম্বর কলাম)",
        "error.partial": "∂ শুধু '=' এর আগে বসে, যেমন ∂L/∂w = ... ({column} নম্বর কলাম); উত্তরটা "
        "তার পরে লিখুন",
        "error.second-equals": "{column} নম্বর কলামে দ্বিতীয় একটা '=': একটাই উত্তর লিখুন, যেমন dy/dx = 2x",
        "error.bad-label": "'=' এর আগে derivative-টা লিখুন (dy/dx, y', f'(x), ∂L/∂w) অথবা বাদ "
        "দিন ({column} নম্বর কলাম)",
        "error.label-variable": "আপনি লিখেছেন {label}, কিন্তু {variable} এখানে চলক নয়: এই "
        "প্রশ্নের চলক {names} ({column} নম্বর কলাম)",
        "error.label-variable-number": "আপনি লিখেছেন {label}, কিন্তু {variable} এখানে চলক নয়: "
        "উত্তরটা একটা সংখ্যা ({column} নম্বর কলাম)",
        "error.after-equals": "'=' এর পরে উত্তরটা লিখুন ({column} নম্বর কলাম)",
        "error.variable-name": "{name} চলকের নাম হতে পারে না (অক্ষর ব্যবহার করুন, function নয়)",
        "error.deadline": "এটা হিসাব করতে {seconds} সেকেন্ডের বেশি লেগেছে",
        "error.no-value-given": "{names}-এর কোনো মান দেওয়া হয়নি",
        "error.no-real-value": "{where} হলে {text}-এর কোনো বাস্তব মান নেই",
        "error.expected-broken": "প্রত্যাশিত উত্তর {text} ভাঙা: {problem}",
        "error.chart-too-large": "এই function আঁকার পক্ষে খুব বড়; আরও সহজ একটা দিন",
        "error.chart-program": "chart program ঠিক নেই ({detail})",
        "error.chart-cannot-draw": "chart {what} আঁকতে পারে না; অন্য একটা function দিন",
        "error.chart-one-variable": "chart শুধু {variable}-এর function আঁকে",
        "error.checker-cannot-start": "উত্তর যাচাইয়ের checker চালু হতে পারেনি; আবার চেষ্টা করুন",
        "error.checker-too-big": "রাশিটা যাচাই করার পক্ষে খুব বড়; উত্তরটা আরও সহজ রূপে লিখুন",
        "error.checker-too-slow": "যাচাই করতে অনেক সময় লেগেছে ({seconds} সেকেন্ডের বেশি); "
        "উত্তরটা আরও সহজ রূপে লিখুন",
        "error.checker-nested": "রাশিটা যাচাই করার পক্ষে খুব বেশি স্তরে নেস্টেড",
        "error.checker-failed": "এই উত্তরে checker ব্যর্থ হয়েছে ({kind})",
        "error.choice-number": "একটা বিকল্পের নম্বর লিখুন, 1 থেকে {count}",
        "error.not-a-position": "{answer} chart-এর কোনো অবস্থান নয়",
    },
}
"""One template per error id and language (``str.format`` over the error's parameters)."""


def error_text(key: str, language: str, params: Iterable[tuple[str, str]] = ()) -> str:
    """The sentence for error ``key`` in ``language`` (English when the language lacks it)."""
    template = ERRORS.get(language, {}).get(key) or ERRORS["en"][key]
    return template.format(**dict(params))
