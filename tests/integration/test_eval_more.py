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
    assert doc["n"] == 9 and doc["emergencies_caught"] == doc["emergencies"]
    bad = run_cli("eval", "mcq", "--data", str(SHARED_DATA / "benchmarks" / "mirage_dev.json"), "--dataset", "medqa",
                  "--out", str(tmp_path / "x"), "--json")
    assert bad.returncode != 0 and "medmcqa" in bad.stderr and "Traceback" not in bad.stderr
