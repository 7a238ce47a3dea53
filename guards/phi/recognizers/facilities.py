"""Care facilities by the shape of their names, from a word list (``guards/phi/data/facility_words.json``): up to
four capitalised words before a facility head word ("Brigham and Women's Hospital", "UCLA Medical Center",
"Springfield General Hospital"), a saint's or mountain's name where a place stands ("at St. Vincent's",
"to Mt. Sinai"), and the city written after a facility ("Children's Hospital Los Angeles"). The words of the name
are not looked up: anything capitalised in that position is taken to be part of it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from guards.phi.recognizers.base import RegexRecognizer, Rule

_NOT_NAME = r"(?!(?i:at|to|from|in|via|with|of|the|and|for|on|or|by|per)\b)"
_CAP = rf"{_NOT_NAME}(?:\p{{Lu}}[\p{{L}}'’.-]*)"
_JOIN = r"(?:[ ](?:and|&|of|the|de|la)(?=[ ]\p{Lu}))?"


@cache
def words() -> dict[str, Any]:
    return dict(json.loads((Path(__file__).parent.parent / "data" / "facility_words.json").read_text()))


def _alternatives(items: list[str]) -> str:
    return "|".join(sorted((i.replace(".", r"\.").replace(" ", "[ ]") for i in items), key=len, reverse=True))


def _not_all_common(value: str) -> bool:
    from guards.phi.name_lists import is_common_english

    *name, _head = value.split()
    return not all(is_common_english(w.strip("'’.")) for w in name) if name else False


def _named(heads: list[str]) -> Any:
    """A validator: the words before the first head word are a name, not a service made of two or more ordinary
    words ("Heart Failure Clinic", "Sleep Medicine Center"); one ordinary word may be a name ("Valley Clinic")."""
    from guards.phi.name_lists import is_common_english

    def check(value: str) -> bool:
        cut = min((value.find(h) for h in heads if h in value), default=-1)
        name = [w.strip("'’.&") for w in value[:cut].split() if w.lower() not in ("and", "&", "of", "the", "de", "la")]
        return not (len(name) >= 2 and all(is_common_english(w) for w in name if w))

    return check


def _city_after(heads: list[str]) -> Any:
    """A validator: the words after the last head word are not ordinary English."""
    from guards.phi.name_lists import is_common_english

    def check(value: str) -> bool:
        cut = max((value.rfind(h) + len(h) for h in heads if h in value), default=-1)
        tail = value[cut:].split() if cut > 0 else []
        return bool(tail) and not any(is_common_english(w) for w in tail)

    return check


def _rules() -> list[Rule]:
    table = words()
    heads, saints, before = (_alternatives(table[k]) for k in ("heads", "saints", "before_place"))
    city = rf"(?:[ ]{_CAP}){{1,2}}"
    upper = _alternatives([h.upper() for h in table["heads"]])
    named, city_after = _named(table["heads"]), _city_after(table["heads"])
    return [
        # in capitals ("CALVERT HOSPITAL"): one or two words that are not all ordinary English before the head
        Rule(rf"(?<![\p{{L}}'’])(?:{_CAP}[ ]){{1,2}}(?:{upper})(?![\p{{L}}])", 0.7, flags=0, validate=_not_all_common),
        # capitalised words before a head word that ends the name ("... Hospital, Boston", "... Hospital on")
        Rule(rf"(?<![\p{{L}}'’])(?:{_CAP}{_JOIN}[ ]){{1,4}}(?:{heads})(?![\p{{L}}])(?![ ]\p{{Lu}})", 0.7, flags=0,
             validate=named),
        # and with a city after it, when the city's words are not ordinary English ("Hospital Los Angeles", not
        # "Clinic Liver Cancer" or "Health Organization")
        Rule(rf"(?<![\p{{L}}'’])(?:{_CAP}{_JOIN}[ ]){{1,4}}(?:{heads}){city}", 0.7, flags=0,
             validate=lambda v: named(v) and city_after(v)),
        # a saint's or a mountain's name where a place stands: "operated at St. Vincent's", "to Mt. Sinai"
        Rule(rf"(?<=\b(?:{before})[ ])(?:{saints})[ ]{_CAP}(?:[ ]{_CAP}){{0,2}}", 0.7, flags=0),
    ]


FACILITY = RegexRecognizer("FACILITY", _rules(), name="FacilityRecognizer")

RECOGNIZERS = [FACILITY]
CASES = {
    "FACILITY": (["treated at Methodist Hospital on April 12", "seen at UCLA Medical Center last week",
                  "operated at St. Vincent's on May 30th", "referred to Mt. Sinai for", "from Brigham and Women's "
                  "Hospital, Boston", "at Children's Hospital Los Angeles in 2019", "TRANSFERRED TO CALVERT HOSPITAL",
                  "Harris Park Medical Centre"],
                 ["Hospital stay was short.", "she went to the hospital", "St. John's wort interacts with warfarin",
                  "the clinic nurse called", "General anaesthesia was used.", "Heart Failure Clinic (2F)",
                  "See the General Information Summary", "World Health Organization", "Barcelona Clinic Liver Cancer"]),
}
