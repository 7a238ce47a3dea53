"""Reading FHIR R4 resources: display text, values, dates, and vital signs by LOINC."""

from __future__ import annotations

from typing import Any

#: LOINC codes of the vital signs the risk tools use.
VITAL_LOINC = {"8867-4": "hr", "9279-1": "rr", "59408-5": "spo2", "2708-6": "spo2", "8480-6": "sbp",
               "8462-4": "dbp", "8310-5": "temp"}


def text_of(concept: dict[str, Any] | None) -> str:
    if not concept:
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for coding in concept.get("coding") or []:
        if coding.get("display"):
            return str(coding["display"])
    return ""


def codes_of(concept: dict[str, Any] | None) -> list[str]:
    return [c.get("code", "") for c in (concept or {}).get("coding") or []]


def value_of(obs: dict[str, Any]) -> str:
    if "valueQuantity" in obs:
        q = obs["valueQuantity"]
        return f"{q.get('value')} {q.get('unit', '')}".strip()
    if "valueCodeableConcept" in obs:
        return text_of(obs["valueCodeableConcept"])
    for key in ("valueString", "valueBoolean", "valueInteger"):
        if key in obs:
            return str(obs[key])
    parts = [f"{text_of(c.get('code'))}: {value_of(c)}" for c in obs.get("component") or []]
    return "; ".join(p for p in parts if p)


def date_of(res: dict[str, Any]) -> str:
    for key in ("effectiveDateTime", "onsetDateTime", "authoredOn", "recordedDate", "date", "issued"):
        if res.get(key):
            return str(res[key])[:10]
    for key in ("period", "performedPeriod", "effectivePeriod"):
        if isinstance(res.get(key), dict) and res[key].get("start"):
            return str(res[key]["start"])[:10]
    return ""


def ref_id(ref: dict[str, Any] | None) -> str:
    r = (ref or {}).get("reference", "")
    return r.rsplit(":", 1)[-1].rsplit("/", 1)[-1]


def clinical_status(resource: dict[str, Any]) -> str:
    """A Condition's or AllergyIntolerance's clinical status code ("active", "resolved"), "" when absent."""
    return str(((resource.get("clinicalStatus") or {}).get("coding") or [{}])[0].get("code", ""))


def vital_quantities(obs: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(name, valueQuantity) of the vital signs in one Observation (blood pressure has two components)."""
    out = []
    for part in [obs, *(obs.get("component") or [])]:
        q = part.get("valueQuantity") or {}
        for code in codes_of(part.get("code")):
            name = VITAL_LOINC.get(code)
            if name and isinstance(q.get("value"), (int, float)):
                out.append((name, q))
    return out


def vitals_of(obs: dict[str, Any]) -> list[tuple[str, float]]:
    """(name, value) pairs of vital signs in one Observation."""
    return [(name, float(q["value"])) for name, q in vital_quantities(obs)]
