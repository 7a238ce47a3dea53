"""Upstream downloads through a real local HTTP server: pinned and recorded checksums, archives, converters."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import threading
import zipfile
from pathlib import Path

import pytest

from core.errors import SetupError
from retrieval.sources import aci_bench, medquad, pubmedqa, synthea
from retrieval.sources.base import LoadStats
from retrieval.sources.upstream import Upstream, download, extract_archive
from tests.unit.test_sources import _bundle


@pytest.fixture
def server(tmp_path):
    """Serves ``tmp_path/www`` on localhost; yields (directory, base URL)."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *a):  # keep test output clean
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_pinned_checksum_accepts_and_refuses(server, tmp_path):
    root, url = server
    (root / "a.json").write_bytes(b'{"x": 1}')
    good = hashlib.sha256(b'{"x": 1}').hexdigest()
    target = download(Upstream(f"{url}/a.json", good), tmp_path / "cache" / "a.json")
    assert target.read_bytes() == b'{"x": 1}' and (tmp_path / "cache" / "a.json.sha256").read_text().strip() == good
    with pytest.raises(SetupError, match="checksum mismatch"):
        download(Upstream(f"{url}/a.json", "0" * 64), tmp_path / "other" / "a.json")
    assert not any((tmp_path / "other").iterdir())  # nothing half-written left behind


def test_recorded_checksum_catches_a_changed_cache(server, tmp_path):
    root, url = server
    (root / "b.txt").write_text("first")
    target = download(Upstream(f"{url}/b.txt"), tmp_path / "b.txt")
    assert download(Upstream(f"{url}/b.txt"), target) == target  # reused, verified
    target.write_text("tampered")
    with pytest.raises(SetupError, match="changed since it was downloaded"):
        download(Upstream(f"{url}/b.txt"), target)


def test_unreachable_upstream_is_one_clear_error(tmp_path):
    with pytest.raises(SetupError, match="MEDASSIST_DATA_MIRROR"):
        download(Upstream("http://127.0.0.1:9/none.json"), tmp_path / "none.json")
    assert not (tmp_path / "none.json").exists()


def test_archives_extract_atomically_and_refuse_bad_ones(server, tmp_path):
    root, url = server
    (root / "ok.zip").write_bytes(_zip({"top/x.json": b"{}"}))
    out = extract_archive(Upstream(f"{url}/ok.zip"), tmp_path, "ok")
    assert (out / "top" / "x.json").exists()
    (root / "slip.zip").write_bytes(_zip({"../evil.txt": b"x"}))
    with pytest.raises(SetupError, match="outside the archive"):
        extract_archive(Upstream(f"{url}/slip.zip"), tmp_path, "slip")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "slip").exists()
    (root / "bad.zip").write_bytes(b"not a zip")
    with pytest.raises(SetupError, match="did not give a zip"):
        extract_archive(Upstream(f"{url}/bad.zip"), tmp_path, "bad")
    assert not (tmp_path / "bad.zip").exists()


MEDQUAD_XML = """<?xml version="1.0" encoding="UTF-8"?>
<Document id="0000001" source="GHR" url="https://medlineplus.gov/genetics/condition/example-syndrome/">
<Focus>Example syndrome</Focus>
<QAPairs>
  <QAPair pid="1"><Question qid="0000001-1" qtype="information">What is (are) Example syndrome ?</Question>
  <Answer>Example syndrome is a made-up condition used in tests.</Answer></QAPair>
  <QAPair pid="2"><Question qid="0000001-2" qtype="treatment">What are the treatments for Example syndrome ?</Question>
  <Answer></Answer></QAPair>
</QAPairs>
</Document>
"""


def test_medquad_from_upstream_xml(server, tmp_path, monkeypatch):
    root, url = server
    commit = medquad.COMMIT
    (root / "mq.zip").write_bytes(_zip({f"MedQuAD-{commit}/2_GHR_QA/0000001.xml": MEDQUAD_XML.encode(),
                                        f"MedQuAD-{commit}/2_GHR_QA/0000002.xml": b"<Document><broken"}))
    monkeypatch.setattr(medquad, "UPSTREAM", Upstream(f"{url}/mq.zip"))
    stats = LoadStats("medquad")
    docs = list(medquad.load(None, tmp_path / "cache", stats))
    assert [d.title for d in docs] == ["What is (are) Example syndrome ?"]
    assert docs[0].url.startswith("https://medlineplus.gov/") and docs[0].metadata["qtype"] == "information"
    assert stats.skipped["missing question or answer"] == 1
    converted = tmp_path / "cache" / medquad.RELATIVE
    assert json.loads(converted.read_text().splitlines()[0])["doc"] == "2_GHR_QA/0000001_1.xml"


def test_synthea_from_upstream_archive(server, tmp_path, monkeypatch):
    root, url = server
    (root / "s.zip").write_bytes(_zip({"fhir/Ann_Test_p1.json": json.dumps(_bundle()).encode(),
                                       "fhir/hospitalInformation1.json": b"{}"}))
    monkeypatch.setattr(synthea, "UPSTREAM", Upstream(f"{url}/s.zip"))
    docs = list(synthea.load(None, tmp_path / "cache", LoadStats("synthea")))
    assert docs and {d.patient_id for d in docs} == {"p1"}


def test_aci_bench_and_pubmedqa_pinned(server, tmp_path, monkeypatch):
    root, url = server
    notes = b"encounter_id,dataset,dialogue,note\nD2N001,virtassist,hi,CHIEF COMPLAINT\n\nKnee pain.\n"
    meta = b"dataset,encounter_id,patient_firstname,patient_familyname,cc\nvirtassist,D2N001,Ann,Test,knee pain\n"
    (root / "valid.csv").write_bytes(notes)
    (root / "valid_metadata.csv").write_bytes(meta)
    pins = {"valid.csv": hashlib.sha256(notes).hexdigest(), "valid_metadata.csv": hashlib.sha256(meta).hexdigest()}
    monkeypatch.setattr(aci_bench, "UPSTREAM_BASE", url)
    monkeypatch.setattr(aci_bench, "PINNED", pins)
    docs = list(aci_bench.load(None, tmp_path / "cache", LoadStats("aci_bench")))
    assert len(docs) == 1 and docs[0].metadata["patient_id"] == "aci-valid-D2N001"
    pq = json.dumps({"123": {"QUESTION": "q?", "CONTEXTS": ["Text."], "LABELS": ["RESULTS"], "MESHES": ["Humans"]}})
    (root / "pq.json").write_text(pq)
    monkeypatch.setattr(pubmedqa, "UPSTREAM", Upstream(f"{url}/pq.json", "f" * 64))
    with pytest.raises(SetupError, match="checksum mismatch"):
        list(pubmedqa.load(None, tmp_path / "cache", LoadStats("pubmedqa")))
    monkeypatch.setattr(pubmedqa, "UPSTREAM", Upstream(f"{url}/pq.json", hashlib.sha256(pq.encode()).hexdigest()))
    (doc,) = pubmedqa.load(None, tmp_path / "cache", LoadStats("pubmedqa"))
    assert doc.text.endswith("MeSH terms: Humans") and "q?" not in doc.text


def test_pins_match_the_offline_mirror():
    from tests.conftest import SHARED_DATA

    for name, sha in aci_bench.PINNED.items():
        assert hashlib.sha256((SHARED_DATA / aci_bench.RELATIVE / name).read_bytes()).hexdigest() == sha
    assert hashlib.sha256((SHARED_DATA / pubmedqa.RELATIVE).read_bytes()).hexdigest() == pubmedqa.UPSTREAM.sha256
    assert Path(medquad.UPSTREAM.url).name == f"{medquad.COMMIT}.zip"


def test_physionet_sets_download_from_the_first_mirror_that_answers(server, tmp_path):
    from retrieval.sources import physionet

    root, url = server
    (root / "new").mkdir()
    psv = b"HR|ICULOS|SepsisLabel\n80|1|0\n"
    (root / "new" / "training_setA.zip").write_bytes(_zip({"training/p000001.psv": psv, "training/p000002.psv": psv}))
    # the first mirror has no such file (404): the second serves it
    path, patients = physionet.fetch("A", tmp_path / "cache", (f"{url}/old", f"{url}/new"))
    assert patients == 2 and path == tmp_path / "cache" / "physionet2019" / "training_setA.zip"
    assert (path.with_name("training_setA.zip.sha256")).exists()
    with pytest.raises(SetupError, match="training sets A, B"):
        physionet.fetch("C", tmp_path / "cache", (url,))
    (root / "training_setB.zip").write_bytes(b"<html>maintenance</html>")
    with pytest.raises(SetupError, match="not a zip archive; removed it"):
        physionet.fetch("B", tmp_path / "cache", (url,))
    assert not (tmp_path / "cache" / "physionet2019" / "training_setB.zip").exists()
    with pytest.raises(SetupError, match="cannot download"):
        physionet.fetch("B", tmp_path / "other", ("http://127.0.0.1:9",))


def test_risk_fetch_and_train_cli_errors(server, tmp_path):
    from tests.conftest import run_cli

    root, url = server
    (root / "training_setA.zip").write_bytes(_zip({"training/p000001.psv": b"HR|ICULOS|SepsisLabel\n80|1|0\n"}))
    env = {"MEDASSIST_CACHE_DIR": str(tmp_path / "cache")}
    p = run_cli("risk", "fetch", "--set", "A", "--url", url, "--json", env=env)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["patients"] == 1 and out["path"].endswith("physionet2019/training_setA.zip")
    p = run_cli("risk", "train", "--psv", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m"), env=env)
    assert p.returncode != 0 and "no such training source" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "m").exists()
