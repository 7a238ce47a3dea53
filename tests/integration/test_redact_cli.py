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
    assert doc["text"].startswith("Séance à Zürich")
    bad = subprocess.run([exe, "redact", "--json"], input=text.encode("latin-1"), capture_output=True, env=env,
                         cwd=ROOT)
    err = bad.stderr.decode()
    assert bad.returncode == 2 and "not UTF-8 text (byte 0xe9 at offset 1)" in err and "Traceback" not in err
    assert not bad.stdout
