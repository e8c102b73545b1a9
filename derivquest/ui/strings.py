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
        "en": "A name needs 1 to {max} letters, digits, spaces, ., - or _,"
        " starting with a letter or digit.",
        "bn": "নামে 1 থেকে {max}টি অক্ষর, সংখ্যা, space, ., - বা _ থাকতে পারে; শুরুতে অক্ষর বা সংখ্যা।",
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
    "chart.drawing": {"en": "Drawing f(x) = {function} …", "bn": "f(x) = {function} আঁকা হচ্ছে …"},
    "chart.too_slow": {
        "en": "That function takes too long to draw; try a simpler one.",
        "bn": "এই function আঁকতে অনেক সময় লাগছে; আরেকটু সহজ একটা চেষ্টা করুন।",
    },
    "chart.failed": {
        "en": "This function could not be drawn ({error}); try another one.",
        "bn": "এই function আঁকা গেল না ({error}); অন্য একটা চেষ্টা করুন।",
    },
    "app.store_error": {
        "en": "Progress not saved: {problem}",
        "bn": "Progress save হয়নি: {problem}",
    },
    "app.crashed": {
        "en": "DerivQuest stopped after an unexpected problem ({error}). Everything saved before "
        "is safe. {where} Start derivquest again to continue.",
        "bn": "একটি অপ্রত্যাশিত সমস্যায় DerivQuest থেমে গেছে ({error})। আগে যা save হয়েছে তা "
        "নিরাপদ। {where} চালিয়ে যেতে আবার derivquest চালু করুন।",
    },
    "app.crash_log": {
        "en": "The details are in {path}.",
        "bn": "বিস্তারিত আছে {path} ফাইলে।",
    },
    "lesson.start": {"en": "start the questions", "bn": "প্রশ্ন শুরু করুন"},
    "question.counter": {"en": "Question {number} of {total}", "bn": "প্রশ্ন {number}/{total}"},
    "question.checking": {"en": "Checking…", "bn": "যাচাই করা হচ্ছে…"},
    "question.correct": {"en": "Correct!", "bn": "সঠিক!"},
    "progress.not_saved": {
        "en": "Not saved: {reason}",
        "bn": "সংরক্ষণ হয়নি: {reason}",
    },
    "question.not_saved": {
        "en": "Not saved, so not checked yet: {reason} Your answer is still here: press Enter "
        "to try again.",
        "bn": "সংরক্ষণ হয়নি, তাই এখনও যাচাই হয়নি: {reason} আপনার উত্তর এখানেই আছে: আবার চেষ্টা "
        "করতে Enter চাপুন।",
    },
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
    "drill.setup": {"en": "Timed drill", "bn": "সময় ধরে drill"},
    "drill.minutes": {"en": "Length", "bn": "সময়"},
    "drill.skills": {"en": "Skills", "bn": "Skill"},
    "drill.all_skills": {"en": "all skills", "bn": "সব skill"},
    "drill.standard_note": {
        "en": "1, 3 or 5 minutes of all skills or one skill count for personal bests.",
        "bn": "সব skill বা একটা skill-এর 1, 3 বা 5 মিনিটের drill-ই personal best-এ গোনা হয়।",
    },
    "drill.title": {"en": "Drill", "bn": "Drill"},
    "drill.score": {
        "en": "score {score} · streak {streak}",
        "bn": "score {score} · streak {streak}",
    },
    "drill.streak": {"en": "streak {streak}", "bn": "streak {streak}"},
    "drill.missed": {"en": "Missed:", "bn": "ভুল:"},
    "drill.final_score": {"en": "Score: {score}", "bn": "Score: {score}"},
    "drill.stats": {
        "en": "{correct} of {answered} right ({accuracy}%), {mean} s per answer, "
        "best streak {streak}",
        "bn": "{answered}টির মধ্যে {correct}টি ঠিক ({accuracy}%), প্রতি উত্তরে {mean} s, "
        "সেরা streak {streak}",
    },
    "drill.record": {"en": "New personal best!", "bn": "নতুন personal best!"},
    "drill.best": {
        "en": "Personal best for this setting: {best}",
        "bn": "এই setting-এর personal best: {best}",
    },
    "drill.not_standard": {
        "en": "Not a standard setting: no record is kept for it.",
        "bn": "Standard setting নয়: এর record রাখা হয় না।",
    },
    "drill.missed_list": {"en": "Missed", "bn": "ভুল হয়েছে"},
    "drill.slowest_list": {"en": "Slowest", "bn": "সবচেয়ে ধীর"},
    "drill.summary": {"en": "Drill summary", "bn": "Drill-এর সারাংশ"},
    "drill.none": {
        "en": "No drill questions for that choice.",
        "bn": "এই বাছাইয়ের জন্য কোনো drill প্রশ্ন নেই।",
    },
    "drill.nothing_to_replay": {
        "en": "Nothing to replay: the last drill had no missed or slow items.",
        "bn": "Replay করার কিছু নেই: গত drill-এ কোনো ভুল বা ধীর প্রশ্ন ছিল না।",
    },
    "history.title": {"en": "Drill history", "bn": "Drill-এর ইতিহাস"},
    "history.chart": {"en": "score per drill", "bn": "প্রতি drill-এর score"},
    "history.axis": {"en": "drill", "bn": "drill"},
    "history.bests": {"en": "Personal bests: {bests}", "bn": "Personal best: {bests}"},
    "history.empty": {
        "en": "No drills yet: press d on the map to start one.",
        "bn": "এখনো কোনো drill হয়নি: শুরু করতে map-এ d চাপুন।",
    },
    "map.due": {
        "en": "Due for review today: {skills} (press r)",
        "bn": "আজ review করার skill: {skills} (r চাপুন)",
    },
    "review.none": {
        "en": "Nothing to review yet: answer some questions first.",
        "bn": "এখনো review করার কিছু নেই: আগে কিছু প্রশ্নের উত্তর দিন।",
    },
    "skills.title": {"en": "Skills", "bn": "Skill"},
    "skills.skill": {"en": "skill", "bn": "skill"},
    "skills.level": {"en": "mastery", "bn": "দক্ষতা"},
    "skills.recent": {"en": "last answers", "bn": "শেষ উত্তরগুলো"},
    "skills.empty": {
        "en": "No answers yet: play a level or a drill first.",
        "bn": "এখনো কোনো উত্তর নেই: আগে একটা level বা drill খেলুন।",
    },
    "skills.rule": {
        "en": "From the last 10 answers of each skill; clean = right with no hint open.",
        "bn": "প্রতিটা skill-এর শেষ 10টা উত্তর থেকে; clean = hint ছাড়া ঠিক উত্তর।",
    },
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
