"""What the web server itself shows: the login page and notices, in English and Bengali."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "title": {"en": "DerivQuest", "bn": "DerivQuest"},
    "intro": {
        "en": "Log in with the name and password your teacher gave you.",
        "bn": "শিক্ষকের দেওয়া নাম আর পাসওয়ার্ড দিয়ে লগ ইন করো।",
    },
    "intro_open": {
        "en": "Type your name: your progress is saved under it.",
        "bn": "তোমার নাম লেখো: তোমার অগ্রগতি এই নামেই রাখা হবে।",
    },
    "name": {"en": "Name", "bn": "নাম"},
    "password": {"en": "Password", "bn": "পাসওয়ার্ড"},
    "log_in": {"en": "Log in", "bn": "লগ ইন"},
    "log_out": {"en": "Log out", "bn": "লগ আউট"},
    "wrong": {
        "en": "That name and password do not match. Try again.",
        "bn": "নাম আর পাসওয়ার্ড মেলেনি। আবার চেষ্টা করো।",
    },
    "bad_name": {
        "en": "That is not a valid name: {problem}.",
        "bn": "এই নামটি চলবে না: {problem}।",
    },
    "locked": {
        "en": "Too many failed logins from this computer: try again in {minutes} min.",
        "bn": "এই কম্পিউটার থেকে অনেকবার ভুল লগ ইন হয়েছে: {minutes} মিনিট পরে আবার চেষ্টা করো।",
    },
    "too_many_logins": {
        "en": "Too many logins from this computer in one minute: wait {seconds} s and try again.",
        "bn": "এই কম্পিউটার থেকে এক মিনিটে অনেকবার লগ ইন হয়েছে: {seconds} সেকেন্ড পরে আবার চেষ্টা করো।",
    },
    "roster_down": {
        "en": "The server cannot check passwords right now (it cannot reach its database)."
        " Please try again in a minute.",
        "bn": "সার্ভার এখন পাসওয়ার্ড যাচাই করতে পারছে না (ডেটাবেসে পৌঁছাতে পারছে না)। এক মিনিট পরে আবার চেষ্টা করো।",
    },
    "busy": {
        "en": "Too many connections from this computer at once.",
        "bn": "এই কম্পিউটার থেকে একসাথে অনেক সংযোগ।",
    },
    "full": {
        "en": "The class is full ({limit} students are playing). Please try again in a few"
        " minutes.",
        "bn": "ক্লাস ভর্তি ({limit} জন খেলছে)। কয়েক মিনিট পরে আবার চেষ্টা করো।",
    },
    "idle": {
        "en": "You were away for {minutes} min, so the game was closed. Every answer you"
        " gave is saved: reload the page to carry on.",
        "bn": "তুমি {minutes} মিনিট কিছু করোনি, তাই খেলা বন্ধ হয়েছে। তোমার সব উত্তর রাখা আছে:"
        " চালিয়ে যেতে পাতাটি আবার খোলো।",
    },
    "elsewhere": {
        "en": "You opened the game in another tab or window; it carries on there.",
        "bn": "তুমি খেলাটি অন্য ট্যাবে বা উইন্ডোতে খুলেছ; সেখানেই চলছে।",
    },
    "shutdown": {
        "en": "The server is shutting down. Every answer you gave is saved.",
        "bn": "সার্ভার বন্ধ হচ্ছে। তোমার সব উত্তর রাখা আছে।",
    },
    "ended": {
        "en": "The game has ended. Every answer you gave is saved.",
        "bn": "খেলা শেষ হয়েছে। তোমার সব উত্তর রাখা আছে।",
    },
    "again": {"en": "Play again", "bn": "আবার খেলো"},
    "loading": {"en": "Starting your game…", "bn": "তোমার খেলা শুরু হচ্ছে…"},
}
"""Every text, by id and language."""


def text(key: str, language: str = "en", **values: object) -> str:
    """The text for `key` in `language` (English where missing), formatted with `values`."""
    entry = STRINGS[key]
    return (entry.get(language) or entry["en"]).format(**values)
