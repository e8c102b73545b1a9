"""Every sentence the game's screens show, in English and Bengali (English is the fallback)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "DerivQuest", "bn": "DerivQuest"},
    "app.subtitle": {
        "en": "derivatives, the way machine learning uses them",
        "bn": "derivative, machine learning যেভাবে ব্যবহার করে",
    },
    "too_small": {
        "en": "Make the terminal larger: DerivQuest needs at least 80×24 (now {width}×{height}).",
        "bn": "Terminal একটু বড় করুন: DerivQuest-এর অন্তত 80×24 লাগে (এখন {width}×{height})।",
    },
    "start.profiles": {"en": "Who is playing?", "bn": "কে খেলছেন?"},
    "start.new_profile": {"en": "New player name", "bn": "নতুন player-এর নাম"},
    "start.continue": {"en": "continue", "bn": "চালিয়ে যান"},
    "start.no_profiles": {
        "en": "No players yet: type a name and press Enter.",
        "bn": "এখনো কোনো player নেই: একটা নাম লিখে Enter চাপুন।",
    },
    "start.bad_name": {
        "en": "A name needs 1 to 30 letters, digits, spaces, - or _.",
        "bn": "নামে 1 থেকে 30টি অক্ষর, সংখ্যা, space, - বা _ থাকতে পারে।",
    },
    "map.title": {"en": "Course map", "bn": "Course map"},
    "map.summary": {
        "en": "{levels}/{total_levels} levels · {solved}/{total} questions · {stars}{star}",
        "bn": "{levels}/{total_levels} level · {solved}/{total} প্রশ্ন · {stars}{star}",
    },
    "map.locked": {"en": "locked: finish {levels} first", "bn": "বন্ধ: আগে {levels} শেষ করুন"},
    "map.progress": {
        "en": "{done} of {total} questions solved",
        "bn": "{total}টির মধ্যে {done}টি প্রশ্ন সমাধান",
    },
    "map.broken": {"en": "Broken pack {source}: {problem}", "bn": "ভাঙা pack {source}: {problem}"},
    "lesson.start": {"en": "start the questions", "bn": "প্রশ্ন শুরু করুন"},
    "question.counter": {"en": "Question {number} of {total}", "bn": "প্রশ্ন {number}/{total}"},
    "question.checking": {"en": "Checking…", "bn": "যাচাই করা হচ্ছে…"},
    "question.correct": {"en": "Correct!", "bn": "সঠিক!"},
    "question.hint": {"en": "Hint {number} of {total}", "bn": "Hint {number}/{total}"},
    "question.no_more_hints": {
        "en": "No more hints: try giving up to see the solution.",
        "bn": "আর hint নেই: সমাধান দেখতে give up করুন।",
    },
    "question.solution": {"en": "Worked solution", "bn": "সমাধান"},
    "question.level_done": {
        "en": "Level complete: {stars}. Press n for the map.",
        "bn": "Level শেষ: {stars}। Map-এ যেতে n চাপুন।",
    },
    "question.finish_first": {
        "en": "Answer the question, or give up with Ctrl+G, first.",
        "bn": "আগে প্রশ্নের উত্তর দিন, বা Ctrl+G দিয়ে give up করুন।",
    },
    "question.placeholder.derivative": {
        "en": "type the derivative, e.g. 15(3x+2)^4",
        "bn": "derivative লিখুন, যেমন 15(3x+2)^4",
    },
    "question.placeholder.expression": {
        "en": "type an expression, e.g. 2x(wx - y)",
        "bn": "একটা expression লিখুন, যেমন 2x(wx - y)",
    },
    "question.placeholder.numeric": {
        "en": "type a number, e.g. 12, 0.25 or 1/4",
        "bn": "একটা সংখ্যা লিখুন, যেমন 12, 0.25 বা 1/4",
    },
    "question.pick": {"en": "Press the number of your choice.", "bn": "আপনার পছন্দের নম্বর চাপুন।"},
    "help.title": {"en": "Help", "bn": "সাহায্য"},
    "settings.title": {"en": "Settings", "bn": "Settings"},
    "settings.language": {"en": "Language", "bn": "ভাষা"},
    "settings.theme": {"en": "Colours", "bn": "রং"},
}
"""Keys are stable; a missing Bengali entry falls back to English."""


def t(key: str, language: str = "en", **values: object) -> str:
    """Return the text for ``key`` in ``language`` (English if missing), formatted."""
    entry = STRINGS[key]
    return (entry.get(language) or entry["en"]).format(**values)
