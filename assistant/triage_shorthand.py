"""Clinical shorthand written out before the triage findings extractor reads a text.

Telephone-triage and ward notes are written in shorthand ("Pt 68M c/o central CP radiating to L arm x 30 min",
"3/12 old, floppy, T 38.5"); the concept terms are written in words. Only forms that cannot be read another way in
a triage text are expanded: "3/12" becomes "3 months" only after "x", "for" or "over" or before "old" or "ago"
(alone it may be a date), capitals-only abbreviations ("CP", "SOB", "HA") only in capitals.
"""

from __future__ import annotations

import re

_PERIOD = {"7": "days", "52": "weeks", "12": "months"}
_TWICE = {"1": "once", "2": "twice"}

# (pattern, replacement), applied in order; replacements may be functions of the match. Abbreviations that are
# also words ("CP", "HA", "SOB") are matched in capitals only, the rest in any case.
_SHORTHAND: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"\bc/o\b", re.IGNORECASE), "complains of"),
    (re.compile(r"\bSOBOE\b"), "short of breath on exertion"),
    (re.compile(r"\bSOB\b"), "short of breath"),
    (re.compile(r"\bCP\b"), "chest pain"),
    (re.compile(r"\bHA\b"), "headache"),
    (re.compile(r"\bLOC\b"), "loss of consciousness"),
    (re.compile(r"\bN\+V\b|\bN&V\b|\bN/V\b"), "nausea and vomiting"),
    (re.compile(r"\bPV (bleed(?:ing)?|loss|blood|spotting)\b"), r"vaginal \1"),
    (re.compile(r"\bPR (bleed(?:ing)?|blood)\b"), r"rectal \1"),
    (re.compile(r"\bT([12])DM\b"), r"type \1 diabetes"),
    (re.compile(r"\b(?:DM|T2D)\b"), "diabetes"),
    (re.compile(r"\b(Rt|Lt|[LR])\.?(?=[ -](?:sided|side|motor|arm|leg|eye|ear|chest|knee|hand|foot|hip|shoulder|"
                r"flank|loin|iliac|calf|ankle|wrist|elbow|face|testicle|breast)\b)"),
     lambda m: "left" if m.group(1)[0] == "L" else "right"),
    # a temperature written "T 38.9" or "T38.9"
    (re.compile(r"\bT ?((?:3[4-9]|4[0-2])(?:\.\d)?)\b"), r"temperature \1"),
    # "74M", "81F" as age and sex
    (re.compile(r"(?:(?<=^)|(?<=\bPt )|(?<=\bpt )|(?<=\bPatient )|(?<=\bpatient )|(?<=: ))(\d{1,3})([MF])\b(?![/\d])"),
     lambda m: f"{m.group(1)} year old {'man' if m.group(2) == 'M' else 'woman'}"),
    (re.compile(r"\b(\d{1,3}) ?yo\b", re.IGNORECASE), r"\1 year old"),
    # "pain + bleeding": a plus between words is "and"
    (re.compile(r"(?<=[a-z]) \+ (?=[a-z])", re.IGNORECASE), " and "),
    (re.compile(r"\babdo\b", re.IGNORECASE), "abdominal"),
    (re.compile(r"\bchemo\b", re.IGNORECASE), "chemotherapy"),
    (re.compile(r"\bsx\b", re.IGNORECASE), "symptoms"),
    (re.compile(r"\bhx\b", re.IGNORECASE), "history"),
    # "x 2/7", "for 3/52", "over 3/12": days, weeks and months
    (re.compile(r"\b(?:x|for|over)[ ]?(\d{1,2})/(7|52|12)\b", re.IGNORECASE),
     lambda m: f"for {m.group(1)} {_PERIOD[m.group(2)]}"),
    (re.compile(r"\b(\d{1,2})/(7|52|12)(?= (?:old|ago|history)\b)", re.IGNORECASE),
     lambda m: f"{m.group(1)} {_PERIOD[m.group(2)]}"),
    # "36/40 pregnant": weeks of pregnancy
    (re.compile(r"\b(\d{1,2})/40(?= ?(?:pregnant|preg|gestation)\b)", re.IGNORECASE), r"\1 weeks"),
    # "x 30 min": a duration
    (re.compile(r"\bx ?(\d{1,3}) ?(min|mins|minutes|hrs?|hours?|days?|weeks?|months?)\b", re.IGNORECASE), r"for \1 \2"),
    # "vomited x2": a count of times
    (re.compile(r"(?<=[a-z] )x ?(\d{1,2})\b(?![/\d])", re.IGNORECASE),
     lambda m: _TWICE.get(m.group(1), f"{m.group(1)} times")),
]


_DIGIT = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9}
_D = "|".join(_DIGIT)
# a temperature said in words, as voice typing leaves it: "a temperature of thirty eight point five", "fever of a
# hundred and two". Only after a temperature word, where the words can only be a reading.
_SPOKEN_TEMP = re.compile(
    r"\b(?P<lead>(?:temperature|temp|fever)(?: (?:of|is|was|at|reading|reads|reached|hit|up to|around|about|like))*) "
    r"(?:(?P<tens>thirty|forty|ninety)[ -](?P<unit>" + _D + r")|(?:a |one )?hundred(?: and)? (?P<hundred>" + _D + r"))"
    r"(?: point (?P<tenth>" + _D + r"))?\b", re.IGNORECASE)
_TENS = {"thirty": 30, "forty": 40, "ninety": 90}


def _spoken_temperature(m: re.Match[str]) -> str:
    if m.group("tens"):
        value = _TENS[m.group("tens").lower()] + _DIGIT[m.group("unit").lower()]
    else:
        value = 100 + _DIGIT[m.group("hundred").lower()]
    tenth = f".{_DIGIT[m.group('tenth').lower()]}" if m.group("tenth") else ""
    return f"{m.group('lead')} {value}{tenth}"


_BODY_AND_FAMILY = (r"nan|nana|nanna|gran|granny|grandad|grandma|grandpa|mam|mum|mom|ma|da|dad|wife|husband|missus|"
                    r"fella|"
                    r"son|daughter|lad|girl|boy|bairn|baby|kid|kids|brother|sister|mate|partner|back|toe|toes|knee|"
                    r"knees|"
                    r"head|chest|leg|legs|arm|arms|belly|tummy|stomach|hand|hands|foot|feet|eye|eyes|ear|ears|neck|"
                    r"throat|ankle|wrist|shoulder|hip|hips|heart|face|skin|teeth|tooth|bladder|bowels|waterworks")
# Dialect and slang with one reading in a message about health, written in the words the tables use: "me nan",
# "me back" (my), "35 weeks gone" (pregnant), "chundered" and "spewing" (vomited, vomiting).
_COLLOQUIAL: list[tuple[re.Pattern[str], str]] = [
    # not "call me back", "give me back my phone"
    (re.compile(r"\b" + "".join(f"(?<!{v} )" for v in ("call", "ring", "phone", "text", "give", "get", "send", "bring",
                                                       "take", "pay", "write", "message", "email", "want", "have"))
                + rf"me (?=(?:{_BODY_AND_FAMILY})\b)", re.IGNORECASE), "my "),
    (re.compile(r"\b([1-4]\d) (weeks|wks) gone\b", re.IGNORECASE), r"\1 weeks pregnant"),
    (re.compile(r"\b(?:chunder|barf|spew)(?:ed|s)?\b", re.IGNORECASE), "vomited"),
    (re.compile(r"\b(?:chunder|barf|spew)ing\b", re.IGNORECASE), "vomiting"),
]


def expand(text: str) -> str:
    """``text`` with the shorthand above written out; text without shorthand comes back unchanged."""
    for rx, rep in _SHORTHAND:
        text = rx.sub(rep, text)  # type: ignore[arg-type]
    for rx, said in _COLLOQUIAL:
        text = rx.sub(said, text)
    return _SPOKEN_TEMP.sub(_spoken_temperature, text)
