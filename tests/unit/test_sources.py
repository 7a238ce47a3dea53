"""Sources skip and count malformed input instead of crashing; chunking keeps provenance and limits."""

import base64
import json

from retrieval.chunking import chunk_documents
from retrieval.documents import Document
from retrieval.sources import files, synthea
from retrieval.sources.base import LoadStats


def _bundle(pid="p1", note=b"Chief complaint: cough."):
    return {
        "resourceType": "Bundle",
        "entry": [
            {
                "resource": {
                    "resourceType": "Patient",
                    "id": pid,
                    "name": [{"given": ["Ann"], "family": "Test"}],
                    "gender": "female",
                    "birthDate": "1970-01-01",
                }
            },
            {
                "resource": {
                    "resourceType": "Condition",
                    "id": "c1",
                    "clinicalStatus": {"coding": [{"code": "active"}]},
                    "code": {"text": "Asthma"},
                    "encounter": {"reference": "urn:uuid:e1"},
                }
            },
            {
                "resource": {
                    "resourceType": "Encounter",
                    "id": "e1",
                    "type": [{"text": "Office visit"}],
                    "period": {"start": "2020-01-02T10:00:00Z"},
                }
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "o1",
                    "code": {"coding": [{"code": "8867-4"}], "text": "Heart rate"},
                    "valueQuantity": {"value": 88, "unit": "/min"},
                    "effectiveDateTime": "2020-01-02",
                    "encounter": {"reference": "urn:uuid:e1"},
                }
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "o2",
                    "code": {"coding": [{"code": "85354-9"}], "text": "BP"},
                    "component": [
                        {"code": {"coding": [{"code": "8480-6"}]}, "valueQuantity": {"value": 128}},
                        {"code": {"coding": [{"code": "8462-4"}]}, "valueQuantity": {"value": 80}},
                    ],
                    "effectiveDateTime": "2020-01-02",
                }
            },
            {
                "resource": {
                    "resourceType": "DocumentReference",
                    "id": "d1",
                    "date": "2020-01-02",
                    "content": [{"attachment": {"data": base64.b64encode(note).decode()}}],
                }
            },
            {"resource": {"resourceType": "DocumentReference", "id": "d2", "content": []}},
        ],
    }


def test_synthea_bundle_documents_and_vitals(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(_bundle()))
    stats = LoadStats("synthea")
    docs = list(synthea.load_bundle(path, stats))
    assert {d.metadata["resource_type"] for d in docs} == {"Patient", "Encounter", "DocumentReference"}
    assert all(d.patient_id == "p1" for d in docs)
    summary = docs[0]
    assert "Asthma" in summary.text and summary.metadata["vitals"]["hr"]["value"] == 88
    assert summary.metadata["vitals"]["sbp"]["value"] == 128 and summary.metadata["vitals"]["dbp"]["value"] == 80
    assert stats.skipped["note without decodable content"] == 1


def test_malformed_bundles_are_counted(tmp_path):
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "nopatient.json").write_text(json.dumps({"entry": [{"resource": {"resourceType": "Encounter"}}]}))
    stats = LoadStats("synthea")
    for p in sorted(tmp_path.iterdir()):
        assert list(synthea.load_bundle(p, stats)) == []
    assert stats.skipped == {"malformed bundle": 1, "bundle without exactly one Patient": 1}


def test_bad_note_encoding_is_counted(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(_bundle(note=b"\xff\xfe bad")))
    stats = LoadStats("synthea")
    docs = list(synthea.load_bundle(path, stats))
    assert stats.skipped["note with bad encoding"] == 1 and len(docs) == 2


def test_files_source(tmp_path):
    (tmp_path / "a.txt").write_text("Metformin is first-line for type 2 diabetes.")
    (tmp_path / "b.md").write_bytes(b"caf\xe9 latin-1 text")
    (tmp_path / "c.bin").write_bytes(b"\x00")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4 broken")
    stats = LoadStats("files")
    docs = list(files.load(tmp_path, stats))
    assert [d.title for d in docs] == ["a", "b"]
    assert stats.skipped["unsupported type .bin"] == 1 and stats.skipped["unreadable pdf"] == 1


def test_chunking_limits_overlap_and_ids():
    text = " ".join(f"Sentence number {i} talks about asthma care." for i in range(60))
    doc = Document("d1", "files", "Asthma", text, metadata={"patient_id": "p9"})
    count = lambda s: len(s.split())  # noqa: E731
    chunks = list(chunk_documents([doc], count, max_tokens=60, overlap_tokens=14))
    assert len(chunks) > 3
    assert all(count(c.text) <= 60 for c in chunks)
    assert all(c.patient_id == "p9" and c.doc_id == "d1" for c in chunks)
    first_tail = chunks[0].text.split(". ")[-1]
    assert first_tail in chunks[1].text  # overlap carried over
    again = list(chunk_documents([doc], count, max_tokens=60, overlap_tokens=14))
    assert [c.id for c in chunks] == [c.id for c in again]
