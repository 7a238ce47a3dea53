"""Vital signs written in a message or case description ("HR 128", "BP 84/50", "temp 39.6 C", "sats 89% on air").

Triage scores what a patient or clinician states in words the same way as vitals given in the form: the numbers
here go through the same plausibility limits (``risk.validation``), and NEWS2 and qSOFA count them. Only numbers
next to a vital sign's name or unit are read; a value that is not possible (HR 900) is set aside and said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from risk.validation import NAMES, VitalsError, check

_IS = (r"(?:\s+(?:is|are|was|were|has been|of|at|reads?|reading|measured|recorded|around|about|roughly|now|only|just|"
       r"says|said|shows?|showed|showing|gave|gives|displays?|displayed|"
       r"over|above|below|under|(?:dropped|dropping|fell|falling|rose|rising|went|gone|increased|decreased|up|down) to)"
       r"|\s*[:=])*\s*")
#: A number, not the start of a longer one, and not a duration ("fever of 10 days").
_NUM = r"(\d{1,3}(?:\.\d+)?)(?!\d|\.\d)(?!\s*(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?)\b)"
#: (key, pattern with the value as group 1): a vital sign's name then its number, or a number then its unit.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("hr", re.compile(rf"\b(?:heart rate|heart-rate|pulse(?: "
                      rf"rate)?|hr)\b{_IS}{_NUM}(?!\s*(?:%|/\d|mm|breaths|kg|years|days|hours|minutes\b))")),
    ("hr", re.compile(rf"\b{_NUM}\s*(?:beats per minute|beats a minute|beats/min|bpm)\b")),
    ("hr", re.compile(rf"\b(?:heart|heartbeat|pulse)(?: has been| is| was|'s)? "
                      rf"(?:beating|going|racing|running|pounding)"
                      rf"(?: at| along at)? {_NUM}\b(?!\s*(?:%|/|mm))")),
    # a watch's reading after the heart is named: "heart is pounding really fast, my watch says 180"
    ("hr", re.compile(rf"\b(?:heart|heartbeat|pulse)\b[^.;!?\n]{{0,40}}\b(?:smart "
                      rf"?watch|watch|fitbit|tracker)\b{_IS}{_NUM}\b"
                      r"(?!\s*(?:%|/|mm|steps|calories|kcal|cal\b|km|miles|metres|meters|m\b))")),
    ("rr", re.compile(rf"\b(?:respiratory rate|respiration rate|breathing rate|respirations|resp(?:iratory)? "
                      rf"rate|rr)\b{_IS}{_NUM}(?!\s*(?:%|/\d|mm|beats|kg|years|days|hours))")),
    ("rr", re.compile(rf"\b{_NUM}\s*(?:breaths per minute|breaths a minute|breaths/min)\b")),
    ("rr", re.compile(rf"\bbreathing(?: rate)?(?: at| about| around)?\s+{_NUM}(?: times)? (?:a|per|each) minute\b")),
    ("sbp", re.compile(rf"\b(?:blood pressure|bp)(?: monitor| machine| cuff| meter| "
                       rf"app)?\b{_IS}{_NUM}\s*(?:/|over)\s*\d{{2,3}}\b")),
    ("sbp", re.compile(rf"\bsystolic(?: blood pressure| bp| pressure)?\b{_IS}{_NUM}\b")),
    ("spo2", re.compile(rf"\b(?:oxygen saturations?|o2 sat\w*|sats|saturations?|spo2|sao2|pulse ox\w*|oximeter|oxygen "
                        rf"level|o2)\b"
                        rf"{_IS}{_NUM}\s*%?(?!\s*(?:l\b|litres|liters|/))")),
    ("spo2", re.compile(rf"\b{_NUM}\s*% (?:on|in) (?:room air|air|oxygen|supplemental oxygen|\d+ "
                        rf"?(?:l|litres|liters)\b)")),
    # a pulse oximeter by a lay name: "the finger oxygen thing says 82", "her sats monitor reads 88"
    ("spo2", re.compile(rf"\b(?:(?:finger|oxygen|o2|sats?) "
                        rf")+(?:thing|thingy|monitor|meter|machine|clip|reader|probe|gadget|device)\b"
                        rf"{_IS}{_NUM}\s*%?(?!\s*(?:l\b|litres|liters|/))")),
    ("spo2", re.compile(rf"\b(?:oxygen|o2|sats?|saturations?)(?: levels?| sats?| "
                        rf"saturations?)?\b{_IS}{_NUM}\s*(?:%|percent|per cent)")),
    ("temp", re.compile(rf"\b(?:temperature|temp|fever|febrile)(?: (?:to|up to|as high as|reached|reaching|peaking "
                        rf"at|spiked to))?\b{_IS}{_NUM}"
                        r"\s*(?:°|º|degrees?|deg)?\s*(c|f|celsius|fahrenheit|centigrade)?\b")),
    ("temp", re.compile(rf"\b{_NUM}\s*(?:°|º|degrees?)\s*(c|f|celsius|fahrenheit|centigrade)\b")),
    ("temp", re.compile(rf"\bt\.?\s*{_NUM}\s*(?:°|º)?\s*(c|f)\b")),
]
_ON_OXYGEN = re.compile(r"\bon (?:\d+(?:\.\d+)? ?(?:l|litres|liters)\b|supplemental oxygen|oxygen\b|a non-?rebreather|"
                        r"nasal cannula|high-flow)")
_ON_AIR = re.compile(r"\bon (?:room )?air\b")


_CHILD_YEARS = re.compile(r"\b(\d{1,2})[- ](?:years?|yrs?)[- ]old\b|\baged? (\d{1,2})\b(?! (?:weeks|months))")
_CHILD = re.compile(r"\b\d{1,2}[- ](?:months?|weeks?|days?)[- ]old\b|\b(?:infant|newborn|neonate|baby|toddler)s?\b")
# a baby the mother delivered is not the patient: "a woman who delivered a baby 5 days ago", "I had my baby last week"
_BIRTH = re.compile(r"\b(?:delivered|gave birth to|giving birth to|had|having|birth of)\s+(?:a |her |my |their |the )?"
                    r"(?:baby|newborn|infant)(?: (?:boy|girl))?\b")


def about_a_child(text: str) -> bool:
    """Whether ``text`` speaks of someone under 16, for whom NEWS2 and qSOFA (adult scores) do not hold."""
    low = _BIRTH.sub(" ", text.lower())
    ages = [int(a or b) for a, b in _CHILD_YEARS.findall(low)]
    return bool(_CHILD.search(low)) or any(age < 16 for age in ages)


@dataclass
class StatedVitals:
    """What the text says: checked values by key (``risk.validation`` names), the words each came from, and
    numbers set aside because no living patient has them."""

    values: dict[str, float | str] = field(default_factory=dict)
    quoted: dict[str, str] = field(default_factory=dict)
    set_aside: list[str] = field(default_factory=list)


def _celsius(value: float, unit: str | None) -> float:
    """Celsius from a temperature in Fahrenheit, by its unit or, with none, by range (86-113 is not a Celsius
    body temperature)."""
    fahrenheit = unit is not None and unit.startswith("f") or unit is None and 86 <= value <= 113
    return round((value - 32) * 5 / 9, 1) if fahrenheit else value


def _worse(key: str, a: float, b: float) -> float:
    """Of two readings of one vital sign, the one further from normal (the triage keeps the worst it was told)."""
    normal = {"hr": 75, "rr": 16, "sbp": 120, "spo2": 100, "temp": 37}[key]
    return a if abs(a - normal) >= abs(b - normal) else b


def read_vitals(text: str) -> StatedVitals:
    """Vital signs stated in ``text``; of several readings of one sign, the one furthest from normal."""
    low = text.lower().replace("\u2019", "'")
    out = StatedVitals()
    for key, rx in _PATTERNS:
        for m in rx.finditer(low):
            number = float(m.group(1))
            value = int(number) if number.is_integer() else number  # said as written: "heart rate 900"
            if key == "temp":
                value = _celsius(number, m.group(2))
            try:
                checked = check(key, value)
            except VitalsError as exc:
                out.set_aside.append(str(exc))
                continue
            assert checked is not None
            if key not in out.values or _worse(key, checked, float(out.values[key])) == checked:
                out.values[key] = checked
                out.quoted[key] = m.group(0).strip()
    if "spo2" in out.values:
        if _ON_OXYGEN.search(low):
            out.values["o2"] = "oxygen"
        elif _ON_AIR.search(low):
            out.values["o2"] = "air"
    return out


def describe(stated: StatedVitals) -> str:
    """One line naming what was read, for the triage's reasons: 'heart rate 128 ("hr 128"), ...'."""
    return ", ".join(f"{NAMES[k]} {stated.values[k]:g} (\"{q}\")" for k, q in stated.quoted.items())
