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
    "start.waiting_turn": {
        "en": "Starting your game… (the class is logging in)",
        "bn": "আপনার গেম শুরু হচ্ছে… (ক্লাসের সবাই লগ ইন করছে)",
    },
    "start.profiles": {"en": "Who is playing?", "bn": "কে খেলছেন?"},
    "start.new_profile": {"en": "New player name", "bn": "নতুন player-এর নাম"},
    "start.continue": {"en": "continue", "bn": "চালিয়ে যান"},
    "start.no_profiles": {
        "en": "No players yet: type a name and press Enter.",
        "bn": "এখনো কোনো player নেই: একটা নাম লিখে Enter চাপুন।",
    },
    "start.bad_name.length": {
        "en": "A name has 1 to {max} characters: letters of any script, digits, single spaces,"
        " . - _ and apostrophes.",
        "bn": "নামে 1 থেকে {max}টি অক্ষর থাকে: যেকোনো লিপির অক্ষর, সংখ্যা, একটা করে space,"
        " . - _ আর apostrophe (')।",
    },
    "start.bad_name.start": {
        "en": "A name starts with a letter or a digit, not {char}.",
        "bn": "নাম শুরু হয় অক্ষর বা সংখ্যা দিয়ে, {char} দিয়ে নয়।",
    },
    "start.bad_name.character": {
        "en": "A name cannot contain {char}: use letters, digits, single spaces, . - _ and"
        " apostrophes.",
        "bn": "নামে {char} থাকতে পারে না: অক্ষর, সংখ্যা, একটা করে space, . - _ আর apostrophe ব্যবহার করুন।",
    },
    "start.bad_name.mark": {
        "en": "{char} (an accent or vowel sign) must follow a letter.",
        "bn": "{char} (কার-চিহ্ন বা accent) কোনো অক্ষরের পরেই বসে।",
    },
    "start.bad_name.marks": {
        "en": "At most {marks} accents or vowel signs in a row.",
        "bn": "পরপর বড়জোর {marks}টি কার-চিহ্ন বা accent থাকতে পারে।",
    },
    "start.bad_name.spaces": {
        "en": "A name has single spaces between its words only.",
        "bn": "নামের শব্দগুলোর মাঝে শুধু একটা করে space থাকে।",
    },
    "start.bad_name.form": {
        "en": "This name could not be read as typed; type it again.",
        "bn": "নামটা যেভাবে লেখা হয়েছে সেভাবে পড়া গেল না; আবার লিখুন।",
    },
    "map.title": {"en": "Course map", "bn": "কোর্সের map"},
    "map.packs": {"en": "packs", "bn": "pack"},
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
    "chart.undefined": {"en": "undefined", "bn": "অসংজ্ঞায়িত"},
    "chart.function_label": {"en": "f(x) =", "bn": "f(x) ="},
    # Chart titles: chart.title.<chart id> (charts/<chart>/view.py).
    "chart.title.tangent": {
        "en": "Tangent line visualizer",
        "bn": "Tangent line visualizer: secant থেকে tangent",
    },
    "chart.title.gradient-descent": {
        "en": "Gradient descent: L(w) = (wx - y)², x = 2, y = 6",
        "bn": "Gradient descent-এর step: L(w) = (wx - y)², x = 2, y = 6",
    },
    "chart.title.gradient-check": {
        "en": "Gradient check: numerical vs analytical derivative",
        "bn": "Gradient check: numerical বনাম analytical derivative",
    },
    "chart.title.activations": {
        "en": "Activations and their derivatives",
        "bn": "Activation আর তাদের derivative",
    },
    "chart.tangent.function": {"en": "f(x) = {function}", "bn": "f(x) = {function}"},
    "chart.tangent.secant": {"en": "secant, h = {h}", "bn": "secant রেখা, h = {h}"},
    "chart.tangent.line": {"en": "tangent", "bn": "tangent রেখা"},
    "chart.tangent.status": {
        "en": "x0 = {x0}   f(x0) = {value}   f'(x0) = {slope}   secant slope = {secant}  (h = {h})",
        "bn": "x0 = {x0}   f(x0) = {value}   f'(x0) = {slope}   secant-এর slope = {secant}"
        "  (h = {h})",
    },
    "chart.activations.threshold": {
        "en": "f' < {level}: vanishing",
        "bn": "f' < {level}: gradient vanish করে",
    },
    "chart.activations.vanishing": {
        "en": "  vanishing gradient: learning stalls here",
        "bn": "  vanishing gradient: এখানে শেখা থেমে যায়",
    },
    "chart.activations.status": {
        "en": "x = {x}   {name}(x) = {value}   {name}'(x) = {slope}{note}",
        "bn": "x = {x}   {name}(x) = {value}   {name}'(x) = {slope}{note}",
    },
    "chart.descent.steps": {"en": "steps", "bn": "step-গুলো"},
    "chart.descent.loss_title": {"en": "loss per step", "bn": "প্রতি step-এ loss"},
    "chart.descent.step_axis": {"en": "step", "bn": "step নম্বর"},
    "chart.descent.diverged": {
        "en": "  DIVERGED: lr {lr} > {critical} = 1/x², every step overshoots more",
        "bn": "  DIVERGE করেছে: lr {lr} > {critical} = 1/x², প্রতি step আরও বেশি ছাড়িয়ে যায়",
    },
    "chart.descent.converged": {
        "en": "  converged to w = {target} in {steps} steps",
        "bn": "  {steps}টি step-এ w = {target}-এ পৌঁছেছে",
    },
    "chart.descent.overshooting": {
        "en": "  overshooting: lr > {critical} = 1/x², the error grows ×{factor} per step",
        "bn": "  ছাড়িয়ে যাচ্ছে: lr > {critical} = 1/x², প্রতি step-এ ভুল ×{factor} বাড়ে",
    },
    "chart.descent.status": {
        "en": "lr = {lr}  w0 = {w0}  step {step}  w = {w}   L(w) = {loss}   dL/dw = {gradient}"
        "{verdict}",
        "bn": "lr = {lr}  w0 = {w0}  step {step}  w = {w}   L(w) = {loss}   dL/dw = {gradient}"
        "{verdict}",
    },
    "chart.gradcheck.error": {"en": "error", "bn": "error (ভুলের মাপ)"},
    "chart.gradcheck.chosen": {"en": "chosen h", "bn": "বাছাই করা h"},
    "chart.gradcheck.title": {
        "en": "error of the central difference: {function} at x = {at}",
        "bn": "central difference-এর error: {function}, x = {at}-এ",
    },
    "chart.gradcheck.h_axis": {"en": "h (log scale)", "bn": "h (log স্কেলে)"},
    "chart.gradcheck.status": {
        "en": "h = {h}   numerical = {estimate}   analytical = {exact}   error = {error}"
        "   best h ≈ {best}",
        "bn": "h = {h}   numerical = {estimate}   analytical = {exact}   error = {error}"
        "   সেরা h ≈ {best}",
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
    "lesson.welcome": {
        "en": "Welcome, {name}! The course starts here: read this lesson, then Enter starts"
        " its questions. Esc shows the course map with every level.",
        "bn": "স্বাগতম, {name}! কোর্স এখান থেকে শুরু: এই lesson পড়ুন, তারপর Enter চাপলে এর প্রশ্ন"
        " শুরু হবে। Esc চাপলে সব level সহ কোর্সের map দেখা যাবে।",
    },
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
    "settings.title": {"en": "Settings", "bn": "সেটিংস"},
    "settings.language": {"en": "Language", "bn": "ভাষা"},
    "settings.theme": {"en": "Colours", "bn": "রং"},
    "settings.not_saved": {
        "en": "Settings not saved: {reason}",
        "bn": "Settings save হয়নি: {reason}",
    },
    # Command palette (Ctrl+P): command.<app action> (derivquest/ui/commands.py).
    "command.help": {"en": "Help: keys and answer syntax", "bn": "সাহায্য: key আর উত্তর লেখার নিয়ম"},
    "command.show_map": {"en": "Course map", "bn": "কোর্সের map"},
    "command.drill": {"en": "Timed drill", "bn": "সময় ধরে drill"},
    "command.review": {"en": "Review: due and weak skills", "bn": "Review: আজকের আর দুর্বল skill"},
    "command.history": {
        "en": "Drill history and personal bests",
        "bn": "Drill-এর ইতিহাস আর personal best",
    },
    "command.skills": {"en": "Skills: mastery per skill", "bn": "Skill: প্রতিটা skill-এ দক্ষতা"},
    "command.chart('tangent')": {
        "en": "Chart: tangent line visualizer",
        "bn": "Chart: tangent line visualizer",
    },
    "command.chart('gradient-descent')": {
        "en": "Chart: gradient descent",
        "bn": "Chart: gradient descent",
    },
    "command.chart('gradient-check')": {
        "en": "Chart: gradient check (numerical vs analytical)",
        "bn": "Chart: gradient check (numerical বনাম analytical)",
    },
    "command.chart('activations')": {
        "en": "Chart: activations and their derivatives",
        "bn": "Chart: activation আর তাদের derivative",
    },
    "command.settings": {"en": "Settings: language and colours", "bn": "Settings: ভাষা আর রং"},
    "command.next_theme": {"en": "Colours: next theme", "bn": "রং: পরের theme"},
    # Footer labels shared by a group of keys (key_group in derivquest/ui/key_labels.py).
    "keys.charts": {"en": "charts", "bn": "chart"},
    # Math symbols: the same in both languages (help says what each key does).
    "keys.x0": {"en": "x0", "bn": "x0"},
    "keys.x": {"en": "x", "bn": "x"},
    "keys.h": {"en": "h", "bn": "h"},
    "keys.lr": {"en": "lr", "bn": "lr"},
    "keys.w0": {"en": "w0", "bn": "w0"},
    # Footer keys: key.<binding id> (derivquest/ui/key_labels.py).
    "key.app.quit": {"en": "quit", "bn": "বন্ধ"},
    "key.app.help": {"en": "help", "bn": "সাহায্য"},
    "key.app.settings": {"en": "settings", "bn": "settings"},
    "key.app.command_palette": {"en": "palette", "bn": "palette"},
    "key.summary.replay": {"en": "replay missed", "bn": "ভুলগুলো আবার"},
    "key.summary.history": {"en": "history", "bn": "ইতিহাস"},
    "key.summary.map": {"en": "map", "bn": "map"},
    "key.summary.map_enter": {"en": "map", "bn": "map"},
    "key.history.back": {"en": "back", "bn": "ফিরুন"},
    "key.lesson.start": {"en": "start the questions", "bn": "প্রশ্ন শুরু"},
    "key.lesson.back": {"en": "map", "bn": "map"},
    "key.lesson.return": {"en": "back to the question", "bn": "প্রশ্নে ফিরুন"},
    "key.drill_setup.start": {"en": "start", "bn": "শুরু"},
    "key.drill_setup.cancel": {"en": "cancel", "bn": "বাতিল"},
    "key.start.continue": {"en": "continue", "bn": "চালিয়ে যান"},
    "key.settings.close": {"en": "close", "bn": "বন্ধ"},
    "key.help.close": {"en": "close", "bn": "বন্ধ"},
    "key.help.close_q": {"en": "close", "bn": "বন্ধ"},
    "key.chart.back": {"en": "back", "bn": "ফিরুন"},
    "key.skills.back": {"en": "back", "bn": "ফিরুন"},
    "key.question.hint": {"en": "hint", "bn": "hint"},
    "key.question.give_up": {"en": "give up", "bn": "হাল ছাড়ুন"},
    "key.question.next": {"en": "next", "bn": "পরের"},
    "key.question.back": {"en": "map", "bn": "map"},
    "key.question.lesson": {"en": "lesson", "bn": "পাঠ"},
    "key.question.list": {"en": "list", "bn": "তালিকা"},
    "key.questions.back": {"en": "back", "bn": "ফিরুন"},
    "key.done.go_on": {"en": "go on", "bn": "এগিয়ে যান"},
    "key.done.map": {"en": "map", "bn": "map"},
    "key.mine.back": {"en": "back", "bn": "ফিরুন"},
    "key.mine.review": {"en": "review", "bn": "আবার অনুশীলন"},
    "key.class.refresh": {"en": "refresh", "bn": "নতুন করে পড়ুন"},
    "key.class.window": {"en": "time window", "bn": "সময়ের পরিসর"},
    "key.class.quit": {"en": "quit", "bn": "বন্ধ"},
    "key.question.submit_chart": {"en": "submit", "bn": "জমা দিন"},
    "key.drill.skip": {"en": "skip", "bn": "বাদ"},
    "key.drill.end": {"en": "end drill", "bn": "drill শেষ"},
    "key.map.tangent": {"en": "tangent", "bn": "tangent"},
    "key.map.gradient-descent": {"en": "GD", "bn": "GD"},
    "key.map.gradcheck": {"en": "grad", "bn": "grad"},
    "key.map.activations": {"en": "activ", "bn": "activ"},
    "key.map.drill": {"en": "drill", "bn": "drill"},
    "key.map.review": {"en": "review", "bn": "review"},
    "key.map.history": {"en": "history", "bn": "ইতিহাস"},
    "key.map.skills": {"en": "skills", "bn": "skill"},
    "key.gradcheck.larger": {"en": "larger h", "bn": "h বড়"},
    "key.gradcheck.smaller": {"en": "smaller h", "bn": "h ছোট"},
    "key.activation.left": {"en": "x left", "bn": "x বাঁয়ে"},
    "key.activation.right": {"en": "x right", "bn": "x ডানে"},
    "key.activation.cycle": {"en": "next function", "bn": "পরের function"},
    "key.descent.step": {"en": "step", "bn": "এক step"},
    "key.descent.run": {"en": "run", "bn": "চালান"},
    "key.descent.rate_up": {"en": "lr up", "bn": "lr বাড়ান"},
    "key.descent.rate_down": {"en": "lr down", "bn": "lr কমান"},
    "key.descent.start_down": {"en": "w0 -", "bn": "w0 -"},
    "key.descent.start_up": {"en": "w0 +", "bn": "w0 +"},
    "key.descent.reset": {"en": "reset", "bn": "আবার শুরু"},
    "key.tangent.left": {"en": "x0 left", "bn": "x0 বাঁয়ে"},
    "key.tangent.right": {"en": "x0 right", "bn": "x0 ডানে"},
    "key.tangent.shrink": {"en": "h smaller", "bn": "h ছোট"},
    "key.tangent.widen": {"en": "h larger", "bn": "h বড়"},
    "key.tangent.animate": {"en": "h→0", "bn": "h→0"},
    "key.graph.next": {"en": "next ?", "bn": "পরের ?"},
    "key.graph.previous": {"en": "previous ?", "bn": "আগের ?"},
    "key.graph.toggle": {"en": "value/grad", "bn": "মান/grad"},
    "key.graph.hint": {"en": "hint", "bn": "hint"},
    "key.graph.give_up": {"en": "give up", "bn": "হাল ছাড়ুন"},
    "key.graph.animate": {"en": "animate", "bn": "animation"},
    "key.graph.step": {"en": "step", "bn": "এক ধাপ"},
    "class.title": {"en": "Class: reading…", "bn": "ক্লাস: পড়া হচ্ছে…"},
    "class.header": {
        "en": "Class · {playing} playing · {stuck} stuck · last {minutes} min · {at}",
        "bn": "ক্লাস · {playing} জন খেলছে · {stuck} জন আটকে · শেষ {minutes} মিনিট · {at}",
    },
    "class.error": {
        "en": "Class: cannot read the progress store: {error}",
        "bn": "ক্লাস: progress store পড়া যাচ্ছে না: {error}",
    },
    "class.playing": {"en": "Playing now", "bn": "এখন খেলছে"},
    "class.stuck": {
        "en": "Stuck (several wrong answers, not solved)",
        "bn": "আটকে আছে (কয়েকটা ভুল উত্তর, সমাধান হয়নি)",
    },
    "class.mistakes": {"en": "Mistakes right now", "bn": "এখনকার ভুল"},
    "class.none": {"en": "nobody", "bn": "কেউ নেই"},
    "class.col.name": {"en": "student", "bn": "ছাত্র/ছাত্রী"},
    "class.col.question": {"en": "question", "bn": "প্রশ্ন"},
    "class.col.last": {"en": "when", "bn": "কখন"},
    "class.col.answers": {"en": "answers", "bn": "উত্তর"},
    "class.col.wrong": {"en": "wrong", "bn": "ভুল"},
    "class.col.mistake": {"en": "mistake or answer", "bn": "ভুল বা উত্তর"},
    "class.seconds_ago": {"en": "{n} s ago", "bn": "{n} সেকেন্ড আগে"},
    "class.minutes_ago": {"en": "{n} min ago", "bn": "{n} মিনিট আগে"},
    "class.hours_ago": {"en": "{n} h ago", "bn": "{n} ঘণ্টা আগে"},
    "mine.title": {"en": "My mistakes", "bn": "আমার ভুলগুলো"},
    "mine.count": {
        "en": "{answers} times, on {questions} question(s)",
        "bn": "{answers} বার, {questions}টি প্রশ্নে",
    },
    "mine.hint": {
        "en": "Enter: practise the questions where you made it again.",
        "bn": "Enter: যে প্রশ্নগুলোতে ভুলটা করেছেন সেগুলো আবার অনুশীলন করুন।",
    },
    "mine.empty": {
        "en": "No repeated mistakes yet: the judge names a mistake when it recognises one.",
        "bn": "এখনো কোনো ভুল বারবার হয়নি: judge কোনো ভুল চিনলে তার নাম বলে দেয়।",
    },
    "mine.review_title": {"en": "Practise a mistake", "bn": "একটা ভুল অনুশীলন"},
    # -- the play loop: what Enter does, the list of questions, the level-complete screen --
    "next.check": {"en": "Enter: check your answer", "bn": "Enter: উত্তর যাচাই করুন"},
    "next.pick": {"en": "Press an option's number", "bn": "একটা option-এর নম্বর চাপুন"},
    "next.question": {"en": "Enter: next question", "bn": "Enter: পরের প্রশ্ন"},
    "next.finish": {"en": "Enter: finish the level", "bn": "Enter: level শেষ করুন"},
    "next.after_solution": {
        "en": "Enter: next question (this one earns no stars)",
        "bn": "Enter: পরের প্রশ্ন (এটায় কোনো তারা নেই)",
    },
    "next.answer_first": {
        "en": "Answer first, or Ctrl+G to give up and see the solution",
        "bn": "আগে উত্তর দিন, বা Ctrl+G চেপে হাল ছেড়ে সমাধান দেখুন",
    },
    "questions.title": {
        "en": "Questions of this level (Enter opens one, Esc goes back)",
        "bn": "এই level-এর প্রশ্ন (Enter খোলে, Esc ফিরে যায়)",
    },
    "done.title": {"en": "Level complete: {title}", "bn": "Level শেষ: {title}"},
    "done.stars": {"en": "Stars: {stars}", "bn": "তারা: {stars}"},
    "done.all_three": {
        "en": "Every question on the first try without hints: three stars.",
        "bn": "প্রতিটা প্রশ্ন প্রথম চেষ্টায়, hint ছাড়া: তিন তারা।",
    },
    "done.missed": {
        "en": "Why not three stars (each question's stars):",
        "bn": "কেন তিন তারা নয় (প্রতিটা প্রশ্নের তারা):",
    },
    "done.reason.gave-up": {"en": "not solved", "bn": "সমাধান হয়নি"},
    "done.reason.wrong-tries": {"en": "wrong tries first", "bn": "আগে ভুল উত্তর"},
    "done.reason.hints": {"en": "hints used", "bn": "hint নেওয়া হয়েছে"},
    "done.reason.earlier": {"en": "from an earlier game", "bn": "আগের খেলা থেকে"},
    "done.next": {
        "en": "Enter: next level, {title} · Esc: the map",
        "bn": "Enter: পরের level, {title} · Esc: map",
    },
    "done.map": {"en": "Enter: back to the map", "bn": "Enter: map-এ ফিরুন"},
    "start.type_or_tab": {
        "en": "Type your name and press Enter, or Tab to the list (c: the last player).",
        "bn": "আপনার নাম লিখে Enter চাপুন, বা Tab চেপে list-এ যান (c: শেষ player)।",
    },
    "map.continues": {
        "en": "Enter continues at question {number}",
        "bn": "Enter চাপলে {number} নম্বর প্রশ্ন থেকে চলবে",
    },
    "drill.start": {"en": "Start", "bn": "শুরু"},
    "drill.setup_keys": {
        "en": "Enter: start · Esc: cancel · Space: choose",
        "bn": "Enter: শুরু · Esc: বাতিল · Space: বাছাই",
    },
    # -- The secant and bowl charts (charts/secant, charts/bowl): kept together for merging --
    "chart.secant.title": {
        "en": "Secant to tangent: shrink h and watch the secant's slope",
        "bn": "Secant থেকে tangent: h ছোট করুন, secant-এর slope দেখুন",
    },
    "chart.secant.curve": {"en": "f(x) = {function}", "bn": "f(x) = {function}"},
    "chart.secant.secant": {"en": "secant, h = {h}", "bn": "secant, h = {h}"},
    "chart.secant.tangent": {"en": "tangent at a = {a}", "bn": "a = {a}-এ tangent"},
    "chart.secant.points": {"en": "(a, f(a)), (a+h, f(a+h))", "bn": "(a, f(a)), (a+h, f(a+h))"},
    "chart.secant.values": {
        "en": "a = {a}   h = {h}   f(a) = {fa}   f(a+h) = {fah}",
        "bn": "a = {a}   h = {h}   f(a) = {fa}   f(a+h) = {fah}",
    },
    "chart.secant.slopes": {
        "en": "secant slope (f(a+h) - f(a))/h = {quotient}   tangent f'(a) = {slope}   gap {gap}",
        "bn": "secant-এর slope (f(a+h) - f(a))/h = {quotient}   tangent f'(a) = {slope}   "
        "পার্থক্য {gap}",
    },
    "key.secant.shrink": {"en": "h ÷ 2", "bn": "h ÷ 2"},
    "key.secant.widen": {"en": "h × 2", "bn": "h × 2"},
    "key.secant.flip": {"en": "flip h", "bn": "h উল্টান"},
    "key.secant.a_left": {"en": "a -", "bn": "a -"},
    "key.secant.a_right": {"en": "a +", "bn": "a +"},
    "chart.bowl.title": {
        "en": "Gradient descent on a bowl: L = {a}·w1² + {b}·w2²",
        "bn": "একটা bowl-এ gradient descent: L = {a}·w1² + {b}·w2²",
    },
    "chart.bowl.contours": {"en": "contours of L", "bn": "L-এর contour"},
    "chart.bowl.path": {"en": "path", "bn": "পথ"},
    "chart.bowl.now": {"en": "w now", "bn": "এখনকার w"},
    "chart.bowl.minimum": {"en": "minimum", "bn": "minimum"},
    "chart.bowl.state": {
        "en": "lr = {lr}   step {steps}   w = ({w1}, {w2})   L = {loss}",
        "bn": "lr = {lr}   step {steps}   w = ({w1}, {w2})   L = {loss}",
    },
    "chart.bowl.factors": {
        "en": "each step: w1's error ×{f1} (1 - 2·lr·a), w2's error ×{f2} (1 - 2·lr·b)",
        "bn": "প্রতি step-এ: w1-এর error ×{f1} (1 - 2·lr·a), w2-এর error ×{f2} (1 - 2·lr·b)",
    },
    "chart.bowl.diverged": {
        "en": "DIVERGES along {axis}: |1 - 2·lr·{coefficient}| = {factor} > 1 "
        "(keep lr < {critical})",
        "bn": "{axis} বরাবর DIVERGE করে: |1 - 2·lr·{coefficient}| = {factor} > 1 "
        "(lr < {critical} রাখুন)",
    },
    "chart.bowl.bouncing": {
        "en": "along {axis} 1 - 2·lr·{coefficient} = -1: w bounces and never settles",
        "bn": "{axis} বরাবর 1 - 2·lr·{coefficient} = -1: w লাফাতে থাকে, কখনো থামে না",
    },
    "chart.bowl.converged": {
        "en": "converged to the minimum in {steps} steps",
        "bn": "{steps} step-এ minimum-এ পৌঁছেছে (converge করেছে)",
    },
    "chart.bowl.zigzag": {
        "en": "zig-zag along {axis}: each step overshoots the minimum, by less each time",
        "bn": "{axis} বরাবর zig-zag: প্রতি step minimum ছাড়িয়ে যায়, তবে প্রতিবার একটু কম",
    },
    "chart.bowl.start_keys": {
        "en": "← →: move the start's w1   [ ]: its w2",
        "bn": "← →: শুরুর w1 সরান   [ ]: শুরুর w2",
    },
    "key.bowl.step": {"en": "step", "bn": "এক step"},
    "key.bowl.run": {"en": "run 10", "bn": "10 step"},
    "key.bowl.rate_up": {"en": "lr up", "bn": "lr বাড়ান"},
    "key.bowl.rate_down": {"en": "lr down", "bn": "lr কমান"},
    "key.bowl.reset": {"en": "reset", "bn": "আবার শুরু"},
    "key.bowl.w1_down": {"en": "w1 start -", "bn": "w1 শুরু -"},
    "key.bowl.w1_up": {"en": "w1 start +", "bn": "w1 শুরু +"},
    "key.bowl.w2_down": {"en": "w2 start -", "bn": "w2 শুরু -"},
    "key.bowl.w2_up": {"en": "w2 start +", "bn": "w2 শুরু +"},
    "command.chart('secant')": {
        "en": "Chart: secant to tangent",
        "bn": "Chart: secant থেকে tangent",
    },
    "command.chart('bowl')": {
        "en": "Chart: gradient descent on a 2-D bowl",
        "bn": "Chart: 2-D bowl-এ gradient descent",
    },
    # -- end of the secant and bowl charts' block --
}
"""Keys are stable; a missing Bengali entry falls back to English."""


def t(key: str, language: str = "en", **values: object) -> str:
    """Return the text for ``key`` in ``language`` (English if missing), formatted."""
    entry = STRINGS[key]
    return (entry.get(language) or entry["en"]).format(**values)
