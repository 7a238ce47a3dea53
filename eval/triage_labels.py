"""Triage gold labels in the forms published sets use, as the set of dispositions each allows.

- Semigran-style ``urgency_level`` em / ne / sc: emergency; urgent or routine (non-emergent care); self-care.
- Four-level labels ("Emergent", "1 day", "1 week", "Self-care", and the project's own four names).
- KTAS 1-5 (``urgency`` with a KTAS ``label_scheme``, or ``ktas``): 1-2 emergency, 3 urgent, 4-5 routine or
  self-care (an emergency department's least urgent visits still see a doctor).
"""

from __future__ import annotations

from typing import Any

LEVELS = ("self_care", "routine", "urgent", "emergency")
_WORDS = {
    "emergency": {"em", "emergent", "emergency", "emergency care", "call 911", "a&e", "ed"},
    "urgent": {"urgent", "1 day", "within a day", "one day", "1-day", "same day", "today"},
    "routine": {"routine", "1 week", "within a week", "one week", "1-week", "non-urgent", "nonurgent"},
    "self_care": {"sc", "self-care", "self care", "self_care", "home care", "selfcare"},
}
_BY_WORD = {w: level for level, words in _WORDS.items() for w in words}


def ktas_allowed(level: int) -> frozenset[str]:
    if level <= 2:
        return frozenset({"emergency"})
    return frozenset({"urgent"}) if level == 3 else frozenset({"routine", "self_care"})


def gold(row: dict[str, Any]) -> tuple[frozenset[str], str] | None:
    """(allowed dispositions, scheme) of a labelled row, or None when it carries no label this reads."""
    scheme = str(row.get("label_scheme", ""))
    ktas = row.get("ktas", row.get("urgency") if "KTAS" in scheme.upper() else None)
    if isinstance(ktas, int | float) and 1 <= int(ktas) <= 5:
        return ktas_allowed(int(ktas)), "ktas"
    for key in ("urgency_level", "urgency", "triage", "label", "disposition"):
        value = row.get(key)
        if not isinstance(value, str):
            continue
        word = " ".join(value.strip().lower().replace("_", " ").split())
        if word == "ne":
            return frozenset({"urgent", "routine"}), "em/ne/sc"
        level = _BY_WORD.get(word) or _BY_WORD.get(word.replace(" ", "_"))
        if level:
            return frozenset({level}), ("em/ne/sc" if word in ("em", "sc") else "four-level")
    return None


def rank(level: str) -> int:
    return LEVELS.index(level)


def under(allowed: frozenset[str], said: str) -> bool:
    """Less urgent than the gold allows."""
    return rank(said) < min(rank(a) for a in allowed)


def over(allowed: frozenset[str], said: str) -> bool:
    """More urgent than the gold allows."""
    return rank(said) > max(rank(a) for a in allowed)
