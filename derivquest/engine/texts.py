"""The engine's message catalogue: every sentence a verdict can become, in English and Bengali.

Keys are stable ids; values are ``str.format`` templates filled by
``derivquest.engine.presenter`` (the only reader). A missing Bengali entry falls back to
English, and a test keeps both languages complete.
"""

from __future__ import annotations

MISTAKES: dict[str, dict[str, str]] = {
    "en": {
        "chain-inner-missing": "Chain rule: you differentiated the outer function but did not "
        "multiply by the derivative of the inside.",
        "product-rule-derivatives-multiplied": "The derivative of a product is not the product "
        "of the derivatives: (uv)' = u'v + uv'.",
        "quotient-rule-sign": "Quotient rule: the order in the numerator matters: "
        "(u/v)' = (u'v - uv')/v².",
        "power-rule-exponent": "Power rule: the exponent goes down by one: d/dx xⁿ = n·xⁿ⁻¹.",
        "power-rule-coefficient": "Power rule: bring the old exponent down as a factor: "
        "d/dx xⁿ = n·xⁿ⁻¹.",
        "sign-error": "A sign is wrong: check each minus (for example d/dx cos x = -sin x).",
        "constant-factor": "Right shape, wrong constant factor: check the numbers you "
        "multiplied by.",
        "antiderivative": "You integrated instead of differentiating: the derivative of your "
        "answer is the original function.",
        "not-differentiated": "That is the original function: it still needs differentiating.",
        "sigmoid-derivative-missing-factor": "Sigmoid: σ'(u) = σ(u)(1 - σ(u)); you wrote σ(u) "
        "and left out the (1 - σ(u)).",
        "tanh-derivative-at-input": "tanh: tanh'(u) = 1 - tanh²(u), squared at the output; "
        "you wrote 1 - u², squared at the input.",
        "relu-derivative-at-zero": "ReLU: away from the kink your answer is right, but at the "
        "kink (where the inside of relu is 0) it is not: write the slope with step(...).",
        "mse-missing-two": "Squared error: d/dw (r)² = 2·r·r'; you left out the factor 2.",
        "mse-missing-inner": "Squared error: d/dw (r)² = 2·r·r'; you left out r', the "
        "derivative of the inside (the inner x).",
        "cross-entropy-sign": "Cross-entropy: a sign is wrong. -ln p falls as p grows, so its "
        "derivative is negative; check the minus in front of the logs and the -1 from ln(1 - p).",
    },
    "bn": {
        "chain-inner-missing": "Chain rule: বাইরের function-এর derivative নিয়েছেন, কিন্তু "
        "ভেতরের function-এর derivative দিয়ে গুণ করেননি।",
        "product-rule-derivatives-multiplied": "গুণফলের derivative মানে derivative-গুলোর গুণফল "
        "নয়: (uv)' = u'v + uv'।",
        "quotient-rule-sign": "Quotient rule-এ লবের ক্রম গুরুত্বপূর্ণ: (u/v)' = (u'v - uv')/v²।",
        "power-rule-exponent": "Power rule: exponent এক কমে যায়: d/dx xⁿ = n·xⁿ⁻¹।",
        "power-rule-coefficient": "Power rule: পুরোনো exponent-টা সামনে গুণ হিসেবে নামিয়ে "
        "আনতে হয়: d/dx xⁿ = n·xⁿ⁻¹।",
        "sign-error": "কোথাও চিহ্ন (sign) ভুল হয়েছে: প্রতিটা minus দেখুন (যেমন d/dx cos x = -sin x)।",
        "constant-factor": "আকৃতি ঠিক আছে, কিন্তু constant factor ভুল: যে সংখ্যাগুলো দিয়ে গুণ "
        "করেছেন সেগুলো আবার দেখুন।",
        "antiderivative": "আপনি differentiate না করে integrate করেছেন: আপনার উত্তরের "
        "derivative-ই মূল function।",
        "not-differentiated": "এটা তো মূল function-ই: এখনো differentiate করা বাকি।",
        "sigmoid-derivative-missing-factor": "Sigmoid: σ'(u) = σ(u)(1 - σ(u)); আপনি শুধু σ(u) "
        "লিখেছেন, (1 - σ(u)) গুণ করতে বাদ পড়েছে।",
        "tanh-derivative-at-input": "tanh: tanh'(u) = 1 - tanh²(u), বর্গ হয় output-এর; আপনি "
        "1 - u² লিখেছেন, মানে input-এর বর্গ নিয়েছেন।",
        "relu-derivative-at-zero": "ReLU: kink-এর বাইরে আপনার উত্তর ঠিক, কিন্তু kink-এ (যেখানে "
        "relu-এর ভেতরটা 0) ঠিক নয়: slope-টা step(...) দিয়ে লিখুন।",
        "mse-missing-two": "Squared error: d/dw (r)² = 2·r·r'; আপনি 2 গুণ করতে ভুলে গেছেন।",
        "mse-missing-inner": "Squared error: d/dw (r)² = 2·r·r'; আপনি r' (ভেতরের অংশের "
        "derivative, মানে ভেতরের x) গুণ করতে ভুলে গেছেন।",
        "cross-entropy-sign": "Cross-entropy: কোথাও চিহ্ন (sign) ভুল। p বাড়লে -ln p কমে, তাই "
        "এর derivative ঋণাত্মক; log-গুলোর সামনের minus আর ln(1 - p)-এর -1 দেখুন।",
    },
}
"""One sentence per mistake id and language."""

VERDICTS: dict[str, dict[str, str]] = {
    "en": {
        "correct": "Correct.",
        "differs": "Not quite: that is a different value.",
        "differs-at": "Not quite: at {where} your answer gives {yours}, the right value there "
        "is {right}.",
        "differs-at-hidden": "Not quite: at {where} your answer gives {yours}, which is not right.",
        "undefined-at": "Not quite: at {where} your answer is undefined but the right value "
        "there is {right}.",
        "undefined-at-hidden": "Not quite: at {where} your answer is undefined.",
        "differs-somewhere": "Not quite: your answer differs at {where}.",
        "undecided": "DerivQuest could not decide whether this equals the answer; try writing "
        "it more simply",
        "too-large": "Not quite: {yours} is too large.",
        "too-small": "Not quite: {yours} is too small.",
        "wrong-sign": "Not quite: {yours} has the wrong sign.",
        "not-simplified": "The value is right, but simplify it: nothing should still be "
        "divided by {names}.",
        "not-real": "that is not a real number",
        "two-slips": "Two slips at once. First: {first} Second: {second}",
        "term-at-fault": "{others} right; in the {ordinal} term: {sentence}",
        "other-term": "The {ordinal} term is",
        "other-terms": "The other terms are",
        "huge": "an astronomically large number",
        "tiny": "an astronomically small number",
    },
    "bn": {
        "correct": "সঠিক।",
        "differs": "পুরোপুরি ঠিক হয়নি: মানটা আলাদা।",
        "differs-at": "পুরোপুরি ঠিক হয়নি: {where} হলে আপনার উত্তর দেয় {yours}, কিন্তু সেখানে "
        "সঠিক মান {right}।",
        "differs-at-hidden": "পুরোপুরি ঠিক হয়নি: {where} হলে আপনার উত্তর দেয় {yours}, যা ঠিক নয়।",
        "undefined-at": "পুরোপুরি ঠিক হয়নি: {where} হলে আপনার উত্তর অসংজ্ঞায়িত (undefined), "
        "কিন্তু সেখানে সঠিক মান {right}।",
        "undefined-at-hidden": "পুরোপুরি ঠিক হয়নি: {where} হলে আপনার উত্তর অসংজ্ঞায়িত (undefined)।",
        "differs-somewhere": "পুরোপুরি ঠিক হয়নি: {where} হলে আপনার উত্তর আলাদা।",
        "undecided": "এটা সঠিক উত্তরের সমান কি না DerivQuest ঠিক করতে পারেনি; আরেকটু সহজ করে লিখে দেখুন",
        "too-large": "পুরোপুরি ঠিক হয়নি: {yours} বেশি বড়।",
        "too-small": "পুরোপুরি ঠিক হয়নি: {yours} বেশি ছোট।",
        "wrong-sign": "পুরোপুরি ঠিক হয়নি: {yours}-এর চিহ্ন (sign) উল্টো।",
        "not-simplified": "মান ঠিক আছে, কিন্তু সরল করুন: কোনো কিছু যেন আর {names} দিয়ে ভাগ করা না থাকে।",
        "not-real": "এটা কোনো বাস্তব সংখ্যা (real number) নয়",
        "two-slips": "একসাথে দুটো ভুল। প্রথম: {first} দ্বিতীয়: {second}",
        "term-at-fault": "{others} ঠিক আছে; {ordinal} পদে: {sentence}",
        "other-term": "{ordinal} পদ",
        "other-terms": "বাকি পদগুলো",
        "huge": "বিশাল বড় একটা সংখ্যা",
        "tiny": "অতি ক্ষুদ্র একটা সংখ্যা",
    },
}
"""The verdict's own sentences: templates over the witness and the diagnosis."""

ORDINALS: dict[str, tuple[str, ...]] = {
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
    "bn": ("প্রথম", "দ্বিতীয়", "তৃতীয়", "চতুর্থ", "পঞ্চম", "ষষ্ঠ", "সপ্তম", "অষ্টম"),
}
"""Ordinal words for naming a term of a sum; beyond the list the number is used."""

# -- The secant and bowl charts' verdicts (charts/secant, charts/bowl): a block of their own,
# merged into VERDICTS below, so edits to the judge's sentences above do not collide with it.
CHART_VERDICTS: dict[str, dict[str, str]] = {
    "en": {
        "secant-close": "h = {h}: the secant's slope {quotient} is within {tolerance} of "
        "f'({a}) = {slope}.",
        "secant-far": "h = {h}: the secant's slope {quotient} is {gap} away from f'({a}) = "
        "{slope} (allowed: {tolerance}). Make h smaller.",
        "secant-undefined": "h = {h}: the secant's slope is undefined there.",
        "bowl-converged": "lr = {lr}: w reached the minimum in {steps} steps (each step "
        "multiplies the error by {factor1} along w1 and by {factor2} along w2).",
        "bowl-diverged": "lr = {lr} diverges along {axis}: |1 - 2·lr·{coefficient}| = "
        "{factor} > 1, so every step overshoots further. Keep lr below 1/{coefficient} = "
        "{critical}.",
        "bowl-bouncing": "lr = {lr}: along {axis} 1 - 2·lr·{coefficient} = -1, so w jumps "
        "between two mirror points and never settles. Take lr a little smaller.",
        "bowl-slow": "lr = {lr} is too slow: after {steps} steps w is still {distance} from "
        "the minimum ({axis} shrinks only ×{factor} a step). Take a larger lr.",
    },
    "bn": {
        "secant-close": "h = {h}: secant-এর slope {quotient}, যা f'({a}) = {slope}-এর "
        "{tolerance}-এর মধ্যে।",
        "secant-far": "h = {h}: secant-এর slope {quotient}, f'({a}) = {slope} থেকে {gap} দূরে "
        "(অনুমোদিত: {tolerance})। h আরও ছোট করুন।",
        "secant-undefined": "h = {h}: সেখানে secant-এর slope সংজ্ঞায়িত নয় (undefined)।",
        "bowl-converged": "lr = {lr}: {steps} step-এ w minimum-এ পৌঁছেছে (প্রতি step-এ error "
        "w1 বরাবর {factor1} আর w2 বরাবর {factor2} দিয়ে গুণ হয়)।",
        "bowl-diverged": "lr = {lr}-এ {axis} বরাবর diverge করে: |1 - 2·lr·{coefficient}| = "
        "{factor} > 1, তাই প্রতি step আগেরটার চেয়ে বেশি ছাড়িয়ে যায়। lr রাখুন "
        "1/{coefficient} = {critical}-এর নিচে।",
        "bowl-bouncing": "lr = {lr}: {axis} বরাবর 1 - 2·lr·{coefficient} = -1, তাই w দুটো "
        "প্রতিবিম্ব বিন্দুর মধ্যে লাফায়, কখনো থামে না। lr একটু ছোট নিন।",
        "bowl-slow": "lr = {lr} খুব ধীর: {steps} step পরেও w minimum থেকে {distance} দূরে "
        "({axis} বরাবর প্রতি step-এ মাত্র ×{factor})। lr বড় নিন।",
    },
}
"""Verdicts of the secant and bowl charts' plot tasks (sentence ids, like VERDICTS)."""

for _language, _sentences in CHART_VERDICTS.items():
    VERDICTS[_language].update(_sentences)
