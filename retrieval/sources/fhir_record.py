"""A patient's record as facts computed from the FHIR resources, each naming the resource it came from.

Active problems with onset, current medications with dose, allergies, the latest vital signs, recent labs with
value, unit, reference range and date, and recent encounters. Nothing here is generated: every item is read from
one resource, and ``resources`` keeps a copy of each cited resource so that a citation opens it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as package_files
from typing import Any

from retrieval.sources.fhir import clinical_status, codes_of, date_of, ref_id, text_of, vital_quantities

#: Conditions and allergies with these clinical statuses are no longer current.
ENDED = frozenset({"resolved", "inactive", "remission", "refuted", "entered-in-error"})
#: Medication requests with these statuses are current.
CURRENT_MEDICATION = frozenset({"active", "on-hold"})
LABS_SHOWN = 12
ENCOUNTERS_SHOWN = 5


@cache
def lab_ranges() -> dict[str, dict[str, Any]]:
    """Typical adult reference ranges by LOINC code, with the page each came from (``retrieval/data``)."""
    text = package_files.files("retrieval").joinpath("data/lab_ranges.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["ranges"])


def ref(resource: dict[str, Any]) -> str:
    return f"{resource.get('resourceType')}/{resource.get('id')}"


def dose_of(request: dict[str, Any]) -> str:
    """The dose instruction of a MedicationRequest in words ("1 dose once a day", "as needed")."""
    parts = []
    for d in request.get("dosageInstruction") or []:
        words = []
        for dr in d.get("doseAndRate") or []:
            q = dr.get("doseQuantity") or {}
            if q.get("value") is not None:
                words.append(f"{q['value']:g} {q.get('unit', 'dose')}".strip())
        rep = (d.get("timing") or {}).get("repeat") or {}
        if rep.get("frequency") and rep.get("period"):
            unit = {"h": "hour", "d": "day", "wk": "week", "mo": "month"}.get(rep.get("periodUnit", ""), "")
            period = f"{rep['period']:g} {unit}s" if rep["period"] != 1 else unit
            words.append(f"{rep['frequency']} time{'s' if rep['frequency'] != 1 else ''} every {period}".strip())
        if d.get("text") and not words:
            words.append(str(d["text"]).rstrip("."))
        if d.get("asNeededBoolean") and not any("needed" in w for w in words):
            words.append("as needed")
        if words:
            parts.append(", ".join(words))
    return "; ".join(parts)


def reference_range(obs: dict[str, Any], code: str, gender: str | None) -> tuple[str, str]:
    """The range of an Observation as text, and where it came from (the resource, or the table's page)."""
    for rr in obs.get("referenceRange") or []:
        if rr.get("text"):
            return str(rr["text"]), "record"
        low, high = (rr.get("low") or {}).get("value"), (rr.get("high") or {}).get("value")
        if low is not None or high is not None:
            return _bounds(low, high), "record"
    row = lab_ranges().get(code)
    if row is None:
        return "", ""
    low, high = row.get("low"), row.get("high")
    by_sex = row.get("by_sex") or {}
    if gender in by_sex:
        low, high = by_sex[gender]
    elif by_sex:
        low, high = min(v[0] for v in by_sex.values()), max(v[1] for v in by_sex.values())
    return _bounds(low, high), str(row["source"])


def _bounds(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"{low:g}-{high:g}"
    return f">= {low:g}" if low is not None else f"< {high:g}"


def flag(value: Any, range_text: str) -> str:
    """"high" / "low" when a number falls outside a range written by ``_bounds``; "" otherwise."""
    if not isinstance(value, (int, float)) or not range_text:
        return ""
    try:
        if range_text.startswith(">="):
            return "low" if value < float(range_text[2:]) else ""
        if range_text.startswith("<"):
            return "high" if value >= float(range_text[1:]) else ""
        low, high = (float(x) for x in range_text.split("-", 1))
    except ValueError:
        return ""
    return "low" if value < low else "high" if value > high else ""


def _quantity(obs: dict[str, Any]) -> tuple[Any, str]:
    q = obs.get("valueQuantity") or {}
    if "value" in q:
        return q["value"], str(q.get("unit", ""))
    return text_of(obs.get("valueCodeableConcept")) or obs.get("valueString"), ""


def _category(obs: dict[str, Any]) -> set[str]:
    return {c.get("code", "") for cat in obs.get("category") or [] for c in cat.get("coding") or []}


def medication_name(request: dict[str, Any], by_type: dict[str, list[dict[str, Any]]]) -> str:
    """What a MedicationRequest orders: its coded medication, or the Medication resource it references."""
    if request.get("medicationCodeableConcept"):
        return text_of(request["medicationCodeableConcept"])
    target = ref_id(request.get("medicationReference"))
    found = next((m for m in by_type.get("Medication", []) if m.get("id") == target), None)
    return text_of((found or {}).get("code")) or text_of(request.get("medicationReference"))


def patient_record(patient: dict[str, Any], by_type: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The computed record of one patient: lists of items (each with ``ref``) and the cited resources."""
    cited: dict[str, dict[str, Any]] = {}

    def keep(resource: dict[str, Any]) -> str:
        key = ref(resource)
        cited[key] = resource
        return key

    conditions = []
    for c in sorted(by_type.get("Condition", []), key=date_of):
        if clinical_status(c) and clinical_status(c) not in ENDED and text_of(c.get("code")):
            conditions.append({"ref": keep(c), "text": text_of(c.get("code")), "onset": date_of(c)})
    medications = []
    for m in sorted(by_type.get("MedicationRequest", []), key=date_of):
        name = medication_name(m, by_type)
        if m.get("status") in CURRENT_MEDICATION and name:
            medications.append({"ref": keep(m), "text": name, "dose": dose_of(m), "since": date_of(m)})
    allergies = []
    for a in by_type.get("AllergyIntolerance", []):
        if clinical_status(a) not in ENDED and text_of(a.get("code")):
            reactions = [text_of(mf) for r in a.get("reaction") or [] for mf in r.get("manifestation") or []]
            allergies.append({"ref": keep(a), "text": text_of(a.get("code")), "criticality": a.get("criticality", ""),
                              "reaction": ", ".join(x for x in reactions if x), "recorded": date_of(a)})
    gender = patient.get("gender")
    vitals: dict[str, dict[str, Any]] = {}
    labs: dict[str, dict[str, Any]] = {}
    for obs in by_type.get("Observation", []):
        when = date_of(obs)
        for name, q in vital_quantities(obs):
            if name not in vitals or when >= vitals[name]["date"]:
                vitals[name] = {"ref": ref(obs), "name": name, "value": q["value"], "unit": q.get("unit", ""),
                                "date": when, "_res": obs}
        if "laboratory" in _category(obs):
            code = (codes_of(obs.get("code")) or [""])[0]
            key = code or text_of(obs.get("code"))
            if key not in labs or when >= labs[key]["date"]:
                value, unit = _quantity(obs)
                rng, rng_source = reference_range(obs, code, gender)
                labs[key] = {"ref": ref(obs), "text": text_of(obs.get("code")), "code": code, "value": value,
                             "unit": unit, "range": rng, "range_source": rng_source, "flag": flag(value, rng),
                             "date": when, "_res": obs}
    vital_items = [{k: v for k, v in item.items() if k != "_res"} for item in vitals.values()]
    for item in vitals.values():
        keep(item["_res"])
    recent_labs = sorted(labs.values(), key=lambda x: (x["date"], x["text"]), reverse=True)[:LABS_SHOWN]
    for item in recent_labs:
        keep(item.pop("_res"))
    encounters = []
    for e in sorted(by_type.get("Encounter", []), key=date_of, reverse=True)[:ENCOUNTERS_SHOWN]:
        encounters.append({"ref": keep(e), "text": text_of((e.get("type") or [{}])[0]) or "Encounter",
                           "reason": "; ".join(text_of(r) for r in e.get("reasonCode") or []), "date": date_of(e)})
    keep(patient)
    return {"patient": ref(patient), "conditions": conditions, "medications": medications, "allergies": allergies,
            "vitals": sorted(vital_items, key=lambda v: v["name"]), "labs": recent_labs, "encounters": encounters,
            "resources": cited}
