"""Words and phrases in a pupil's free text that may mean they are being harmed.

A match never decides anything: it flags the answer so that a person (a
coordinator, and the school's designated safeguarding lead) reads it and
follows the school's safeguarding procedures. The list errs towards flagging:
a false alarm costs a few minutes, a missed disclosure costs far more.
The list is documented in docs/feedback.md; change both together, and add a
test for each new signal.
"""

import re

# Whole words or phrases, matched after lower-casing and removing punctuation,
# so "Hurts me!" matches "hurts me". Keep entries lower case, letters and spaces.
SIGNALS = (
    # Being hurt
    "hits me",
    "hit me",
    "hurts me",
    "hurt me",
    "beats me",
    "beat me",
    "kicks me",
    "punches me",
    "slaps me",
    "chokes me",
    "burns me",
    "bruises",
    "abuse",
    "abused",
    "abusing",
    # Sexual harm and exploitation
    "touches me",
    "touched me",
    "touching me",
    "nudes",
    "naked pictures",
    "sends me pictures",
    "made me send",
    "makes me send",
    "rape",
    "raped",
    "groomed",
    "grooming",
    # Criminal exploitation and weapons
    "carry a knife",
    "carrying a knife",
    "carry knives",
    "makes me sell",
    "made me sell",
    "county lines",
    "owe them",
    "in debt to",
    # Self-harm and suicide
    "self harm",
    "selfharm",
    "cut myself",
    "cutting myself",
    "hurt myself",
    "hurting myself",
    "kill myself",
    "end my life",
    "want to die",
    "suicide",
    "suicidal",
    # Fear and neglect at home
    "scared to go home",
    "scared of my",
    "afraid of my",
    "frightened of my",
    "not safe at home",
    "dont feel safe",
    "do not feel safe",
    "no food at home",
    "locked me in",
    "locks me in",
    "kicked me out",
    "threatened me",
    "threatens me",
    "blackmail",
    "blackmailed",
    "bullied",
    "being bullied",
    "it happened to me",
    "happening to me",
)

_NON_LETTERS = re.compile(r"[^a-z]+")
_PATTERN = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(s) for s in SIGNALS) + r")(?![a-z])")


def normalise(text):
    """Lower case, apostrophes dropped (don't -> dont), other punctuation as spaces."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return " ".join(_NON_LETTERS.sub(" ", text).split())


def matched_signals(text):
    """The signals found in `text` (empty when none)."""
    return sorted({m.group(0) for m in _PATTERN.finditer(normalise(text or ""))})


def may_be_disclosure(text):
    return bool(matched_signals(text))
