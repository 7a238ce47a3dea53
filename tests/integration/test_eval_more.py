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
    assert doc["n"] == 9 and doc["emergency_sensitivity"]["n"] == 3 and doc["skipped"] == 0
    assert doc["cases_that_trained_the_model"] == 9 and "in-sample" in doc["note"]
    assert (tmp_path / "triage.png").stat().st_size > 1000
    bad = run_cli("eval", "mcq", "--data", str(SHARED_DATA / "benchmarks" / "mirage_dev.json"), "--dataset", "medqa",
                  "--out", str(tmp_path / "x"), "--json")
    assert bad.returncode != 0 and "medmcqa" in bad.stderr and "Traceback" not in bad.stderr


def test_triage_eval_reads_ktas_and_four_level_labels_per_item_and_resumes(tmp_path):
    rows = [json.loads(line) for line in (SHARED_DATA / "benchmarks" / "triage_ktas_dev.jsonl").open()][:40]
    data = tmp_path / "mixed.jsonl"
    extra = [{"case_description": "I have had a runny nose for two days and feel fine otherwise.",
              "urgency_level": "Self-care"},
             {"case_description": "Sudden crushing chest pain spreading to my left arm, sweating.",
              "triage": "Emergent"}]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows + extra))
    out = tmp_path / "run"
    p = run_cli("eval", "triage", "--data", str(data), "--out", str(out), "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["labelled"] == 42 and "ktas_1_2_called_emergency" in doc and "ktas_4_5_called_emergency" in doc
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["i"] for r in records] == list(range(42))
    assert records[-1]["gold"] == ["emergency"] and records[-2]["gold"] == ["self_care"]
    assert all(r["gold"] for r in records) and {r["ktas"] for r in records[:40]} <= {1, 2, 3, 4, 5}
    # a second run takes the records of the first (marked here) and triages only what is missing
    records[0]["reasons"] = ["from the first run"]
    (out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[:30]))
    again = json.loads(run_cli("eval", "triage", "--data", str(data), "--out", str(out), "--json").stdout)
    resumed = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(resumed) == 42 and resumed[0]["reasons"] == ["from the first run"] and again["labelled"] == 42
    empty = tmp_path / "none.jsonl"
    empty.write_text(json.dumps({"question": "q"}) + "\n")
    bad = run_cli("eval", "triage", "--data", str(empty), "--json")
    assert bad.returncode != 0 and "no triage cases" in bad.stderr and "Traceback" not in bad.stderr


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
