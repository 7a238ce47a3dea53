"""What the disposition model reads about a case: its findings, the red-flag floor, the conditions the findings
suggest (``assistant/data/conditions.json``), age and sex, how long it has gone on, and NEWS2 points of the vital signs
stated (missing parts left out, so their sum is a lower bound). The text embedding is added by the model.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.findings import DATA, Findings, concepts

ORDER = ["self_care", "routine", "urgent", "emergency"]
VITALS = ("rr", "spo2", "sbp", "hr", "temp")
FEVER_C = 38.0
#: A single reading outside (low, high) is an emergency at any adult age: SpO2 below 90% (not on SpO2 scale 2),
#: systolic pressure below 90 mmHg, a heart rate of 150 or more or of 40 or less (NHS and NEWS2 danger tables).
DANGEROUS_VITALS = {"spo2": (90, 101), "sbp": (90, 1000), "hr": (40, 150)}


@dataclass(frozen=True)
class Flag:
    id: str
    plain: str
    all: tuple[str, ...]
    any: tuple[str, ...]
    age_below: float | None
    source: str


@dataclass(frozen=True)
class Condition:
    name: str
    urgency: str
    needs: tuple[str, ...]
    supports: tuple[str, ...]
    source: str


@cache
def floor_flags(path: Path = DATA / "red_flag_floor.json") -> tuple[Flag, ...]:
    rows = json.loads(path.read_text(encoding="utf-8"))["flags"]
    return tuple(Flag(r["id"], r["plain"], tuple(r.get("all", ())), tuple(r.get("any", ())), r.get("age_below"),
                      r["source"]) for r in rows)


@cache
def condition_table(path: Path = DATA / "conditions.json") -> tuple[Condition, ...]:
    rows = json.loads(path.read_text(encoding="utf-8"))["conditions"]
    for r in rows:
        if r["urgency"] not in ORDER:
            raise ValueError(f"{path}: {r['name']}: urgency must be one of {ORDER}")
    return tuple(Condition(r["name"], r["urgency"], tuple(r["needs"]), tuple(r["supports"]), r["source"])
                 for r in rows)


def floor(found: Findings) -> list[Flag]:
    """The red flags the findings raise."""
    hits = []
    for flag in floor_flags():
        if not all(c in found.present for c in flag.all):
            continue
        if flag.any and not any(c in found.present for c in flag.any):
            continue
        if flag.age_below is not None and (found.age is None or found.age >= flag.age_below):
            continue
        hits.append(flag)
    return hits


@dataclass(frozen=True)
class Candidate:
    condition: Condition
    score: float
    matched: tuple[str, ...]


def candidates(found: Findings) -> list[Candidate]:
    """Conditions whose needed findings are all present and at least one supporting finding is (or that need
    nothing but have two), best first."""
    out = []
    for c in condition_table():
        if not all(n in found.present for n in c.needs):
            continue
        matched = tuple(s for s in c.supports if s in found.present)
        if len(matched) < (1 if c.needs else 2):
            continue
        out.append(Candidate(c, len(matched) / max(1, len(c.supports)), matched))
    return sorted(out, key=lambda k: (-ORDER.index(k.condition.urgency), -k.score))


def cant_miss(found: Findings) -> list[Candidate]:
    """Emergency conditions that stay plausible: every needed finding and at least two supporting ones."""
    return [c for c in candidates(found) if c.condition.urgency == "emergency" and len(c.matched) >= 2]


@dataclass
class VitalRead:
    """The vital signs of a case (the form's over the text's), their NEWS2 points and what they alone decide."""

    values: dict[str, float] = field(default_factory=dict)
    points: dict[str, int] = field(default_factory=dict)
    child: bool = False
    #: oxygen, consciousness and SpO2 scale, when given
    extra: dict[str, Any] = field(default_factory=dict)
    #: what the form gave (it wins over the text)
    from_form: frozenset[str] = frozenset()

    @property
    def partial(self) -> int:
        return sum(self.points.values())


def read_case_vitals(text: str, given: dict[str, Any] | None = None) -> VitalRead:
    """Vital signs stated in ``text`` and ``given`` (already checked), scored as NEWS2 parts for adults."""
    from assistant.text_vitals import about_a_child, read_vitals
    from risk.news2 import components

    stated = read_vitals(text).values
    values = {**stated, **(given or {})}
    child = about_a_child(text)
    keep = {k: v for k, v in values.items() if k in (*VITALS, "consciousness", "o2", "spo2_scale")}
    points = {} if child else components(**keep)
    extra = {k: v for k, v in keep.items() if k not in VITALS}
    return VitalRead({k: float(v) for k, v in values.items() if k in VITALS}, points, child, extra,
                     frozenset(given or ()))


def add_vital_findings(found: Findings, v: VitalRead) -> None:
    """A measured temperature of 38 C or more is a fever, whatever words were used."""
    if v.values.get("temp", 0) >= FEVER_C:
        found.present.add("fever")
        found.denied.discard("fever")


def vital_urgent(v: VitalRead) -> bool:
    """NEWS2 asks for urgent review: at least 5 from the parts given, or one part scoring 3 (adults only)."""
    return not v.child and (v.partial >= 5 or 3 in v.points.values())


def vital_danger(v: VitalRead) -> list[str]:
    """What the vital signs alone make an emergency: a dangerous single reading (SpO2 at any age), NEWS2 of at
    least 7 from the parts given, or qSOFA 2 (breathing 22 or more, systolic 100 or less)."""
    from risk.validation import NAMES

    out = []
    for key, (low, high) in DANGEROUS_VITALS.items():
        if key == "spo2" and v.extra.get("spo2_scale") == 2:
            continue  # SpO2 scale 2 targets 88-92%
        if key in v.values and not low < v.values[key] < high and (not v.child or key == "spo2"):
            out.append(f"{NAMES[key]} {v.values[key]:g}" + (" (low at any age)" if v.child else ""))
    if not v.child and v.partial >= 7:
        out.append(f"NEWS2 at least {v.partial}")
    q = (v.values.get("rr", 0) >= 22) + (0 < v.values.get("sbp", 999) <= 100)
    if not v.child and q >= 2:
        out.append("qSOFA 2 (breathing fast, low blood pressure)")
    return out


@cache
def feature_names() -> tuple[str, ...]:
    ids = list(concepts())
    return tuple([f"has:{c}" for c in ids] + [f"not:{c}" for c in ids] + [
        "n_present", "n_denied", "age_known", "age_lt_3m", "age_lt_1", "age_lt_5", "age_lt_16", "age_ge_65",
        "age_ge_80", "age_log", "female", "male", "hours_known", "hours_log", "hours_lt_24",
        *[f"vital:{k}" for k in VITALS], *[f"value:{k}" for k in VITALS], *[f"news2:{k}" for k in VITALS],
        "pain_score_known", "pain_score", "news2_partial", "news2_any_3",
        "vital_danger", "floor", *[f"cond_max:{u}" for u in ORDER], *[f"cond_n:{u}" for u in ORDER]])


#: Typical adult values: a missing reading is taken as typical, and each value is scaled by it.
_TYPICAL = {"rr": 16.0, "spo2": 97.0, "sbp": 125.0, "hr": 80.0, "temp": 36.8}
_PAIN = re.compile(r"\b(10|\d)\s*/\s*10\b")


def pain_score(text: str) -> int | None:
    """A pain score out of ten ("NRS 7/10", "pain 8/10"), the highest stated."""
    scores = [int(m) for m in _PAIN.findall(text)]
    return max(scores) if scores else None


_NEWS2_KEY = {"rr": "respiration_rate", "spo2": "spo2", "sbp": "systolic_bp", "hr": "pulse", "temp": "temperature"}


def structured(found: Findings, vitals: VitalRead) -> np.ndarray:
    """The case's structured features, in ``feature_names()`` order."""
    ids = list(concepts())
    age, hours = found.age, found.hours
    cands = candidates(found)
    row = [float(c in found.present) for c in ids] + [float(c in found.denied) for c in ids]
    row += [len(found.present) / 10, len(found.denied) / 10, float(age is not None)]
    row += [float(age is not None and age < t) for t in (0.25, 1, 5, 16)]
    row += [float(age is not None and age >= t) for t in (65, 80)]
    row += [math.log1p(age) / 5 if age is not None else 0.0, float(found.sex == "female"), float(found.sex == "male")]
    row += [float(hours is not None), math.log1p(hours) / 10 if hours is not None else 0.0,
            float(hours is not None and hours < 24)]
    row += [float(k in vitals.values) for k in VITALS]
    row += [vitals.values.get(k, _TYPICAL[k]) / _TYPICAL[k] for k in VITALS]
    row += [vitals.points.get(_NEWS2_KEY[k], 0) / 3 for k in VITALS]
    pain = pain_score(found.text)
    row += [float(pain is not None), (pain or 0) / 10]
    row += [vitals.partial / 10, float(any(p == 3 for p in vitals.points.values())), float(bool(vital_danger(vitals))),
            float(bool(floor(found)))]
    row += [max((k.score for k in cands if k.condition.urgency == u), default=0.0) for u in ORDER]
    row += [sum(k.condition.urgency == u for k in cands) / 3 for u in ORDER]
    return np.asarray(row, dtype=np.float64)
