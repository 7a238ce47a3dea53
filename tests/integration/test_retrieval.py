"""Retrieval through the real embedder and indexes: scoping, recall, incremental and atomic builds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_DATA, run_cli

pytestmark = pytest.mark.slow


def _patients(retriever):
    recs = [p for p in retriever.patients() if p["source"] == "synthea"]
    assert len(recs) >= 3
    return recs


def test_bound_search_never_returns_another_patients_records(retriever):
    pats = _patients(retriever)
    a = pats[0]["patient_id"]
    leaks = checked = 0
    for other in pats[1:]:
        rec = retriever.patient_record(other["patient_id"])
        conds = (rec or {}).get("active_conditions", []) or ["encounter"]
        names = [other["name"], *conds[:2]]
        for query in names:
            for mode in ("hybrid", "dense", "bm25"):
                hits = retriever.search(query, k=20, patient_id=a, mode=mode)
                checked += 1
                leaks += sum(1 for h in hits if h.patient_id not in (None, a))
    assert checked > 5 and leaks == 0


def test_unbound_search_returns_no_patient_record(retriever):
    for p in _patients(retriever):
        hits = retriever.search(p["name"] + " encounter note", k=20)
        assert all(h.patient_id is None for h in hits)


def test_bound_search_finds_own_records(retriever):
    p = _patients(retriever)[0]
    hits = retriever.search("history and physical note", k=10, patient_id=p["patient_id"])
    assert any(h.patient_id == p["patient_id"] for h in hits)


def test_pubmedqa_questions_find_their_abstract(retriever):
    data = json.loads((SHARED_DATA / "benchmarks" / "pubmedqa_pqal.json").read_text())
    pmids = list(data)[:40]  # the first 300 documents are in the small index
    found = sum(any(h.doc_id == f"pubmed:{p}" for h in retriever.search(data[p]["QUESTION"], k=5)) for p in pmids)
    assert found / len(pmids) >= 0.9


def test_source_filter_applies_before_ranking(retriever):
    hits = retriever.search("diabetes treatment", k=10, sources=["medquad"])
    assert hits and all(h.source == "medquad" for h in hits)


def test_rebuild_is_incremental(small_index):
    from retrieval.build import build_index

    settings, first = small_index
    second = build_index(settings, ["pubmedqa", "synthea", "medquad"], progress=False, limit=300)
    assert first["bm25_stemmer"] == "english"
    assert second["embedded"] == 0 and second["reused_vectors"] == first["chunks"]
    assert second["content_hash"] == first["content_hash"]


def test_killed_build_leaves_previous_index_readable(small_index, tmp_path):
    import shutil

    from retrieval.store import open_index, read_manifest

    settings, _ = small_index
    copy = tmp_path / "idx"
    shutil.copytree(settings.index_dir, copy)
    before = read_manifest(copy)["content_hash"]
    env = {**os.environ, "MEDASSIST_DATA_MIRROR": str(SHARED_DATA), "MEDASSIST_INDEX_DIR": str(copy)}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "medassist"), "index", "build", "--source", "aci_bench",
                             "--source", "pubmedqa", "--json"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    time.sleep(12)  # loading the embedder, reading and embedding: mid-way
    assert proc.poll() is None, "the build finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert read_manifest(copy)["content_hash"] == before
    assert open_index(copy).search("asthma", k=3)


def test_half_written_index_is_a_clear_error(tmp_path):
    (tmp_path / "CURRENT").write_text("v-missing")
    p = run_cli("search", "asthma", "--index", str(tmp_path), "--json")
    assert p.returncode != 0 and "incomplete" in p.stderr and "Traceback" not in p.stderr


def test_search_cli_contract(small_index):
    settings, _ = small_index
    p = run_cli("search", "What is asthma?", "--k", "3", "--json", env={"MEDASSIST_INDEX_DIR": str(settings.index_dir)})
    assert p.returncode == 0, p.stderr
    hits = json.loads(p.stdout)
    assert len(hits) == 3
    assert set(hits[0]) >= {"id", "score", "source", "title", "text", "url", "patient_id"}
    info = run_cli("index", "info", "--json", env={"MEDASSIST_INDEX_DIR": str(settings.index_dir)})
    assert json.loads(info.stdout)["chunks"] > 100
    env = {"MEDASSIST_INDEX_DIR": str(settings.index_dir)}
    held = sorted({h["source"] for h in hits})
    only = run_cli("search", "What is asthma?", "--source", held[0], "--json", env=env)
    assert only.returncode == 0 and {h["source"] for h in json.loads(only.stdout)} == {held[0]}
    # a misspelt source is an error naming what the index holds, not an empty result
    typo = run_cli("search", "What is asthma?", "--source", "pubmed", "--json", env=env)
    assert typo.returncode == 2 and "holds no source pubmed; it holds:" in typo.stderr and held[0] in typo.stderr


def test_langchain_retriever(retriever):
    from retrieval.langchain_adapter import MedassistRetriever

    docs = MedassistRetriever(retriever=retriever, k=2).invoke("What causes asthma?")
    assert len(docs) == 2 and docs[0].metadata["url"]
