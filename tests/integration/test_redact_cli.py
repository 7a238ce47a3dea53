"""``medassist redact`` as users and checks call it; importing guards stays light."""

import json
import subprocess
import sys

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def test_redact_json_contract():
    text = "Patient: Margaret O'Connell, MRN 00483921, DOB 03/14/1951, has Parkinson disease. Call (617) 555-0143."
    p = run_cli("redact", "--json", stdin=text)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    got = {text[e["start"]:e["end"]]: e["label"] for e in doc["entities"]}
    assert got == {"Margaret O'Connell": "NAME", "00483921": "MRN", "03/14/1951": "DATE", "(617) 555-0143": "PHONE"}
    assert "Parkinson disease" in doc["text"] and "Margaret" not in doc["text"]
    assert all(0 <= e["score"] <= 1 for e in doc["entities"])


def test_redact_empty_input():
    p = run_cli("redact", "--json", stdin="")
    assert p.returncode == 0 and json.loads(p.stdout) == {"text": "", "entities": []}


def test_importing_guards_loads_nothing_heavy():
    code = ("import sys, guards, guards.phi.redactor, guards.safety.red_flags, guards.audit; "
            "heavy = [m for m in ('spacy', 'presidio_analyzer', 'torch', 'thinc') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_default_analyzer_download(monkeypatch):
    """The engine is built from en_core_web_sm (PyPI package); spacy.cli.download is never reached."""
    import spacy.cli

    def boom(*a, **k):
        raise AssertionError("model download attempted")

    monkeypatch.setattr(spacy.cli, "download", boom)
    from guards.phi.engine import build_engine

    engine = build_engine()
    assert engine.analyze(text="Dr. Ana Ruiz saw him.", language="en")


def test_redact_reads_utf8_bytes_and_refuses_other_encodings():
    """Offsets count characters of the decoded text (accents included); Latin-1 bytes are a one-line error."""
    import os
    from pathlib import Path

    from tests.conftest import ROOT, SHARED_DATA

    exe = str(Path(sys.executable).parent / "medassist")
    env = {**os.environ, "MEDASSIST_DATA_MIRROR": str(SHARED_DATA)}
    text = "Séance à Zürich: patient Margaret O'Connell, MRN 00483921."
    ok = subprocess.run([exe, "redact", "--json"], input=text.encode("utf-8"), capture_output=True, env=env, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)
    assert {text[e["start"]:e["end"]] for e in doc["entities"]} >= {"Margaret O'Connell", "00483921"}
    assert doc["text"].endswith(": patient [PATIENT_1], MRN [MRN_1].")  # a city may be redacted (HIPAA), nothing shifts
    bad = subprocess.run([exe, "redact", "--json"], input=text.encode("latin-1"), capture_output=True, env=env,
                         cwd=ROOT)
    err = bad.stderr.decode()
    assert bad.returncode == 2 and "not UTF-8 text (byte 0xe9 at offset 1)" in err and "Traceback" not in err
    assert not bad.stdout


def _notes(path, n, seed=7):
    """``n`` synthetic notes (Faker: names, dates, phones) with the same name twice in each."""
    from faker import Faker

    fake = Faker()
    Faker.seed(seed)
    with path.open("w") as fh:
        for i in range(n):
            name = f"{fake.first_name()} {fake.last_name()}"
            mrn, seen = fake.random_number(digits=7, fix_len=True), fake.date(pattern="%m/%d/%Y")
            text = (f"{name} (MRN {mrn}) seen {seen} for cough. {name} will call {fake.phone_number()} if worse. "
                    "Amoxicillin 500 mg three times daily.")
            fh.write(json.dumps({"id": i, "text": text}) + "\n")


def test_redact_jsonl_keeps_order_offsets_and_one_surrogate_table_per_document(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _notes(src, 40)
    p = run_cli("redact", "--jsonl", str(src), "--out", str(out), "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == {"documents": 40, "out": str(out)}
    originals = [json.loads(line) for line in src.read_text().splitlines()]
    redacted = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in redacted] == list(range(40))
    for orig, red in zip(originals, redacted):
        name = orig["text"].split(" (MRN")[0]
        spans = [orig["text"][e["start"]:e["end"]] for e in red["entities"]]
        assert spans.count(name) == 2 and name not in red["text"], (orig, red)
        assert red["text"].startswith("[PATIENT_1] (MRN") and red["text"].count("[PATIENT_1]") == 2
        assert "Amoxicillin 500 mg three times daily." in red["text"]


def test_redact_jsonl_bad_line_stops_before_any_output(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('{"text": "Jane Roe, MRN 483920"}\n{"note": "no text field"}\n')
    p = run_cli("redact", "--jsonl", str(src), "--out", str(out))
    assert p.returncode == 2 and f"{src}:2:" in p.stderr and "Traceback" not in p.stderr
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
    p = run_cli("redact", "--jsonl", str(src), "--out", str(src))
    assert p.returncode == 2 and "must differ" in p.stderr


def test_redact_a_folder_of_notes_to_the_same_relative_paths(tmp_path):
    (tmp_path / "in" / "ward").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Seen by Dr. Helen Carter on 03/14/2024. Call (617) 555-0143.")
    (tmp_path / "in" / "ward" / "b.txt").write_text("No identifiers: aspirin 81 mg daily.")
    p = run_cli("redact", "--dir", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert p.returncode == 0, p.stderr
    a = (tmp_path / "out" / "a.txt").read_text()
    assert "Helen" not in a and "555-0143" not in a and "[DATE_1]" in a
    assert (tmp_path / "out" / "ward" / "b.txt").read_text() == "No identifiers: aspirin 81 mg daily."


def test_redact_ten_thousand_notes_shows_progress_and_finishes(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _notes(src, 10_000, seed=11)
    p = run_cli("redact", "--jsonl", str(src), "--out", str(out), timeout=1200)
    assert p.returncode == 0, p.stderr
    assert "10000/10000" in p.stderr and len(out.read_text().splitlines()) == 10_000


def test_eval_phi_on_the_set_aside_part_counts_phi_free_cases_touched(tmp_path):
    from eval.run_phi import split_of

    text = "Seen by Dr. Helen Carter on 03/14/2024, case {}."
    spans = [{"start": text.index(w), "end": text.index(w) + len(w), "label": label}
             for w, label in (("Helen Carter", "NAME"), ("03/14/2024", "DATE"))]
    cases = [{"id": f"q{i}", "text": text.format(i), "spans": spans, "source": "a"} for i in range(12)]
    cases += [{"id": f"c{i}", "text": "Aspirin 81 mg daily for secondary prevention.", "spans": [], "source": "b"}
              for i in range(12)]
    data = tmp_path / "phi.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in cases))
    p = run_cli("eval", "phi", "--data", str(data), "--part", "test", "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    test = [c for c in cases if split_of(c) == "test"]
    assert doc["part"] == "test" and doc["n"] == len(test)
    assert doc["phi_free_cases"] == sum(1 for c in test if not c["spans"]) and doc["phi_free_touched"] == 0
    assert set(doc["per_source"]) == {c["source"] for c in test} and doc["per_source"]["a"]["recall"] == 1.0
