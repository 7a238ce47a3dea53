"""PubMedQA PQA-L with its abstracts as context, HealthBench rubric grading, and the triage evaluation."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED_DATA, run_cli

pytestmark = pytest.mark.slow


def test_pqal_with_abstracts_as_context(tmp_path):
    p = run_cli("eval", "mcq", "--data", str(SHARED_DATA / "benchmarks" / "pubmedqa_pqal.json"), "--dataset", "pqal",
                "--limit", "3", "--out", str(tmp_path), "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["n"] == 3
    rec = json.loads((tmp_path / "results.jsonl").read_text().splitlines()[0])
    assert rec["gold"] in ("A", "B", "C") and rec["retrieved"] == []


def test_healthbench_is_graded_on_rubrics(tmp_path):
    p = run_cli("eval", "healthbench", "--data", str(SHARED_DATA / "benchmarks" / "healthbench_sample30.jsonl"),
                "--limit", "1", "--out", str(tmp_path), "--json", env={"MEDASSIST_LLM_MAX_TOKENS": "64"}, timeout=900)
    assert p.returncode == 0, p.stderr
    summary = json.loads(p.stdout)
    rec = json.loads((tmp_path / "results.jsonl").read_text())
    assert summary["n"] == 1 and 0 <= summary["score"] <= 1 and len(rec["met"]) > 0 and rec["reply"]


def test_triage_eval_and_unknown_subset_error(tmp_path):
    p = run_cli("eval", "triage", "--data", str(SHARED_DATA / "benchmarks" / "triage_semigran_dev.jsonl"),
                "--out", str(tmp_path), "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["n"] == 9 and doc["emergencies_caught"] == doc["emergencies"] and doc["skipped"] == 0
    assert doc["emergency_model"]["cases_that_trained_it"] == 0  # Semigran dev stays unseen by the model
    bad = run_cli("eval", "mcq", "--data", str(SHARED_DATA / "benchmarks" / "mirage_dev.json"), "--dataset", "medqa",
                  "--out", str(tmp_path / "x"), "--json")
    assert bad.returncode != 0 and "medmcqa" in bad.stderr and "Traceback" not in bad.stderr


def test_triage_eval_on_avey_vignettes_reports_labels_skips_and_false_emergencies(tmp_path):
    p = run_cli("eval", "triage", "--data", str(SHARED_DATA / "benchmarks" / "avey_vignettes.jsonl"),
                "--out", str(tmp_path), "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert (doc["n"], doc["skipped"], doc["emergencies"]) == (297, 103, 50)
    assert doc["emergencies_caught"] == 50 and doc["false_emergencies"] <= 12
    assert doc["emergency_model"]["cases_that_trained_it"] == 297 and "in-sample" in doc["emergency_model"]["note"]
    lo, hi = doc["emergency_recall_ci95"]
    assert 0.9 < lo < 1.0 and hi == 1.0
    records = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert len(records) == 297 and all(r["diagnosis"] and r["reasons"] for r in records)
    from tests.triage_cases import MODEL_CATCHES

    caught = tmp_path / "model.jsonl"
    caught.write_text("".join(json.dumps({"urgency_level": "em", "case_description": t}) + "\n" for t in MODEL_CATCHES))
    doc = json.loads(run_cli("eval", "triage", "--data", str(caught), "--json").stdout)
    assert doc["emergencies_caught"] == 2 and doc["emergency_model"]["raised_to_emergency"] == 2
    assert doc["emergency_model"]["raised_to_urgent"] == 0
    from tests.triage_cases import MODEL_URGENT

    same_day = tmp_path / "urgent.jsonl"
    same_day.write_text("".join(json.dumps({"urgency_level": "ne",
                                            "case_description": t}) + "\n" for t in MODEL_URGENT))
    doc = json.loads(run_cli("eval", "triage", "--data", str(same_day), "--json").stdout)
    assert doc["confusion"] == {"ne": {"urgent": 2}} and doc["emergency_model"]["raised_to_urgent"] == 2
    empty = tmp_path / "none.jsonl"
    empty.write_text(json.dumps({"question": "q"}) + "\n")
    bad = run_cli("eval", "triage", "--data", str(empty), "--json")
    assert bad.returncode != 0 and "no triage vignettes" in bad.stderr and "Traceback" not in bad.stderr


def test_answers_eval_scores_both_modes_resumes_and_rejects_bad_rows(small_index, tmp_path):
    """Questions from the indexed MedQuAD pages, asked with their own page left out of retrieval."""
    from retrieval.sources.base import LoadStats
    from retrieval.sources.medquad import load

    settings, _ = small_index
    docs = [d for d in load(SHARED_DATA, SHARED_DATA, LoadStats("medquad"))][:300:100]
    data = tmp_path / "qa.jsonl"
    data.write_text("".join(json.dumps({"question": d.title, "answer": d.text, "url": d.url}) + "\n" for d in docs))
    args = ("eval", "answers", "--data", str(data), "--index", str(settings.index_dir), "--exclude-reference",
            "--out", str(tmp_path / "run"), "--json")
    env = {"MEDASSIST_LLM_MAX_TOKENS": "64"}
    p = run_cli(*args, env=env, timeout=900)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    for mode in ("extractive", "generative"):
        row = doc["modes"][mode]
        assert row["n"] == len(docs) and 0 <= row["support_f1"]["mean"] <= 1
        assert row["support_f1"]["ci95"][0] <= row["support_f1"]["mean"] <= row["support_f1"]["ci95"][1]
    logged = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert len(logged) == 2 * len(docs) and (tmp_path / "run" / "answers.png").stat().st_size > 1000
    assert all(not set(r["citations"]) & {d.url for d in docs if d.title == r["question"]} for r in logged)
    again = run_cli(*args, env=env, timeout=300)  # resumed: nothing is asked again
    assert again.returncode == 0 and len((tmp_path / "run" / "results.jsonl").read_text().splitlines()) == len(logged)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "What is asthma?"}\n')
    p = run_cli("eval", "answers", "--data", str(bad), "--out", str(tmp_path / "bad"))
    assert p.returncode == 2 and "lack a question or an answer" in p.stderr and "Traceback" not in p.stderr
