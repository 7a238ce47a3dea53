"""Synthea FHIR R4 bundles: per patient a summary, one document per encounter, one per clinical note.

Every record document carries the FHIR ``Patient.id``; the latest vital signs ride in the summary's metadata.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from retrieval.documents import Document
from retrieval.sources.base import LoadStats
from retrieval.sources.fhir import clinical_status, date_of, ref_id, text_of, value_of, vitals_of
from retrieval.sources.fhir_record import medication_name, patient_record
from retrieval.sources.upstream import Upstream, extract_archive

RELATIVE = "records/synthea_fhir"
LICENSE = "synthetic (Synthea, Apache-2.0)"


#: Synthea's published FHIR R4 sample (a dated release; its checksum is recorded at first download).
UPSTREAM = Upstream("https://synthetichealth.github.io/synthea-sample-data/downloads/"
                    "synthea_sample_data_fhir_r4_sep2019.zip")


def bundle_files(mirror: Path | None, cache: Path) -> list[Path]:
    """Patient bundles from the mirror, else from Synthea's sample archive unpacked in the cache."""
    if mirror is not None and (mirror / RELATIVE).is_dir():
        base = mirror / RELATIVE
    elif (cache / RELATIVE).is_dir():
        base = cache / RELATIVE
    else:
        base = extract_archive(UPSTREAM, cache, "synthea_fhir_r4_sep2019")
    return sorted(p for p in base.rglob("*.json")
                  if not p.name.startswith(("hospitalInformation", "practitionerInformation")))


def load(mirror: Path | None, cache: Path, stats: LoadStats) -> Iterator[Document]:
    for path in bundle_files(mirror, cache):
        yield from load_bundle(path, stats)


def load_bundle(path: Path, stats: LoadStats) -> Iterator[Document]:
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
        entries = [e["resource"] for e in bundle["entry"] if isinstance(e.get("resource"), dict)]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        stats.skip("malformed bundle")
        return
    patients = [r for r in entries if r.get("resourceType") == "Patient" and r.get("id")]
    if len(patients) != 1:
        stats.skip("bundle without exactly one Patient")
        return
    patient = patients[0]
    pid = patient["id"]
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in entries:
        by_type[r.get("resourceType", "")].append(r)
    docs = [summary(patient, by_type)]
    docs += encounters(pid, by_type, stats)
    docs += notes(pid, by_type, stats)
    for d in docs:
        stats.documents += 1
        yield d


def patient_name(patient: dict[str, Any]) -> str:
    names = patient.get("name") or [{}]
    n = names[0]
    return " ".join([*(n.get("given") or []), n.get("family", "")]).strip() or "Unknown"


def latest_vitals(observations: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Latest value and date of each vital sign (HR, RR, SpO2, SBP, DBP, temperature)."""
    latest: dict[str, dict[str, Any]] = {}
    for obs in observations:
        when = date_of(obs)
        for name, value in vitals_of(obs):
            if name not in latest or when >= latest[name]["date"]:
                latest[name] = {"value": value, "date": when}
    return latest


def summary(patient: dict[str, Any], by_type: dict[str, list[dict[str, Any]]]) -> Document:
    pid = patient["id"]
    active = sorted({text_of(c.get("code")) for c in by_type["Condition"] if clinical_status(c) == "active"})
    resolved = sorted({text_of(c.get("code")) for c in by_type["Condition"]} - set(active))
    meds = sorted({medication_name(m, by_type) for m in by_type["MedicationRequest"] if m.get("status") == "active"})
    allergies = sorted({text_of(a.get("code")) for a in by_type["AllergyIntolerance"]})
    vitals = latest_vitals(by_type["Observation"])
    name = patient_name(patient)
    lines = [f"Patient summary: {name}, {patient.get('gender', 'unknown')} born {patient.get('birthDate', '?')}"
             f"{', deceased ' + str(patient.get('deceasedDateTime'))[:10] if patient.get('deceasedDateTime') else ''}.",
             "Active conditions: " + ("; ".join(active) or "none recorded") + ".",
             "Past (resolved) conditions: " + ("; ".join(resolved) or "none") + ".",
             "Active medications: " + ("; ".join(meds) or "none") + ".",
             "Allergies: " + ("; ".join(allergies) or "no known allergies") + "."]
    if vitals:
        lines.append("Latest vital signs: " + "; ".join(f"{k} {v['value']:g} ({v['date']})" for k,
                                                        v in sorted(vitals.items())) + ".")
    return Document(id=f"synthea:{pid}:summary", source="synthea", title=f"Patient summary ({name})",
                    text="\n".join(lines), url=f"fhir://Patient/{pid}",
                    metadata={"patient_id": pid, "resource_type": "Patient", "name": name,
                              "birth_date": patient.get("birthDate"), "gender": patient.get("gender"),
                              "active_conditions": active, "medications": meds, "allergies": allergies,
                              "vitals": vitals, "license": LICENSE, "record": patient_record(patient, by_type)})


def encounters(pid: str, by_type: dict[str, list[dict[str, Any]]], stats: LoadStats) -> list[Document]:
    linked: dict[str, list[str]] = defaultdict(list)
    for rtype, label in (("Condition", "Diagnosis"), ("Procedure", "Procedure"), ("Observation", "Observation"),
                         ("MedicationRequest", "Medication")):
        for r in by_type[rtype]:
            eid = ref_id(r.get("encounter"))
            if not eid:
                continue
            what = text_of(r.get("code") or r.get("medicationCodeableConcept"))
            if rtype == "Observation":
                what = f"{what}: {value_of(r)}"
            if what:
                linked[eid].append(f"{label}: {what}")
    out = []
    for enc in by_type["Encounter"]:
        if not enc.get("id"):
            stats.skip("encounter without id")
            continue
        kind = text_of((enc.get("type") or [{}])[0]) or "Encounter"
        when = date_of(enc)
        reason = "; ".join(text_of(r) for r in enc.get("reasonCode") or [])
        body = [f"Encounter {when}: {kind}" + (f" for {reason}" if reason else "") + "."]
        body += linked.get(enc["id"], [])
        out.append(Document(id=f"synthea:{pid}:enc:{enc['id']}", source="synthea", title=f"{kind} ({when})",
                            text="\n".join(body), url=f"fhir://Encounter/{enc['id']}",
                            metadata={"patient_id": pid, "resource_type": "Encounter", "date": when,
                                      "license": LICENSE}))
    return out


def notes(pid: str, by_type: dict[str, list[dict[str, Any]]], stats: LoadStats) -> list[Document]:
    out = []
    for ref in by_type["DocumentReference"]:
        try:
            raw = ref["content"][0]["attachment"]["data"]
            text = base64.b64decode(raw, validate=False).decode("utf-8")
        except (KeyError, IndexError, TypeError, binascii.Error):
            stats.skip("note without decodable content")
            continue
        except UnicodeDecodeError:
            stats.skip("note with bad encoding")
            continue
        when = date_of(ref)
        kind = text_of(ref.get("type")) or "Clinical note"
        out.append(Document(id=f"synthea:{pid}:note:{ref.get('id', when)}", source="synthea",
                            title=f"{kind} ({when})", text=text.strip(),
                            url=f"fhir://DocumentReference/{ref.get('id')}",
                            metadata={"patient_id": pid, "resource_type": "DocumentReference", "date": when,
                                      "license": LICENSE}))
    return out


def practitioner_patients(paths: list[Path]) -> dict[str, set[str]]:
    """Which patients each practitioner identifier (an NPI) cares for, as the bundles say: Encounter participants
    and CareTeam members that reference a Practitioner by identifier."""
    out: dict[str, set[str]] = {}
    for path in paths:
        bundle = json.loads(path.read_text(encoding="utf-8"))
        resources = [e.get("resource", {}) for e in bundle.get("entry", [])]
        pid = next((r.get("id") for r in resources if r.get("resourceType") == "Patient"), None)
        if not pid:
            continue
        for r in resources:
            refs = []
            if r.get("resourceType") == "Encounter":
                refs = [p.get("individual", {}).get("reference", "") for p in r.get("participant", [])]
            elif r.get("resourceType") == "CareTeam":
                refs = [p.get("member", {}).get("reference", "") for p in r.get("participant", [])]
            for ref in refs:
                if ref.startswith("Practitioner?identifier=") and "|" in ref:
                    out.setdefault(ref.rsplit("|", 1)[1], set()).add(pid)
    return out
