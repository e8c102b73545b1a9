"""Every sentence the graph kind shows, in English and Bengali; the one presenter of verdicts."""

from __future__ import annotations

from derivquest.kinds.graph.diagnosis import Diagnosis

TEXTS: dict[str, dict[str, str]] = {
    # -- diagnoses (ids in diagnosis.MISTAKES) --
    "activation-at-input": {
        "en": "{op}' is written with its output: use {consumer} = {op}({node}), "
        "not the input {node}.",
        "bn": "{op}'-কে output দিয়ে লিখতে হয়: input {node} নয়, "
        "{consumer} = {op}({node}) ব্যবহার করুন।",
    },
    "mul-own-input": {
        "en": "At the multiply gate {consumer}, {node} gets the upstream gradient times "
        "the other input {other}, not times {node} itself.",
        "bn": "গুণের gate {consumer}-এ {node} পায় upstream gradient × অন্য input {other}, "
        "{node} নিজে নয়।",
    },
    "sub-sign": {
        "en": "Sign slip at {consumer} = {left} - {right}: the gradient reaches {left} "
        "unchanged and {right} with its sign flipped.",
        "bn": "{consumer} = {left} - {right}-এ চিহ্নের ভুল: gradient {left}-এ অপরিবর্তিত "
        "যায়, আর {right}-এ চিহ্ন উল্টে যায়।",
    },
    "fanout-not-summed": {
        "en": "{node} feeds {count} nodes ({consumers}): add up the gradients that come "
        "back along every edge, not just the one from {consumer}.",
        "bn": "{node} থেকে {count}টি node-এ মান যায় ({consumers}): শুধু {consumer} থেকে "
        "নয়, প্রতিটি edge দিয়ে ফেরা gradient যোগ করুন।",
    },
    "upstream-missing": {
        "en": "That is only the local derivative ∂{consumer}/∂{node}: multiply it by the "
        "upstream gradient ∂L/∂{consumer} = {upstream}.",
        "bn": "এটা শুধু local derivative ∂{consumer}/∂{node}: একে upstream gradient "
        "∂L/∂{consumer} = {upstream} দিয়ে গুণ করুন।",
    },
    "forward-value": {
        "en": "That is the forward value of {node}; here its gradient ∂L/∂{node} is asked.",
        "bn": "এটা {node}-এর forward মান; এখানে চাওয়া হয়েছে gradient ∂L/∂{node}।",
    },
    "grad-for-value": {
        "en": "That is the gradient ∂L/∂{node}; here the forward value of {node} is asked.",
        "bn": "এটা gradient ∂L/∂{node}; এখানে চাওয়া হয়েছে {node}-এর forward মান।",
    },
    "op-not-applied": {
        "en": "That is the input {source}; apply {op} to it to get {node}.",
        "bn": "এটা input {source}; {node} পেতে এর উপর {op} প্রয়োগ করুন।",
    },
    # -- verdicts --
    "correct": {"en": "Right: {entry} = {value}.", "bn": "ঠিক: {entry} = {value}।"},
    "too-large": {"en": "Not quite: {answer} is too large.", "bn": "হয়নি: {answer} বেশি বড়।"},
    "too-small": {"en": "Not quite: {answer} is too small.", "bn": "হয়নি: {answer} বেশি ছোট।"},
    "not-real": {
        "en": "That has no real value here.",
        "bn": "এখানে এর কোনো বাস্তব মান নেই।",
    },
    "own-name": {
        "en": "Work it out from other nodes: {names} cannot be used here.",
        "bn": "অন্য node থেকে হিসাব করুন: এখানে {names} ব্যবহার করা যাবে না।",
    },
    "too-large-to-check": {
        "en": "That number is far too large to check; no value in this graph is near it.",
        "bn": "সংখ্যাটি যাচাই করার পক্ষে অনেক বড়; এই graph-এর কোনো মান এর কাছাকাছি নয়।",
    },
    "check-failed": {
        "en": "That entry could not be checked; try writing it another way.",
        "bn": "এই উত্তরটি যাচাই করা গেল না; অন্যভাবে লিখে দেখুন।",
    },
    "empty": {"en": "Type a number first.", "bn": "আগে একটা সংখ্যা লিখুন।"},
    "not-asked": {
        "en": "{entry} is given here; move to a ? with Tab.",
        "bn": "{entry} এখানে দেওয়া আছে; Tab দিয়ে একটা ?-এ যান।",
    },
    # -- the lab --
    "lab.left": {"en": "{left} still to fill in.", "bn": "আরও {left}টি পূরণ করা বাকি।"},
    "drill.prompt": {
        "en": "Find ∂L/∂{node}: every other number is given.",
        "bn": "∂L/∂{node} বের করুন: বাকি সব সংখ্যা দেওয়া আছে।",
    },
    "entry.value": {"en": "{node}", "bn": "{node}"},
    "entry.grad": {"en": "∂L/∂{node}", "bn": "∂L/∂{node}"},
    "lab.todo": {
        "en": "{left} left. Tab: next ?  ↑↓: nodes  Enter: check",
        "bn": "বাকি {left}টি। Tab: পরের ?  ↑↓: node  Enter: যাচাই",
    },
    "lab.solved": {
        "en": "Graph solved! Press a to animate the backward pass.",
        "bn": "Graph সমাধান হয়েছে! Backward pass দেখতে a চাপুন।",
    },
    "lab.given_up": {
        "en": "Answers shown. Press a to animate the backward pass.",
        "bn": "উত্তর দেখানো হলো। Backward pass দেখতে a চাপুন।",
    },
    "lab.hint": {
        "en": "Hint for {node}: {hint}",
        "bn": "{node}-এর hint: {hint}",
    },
    "lab.generic_hint.value": {
        "en": "{node} = {op} of {inputs}: read the input values and apply it.",
        "bn": "{node} = {inputs}-এর {op}: input-এর মান নিয়ে প্রয়োগ করুন।",
    },
    "lab.generic_hint.grad": {
        "en": "∂L/∂{node} = sum over the nodes it feeds ({consumers}) of "
        "upstream gradient × local derivative.",
        "bn": "∂L/∂{node} = এটি যেসব node-এ যায় ({consumers}) তাদের "
        "upstream gradient × local derivative-এর যোগফল।",
    },
    "lab.output_grad": {
        "en": "∂L/∂L = 1: the backward pass starts here.",
        "bn": "∂L/∂L = 1: backward pass এখান থেকে শুরু।",
    },
    "anim.edge": {
        "en": "Step {step}/{steps}: ∂L/∂{node} += ∂L/∂{consumer} × ∂{consumer}/∂{node} "
        "= {upstream} × {local} = {contribution}",
        "bn": "ধাপ {step}/{steps}: ∂L/∂{node} += ∂L/∂{consumer} × ∂{consumer}/∂{node} "
        "= {upstream} × {local} = {contribution}",
    },
    "anim.start": {
        "en": "Step 0/{steps}: ∂L/∂{output} = 1. Space: next step.",
        "bn": "ধাপ 0/{steps}: ∂L/∂{output} = 1। Space: পরের ধাপ।",
    },
    "gradcheck": {
        "en": "Gradient check for {node}: yours {yours}, central difference {numeric} "
        "(h = {h}): {outcome}",
        "bn": "{node}-এর gradient check: আপনার {yours}, central difference {numeric} "
        "(h = {h}): {outcome}",
    },
    "gradcheck.agree": {"en": "they agree.", "bn": "মিলে গেছে।"},
    "gradcheck.differ": {"en": "they differ.", "bn": "মেলেনি।"},
}
"""Keys are stable; a missing Bengali entry falls back to English."""


def say(key: str, language: str, **values: object) -> str:
    """Return the sentence for `key` in `language` (English if missing), filled in."""
    entry = TEXTS[key]
    return (entry.get(language) or entry["en"]).format(**values)


def describe(diagnosis: Diagnosis, language: str) -> str:
    """The one presenter of a diagnosis: its sentence with its values."""
    return say(diagnosis.id, language, **diagnosis.values)
