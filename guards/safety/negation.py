"""Negation scope for rule matches: "no chest pain", "denies fever", "without shortness of breath"."""

from __future__ import annotations

import re

_CUES = re.compile(
    r"\b(no|not|never|denies|denied|deny|without|negative for|free of|absence of|absent|resolved|"
    r"don'?t have|do not have|doesn'?t have|does not have|didn'?t have|did not have|hasn'?t had|haven'?t had|"
    r"isn'?t|is not|wasn'?t|was not|nor|ruled out|rules out)\b", re.IGNORECASE)
#: Items that start a new clause after a comma: how the patient is coping ("no blood, tolerating fluids"), danger
#: signs ("not feeding since last night, floppy") and what someone says ("not slept for days, talking about strange
#: things") are said, not denied.
_AFTER_COMMA = (r"(?:tolerating|eating|drinking|feeding|keeping|playing|sleeping|floppy|limp|talking|saying|says|"
                r"shouting|screaming)\b")
_STARTS_ITEM = re.compile(_AFTER_COMMA, re.IGNORECASE)
# "not feeding and is floppy": a clause with a verb of its own after "and" is not under the earlier negation
# "the inhaler isn't working, I can barely talk and my lips look blue": after a comma, a new subject (or "just",
# "only": "no fever, just a runny nose") starts a new clause
_BREAK = re.compile(r"[.;:!?\n]|\b(but|however|although|though|except|yet|and now|now)\b"
                    r"|,\s*(i|i'm|im|he|she|they|we|you|my|his|her|their|our|just|only)\b"
                    r"|,\s*(?=" + _AFTER_COMMA + r")"
                    # "not sleeping, and honestly I've been thinking ...", "not anymore, today I just have ..."
                    r"|\band (honestly |also |then |really )?(i|i'm|i've|i'd|he's|she's|they've|we've)\b"
                    r"|,\s*(today|now|tonight|this morning|these days)\b"
                    r"|\band (he |she |they |it |i |you |the baby |the child "
                    r")?(is|was|are|were|has|had|seems|looks|became|becomes|feels)\b", re.IGNORECASE)


def is_negated(text: str, start: int, window: int = 60) -> bool:
    """True when a negation cue governs the match starting at ``start`` within its clause."""
    left = text[max(0, start - window):start]
    if left.rstrip().endswith(",") and _STARTS_ITEM.match(text, start):
        return False
    breaks = list(_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    return bool(_CUES.search(left))
