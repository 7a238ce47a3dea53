"""When the words of a danger sign are not about now.

Two cases, kept narrow because a missed emergency costs more than an extra one:

- a dated past event: "I had a heart attack 5 years ago", "my mum had a stroke last year", "used to have panic
  attacks" (not "had chest pain 2 days ago", which is recent, and not when the same clause says it is happening
  again: "5 years ago ... and now I have chest pain");
- a condition only named in a worry or a general statement: "worried about sepsis because my friend had it",
  "I read that chest pain can be a heart attack", or a supply request ("a new EpiPen prescription"). This applies
  to the names of conditions only, never to symptoms ("worried about my chest pain going into my arm" is still
  chest pain).
"""

from __future__ import annotations

import re

_AGO = (r"(?:(?:(?:\d+|a few|a couple of|many|several|two|three|four|five|six|seven|eight|nine|ten|some) "
        r")?(?:years?|months?) ago"
        r"|(?<!the )last year|in (?:19|20)\d\d)")
_PAST_AFTER = re.compile(rf"^[^.;:!?\n]{{0,25}}?\b(?:{_AGO}|as a (?:child|kid|teenager|teen|baby)"
                         r"|when (?:i|he|she|they) (?:was|were) (?:a child|young|little|a kid|\d+))\b", re.IGNORECASE)
_PAST_BEFORE = re.compile(rf"\b(?:{_AGO}|used to (?:have|get|suffer from|suffer with))\b[^.;:!?\n]{{0,40}}$",
                          re.IGNORECASE)
_NOW = re.compile(r"\b(?:(?:is|are|am|feels?|went|gone|started|starting|has|have|it'?s|happening|back) (?:\w+ "
                  r")?again|another|today|tonight|this (?:morning|afternoon|evening|week)|right now|since|currently|"
                  r"(?:is|am|are|was) having|having (?:a|an|another)|new "
                  r"(?:symptoms?|pains?|weakness|numbness|episodes?|attacks?|onset)|now "
                  r"(?:having|has|have|got|i|he|she|they))\b",
                  re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?\n]|\b(?:but|and now|now)\b", re.IGNORECASE)

_WORRY = re.compile(r"\b(?:worried|afraid|scared|frightened|concerned|anxious|paranoid) (?:about|of) "
                    r"(?:getting |having |a |an )?$", re.IGNORECASE)
_GENERAL = re.compile(r"\b(?:read|heard|know|seen|told|says?|said)\b(?: that| about)?[^.;:!?\n]{0,40}\b"
                      r"(?:can|could|may|might) (?:be|mean|cause|lead to) (?:a |an )?(?:sign of |symptom of )?$",
                      re.IGNORECASE)


def is_history(text: str, start: int, end: int) -> bool:
    """True when the match at ``start``..``end`` is dated in the past and its clause says nothing is happening now."""
    right = text[end:end + 80]
    cut = _CLAUSE_END.search(right)
    right_clause = right[:cut.start()] if cut else right
    left = text[max(0, start - 80):start]
    dated_after = _PAST_AFTER.search(right_clause)
    dated_before = _PAST_BEFORE.search(left)
    if not (dated_after or dated_before):
        return False
    between = left[dated_before.start():] if dated_before else ""
    return not _NOW.search(between + " " + right_clause)


#: a supply request after a name: "I need a new EpiPen prescription", "my epipen has expired"
_SUPPLY = re.compile(r"^[^.;:!?\n]{0,20}\b(?:prescriptions?|refills?|repeat|renew\w*|expir\w*|out of date|in "
                     r"date|spare|"
                     r"trainer|training)\b", re.IGNORECASE)


def is_hypothetical(text: str, start: int, end: int) -> bool:
    """True when a condition's name at ``start``..``end`` follows a worry or a general statement, or is a supply
    request, not a report of it."""
    left = text[max(0, start - 80):start]
    return bool(_WORRY.search(left) or _GENERAL.search(left) or _SUPPLY.search(text[end:end + 40]))
