"""The record computed from FHIR: against every Synthea bundle in ../shared/data, the summary lists every active
condition, current medication and allergy and nothing else, each line citing a resource that resolves."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from assistant.compose import record_summary
from retrieval.sources.fhir import text_of
from retrieval.sources.fhir_record import dose_of, flag, patient_record, reference_range
from tests.conftest import SHARED_DATA

BUNDLES = sorted(p for p in (SHARED_DATA / "records" / "synthea_fhir").rglob("*.json")
                 if not p.name.startswith(("hospitalInformation", "practitionerInformation"))
                 ) if SHARED_DATA.is_dir() else []


def _by_type(path):
    entries = [e["resource"] for e in json.loads(path.read_text())["entry"]]
    by_type = defaultdict(list)
    for r in entries:
        by_type[r["resourceType"]].append(r)
    return by_type


def _medication(request, by_type):
    if "medicationCodeableConcept" in request:
        return text_of(request["medicationCodeableConcept"])
    uuid = request["medicationReference"]["reference"].removeprefix("urn:uuid:")
    return text_of(next(m for m in by_type["Medication"] if m["id"] == uuid)["code"])


def _status(r):
    return ((r.get("clinicalStatus") or {}).get("coding") or [{}])[0].get("code")


@pytest.mark.skipif(not BUNDLES, reason="../shared/data is not beside the checkout")
@pytest.mark.parametrize("path", BUNDLES, ids=lambda p: p.stem[-8:])
def test_summary_lists_exactly_what_the_bundle_holds(path):
    by_type = _by_type(path)
    patient = by_type["Patient"][0]
    record = patient_record(patient, by_type)
    expected = {
        "conditions": {(f"Condition/{c['id']}", text_of(c["code"])) for c in by_type["Condition"]
                       if _status(c) == "active"},
        "medications": {(f"MedicationRequest/{m['id']}", _medication(m, by_type))
                        for m in by_type["MedicationRequest"] if m["status"] == "active"},
        "allergies": {(f"AllergyIntolerance/{a['id']}", text_of(a["code"])) for a in by_type["AllergyIntolerance"]
                      if _status(a) in (None, "active")},
    }
    for section, want in expected.items():
        assert {(i["ref"], i["text"]) for i in record[section]} == want, section
    text, cites = record_summary(record, patient["id"])
    by_n = {c.n: c for c in cites}
    for section, want in expected.items():
        for ref, name in want:  # named on a line that cites that very resource
            line = next(line for line in text.splitlines() if line.startswith(f"- {name}"))
            assert any(by_n[int(n)].id == ref for n in re.findall(r"\[(\d+)\]", line)), (section, line)
    # every citation resolves to a resource of this bundle, kept with the record
    ids = {f"{r['resourceType']}/{r['id']}" for rs in by_type.values() for r in rs}
    for c in cites:
        assert c.id in ids and c.id in record["resources"] and c.url == f"fhir://{c.id}"
        assert record["resources"][c.id]["id"] == c.id.split("/", 1)[1]
    # no line names a condition or medication the bundle does not hold as current
    current = {name for want in expected.values() for _, name in want}
    section = None
    for line in text.splitlines():
        if line.startswith("**"):
            section = line
        elif line.startswith("- ") and section and section.startswith(("**Active problems", "**Current medications",
                                                                        "**Allergies")):
            assert any(line.startswith(f"- {name}") for name in current), line


def test_dose_reads_frequency_and_as_needed():
    assert dose_of({"dosageInstruction": [{"timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
                                           "doseAndRate": [{"doseQuantity": {"value": 1.0}}]}]}) == \
        "1 dose, 2 times every day"
    assert dose_of({"dosageInstruction": [{"text": "Take as needed.", "asNeededBoolean": True}]}) == "Take as needed"
    assert dose_of({}) == ""


def test_reference_range_prefers_the_record_then_the_table_by_sex():
    obs = {"referenceRange": [{"low": {"value": 3.5}, "high": {"value": 5.1}}]}
    assert reference_range(obs, "6298-4", "female") == ("3.5-5.1", "record")
    rng, source = reference_range({}, "718-7", "male")
    assert rng == "13.8-17.2" and source.startswith("https://medlineplus.gov/")
    assert reference_range({}, "718-7", None)[0] == "12.1-17.2"
    assert reference_range({}, "no-such-code", "male") == ("", "")
    assert (flag(10.2, "12.1-15.1"), flag(130, "< 100"), flag(35, ">= 40"), flag(14, "12.1-15.1")) == \
        ("low", "high", "low", "")
