"""The MCQ runner end to end: every MIRAGE subset, with and without retrieval, deterministic and resumable,
on the embedded model and on the CPU vLLM server."""

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
MIRAGE = SHARED_DATA / "benchmarks" / "mirage_dev.json"


def _mcq(out, *extra, env=None, limit="4"):
    p = run_cli("eval", "mcq", "--data", str(MIRAGE), "--limit", limit, "--out", str(out), "--json", *extra, env=env)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


@pytest.mark.parametrize("dataset", ["medmcqa", "pubmedqa", "bioasq"])
def test_every_subset_with_and_without_retrieval(dataset, small_index, tmp_path):
    settings, _ = small_index
    env = {"MEDASSIST_INDEX_DIR": str(settings.index_dir)}
    plain = _mcq(tmp_path / "plain", "--dataset", dataset, "--no-rag", env=env)
    rag = _mcq(tmp_path / "rag", "--dataset", dataset, "--rag", "--k", "2", env=env)
    assert plain["n"] == rag["n"] == 4 and len(plain["ci95"]) == 2
    recs = [json.loads(line) for line in (tmp_path / "rag" / "results.jsonl").read_text().splitlines()]
    assert all(len(r["retrieved"]) == 2 and r["prompt_hash"] and "latency_s" in r for r in recs)


def test_same_run_twice_is_identical(tmp_path):
    a = _mcq(tmp_path / "a", "--dataset", "medmcqa", "--no-rag", limit="6")
    b = _mcq(tmp_path / "b", "--dataset", "medmcqa", "--no-rag", limit="6")
    assert a["accuracy"] == b["accuracy"]
    ra = [json.loads(x)["raw"] for x in (tmp_path / "a" / "results.jsonl").read_text().splitlines()]
    rb = [json.loads(x)["raw"] for x in (tmp_path / "b" / "results.jsonl").read_text().splitlines()]
    assert ra == rb


def test_likelihood_mode(tmp_path):
    out = _mcq(tmp_path / "ll", "--dataset", "pubmedqa", "--mode", "likelihood")
    assert out["unparsed_rate"] == 0.0


def test_interrupted_run_resumes_to_the_same_result(tmp_path):
    full = _mcq(tmp_path / "full", "--dataset", "bioasq", "--no-rag", limit="8")
    part = tmp_path / "part"
    cmd = [str(Path(sys.executable).parent / "medassist"), "eval", "mcq", "--data", str(MIRAGE), "--dataset", "bioasq",
           "--no-rag", "--limit", "8", "--out", str(part), "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "MEDASSIST_DATA_MIRROR": str(SHARED_DATA)})
    results = part / "results.jsonl"
    deadline = time.time() + 300
    while time.time() < deadline and (not results.exists() or len(results.read_text().splitlines()) < 3):
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(results.read_text().splitlines())
    assert 3 <= done_before < 8
    resumed = _mcq(part, "--dataset", "bioasq", "--no-rag", limit="8")
    assert resumed["n"] == 8 and resumed["accuracy"] == full["accuracy"]
    assert len({json.loads(x)["qid"] for x in results.read_text().splitlines() if x.endswith("}")}) == 8


def test_report_renders(tmp_path):
    a = tmp_path / "a"
    _mcq(a, "--dataset", "medmcqa", "--no-rag")
    p = run_cli("eval", "report", str(a), "--out", str(tmp_path / "rep"), "--json")
    assert p.returncode == 0, p.stderr
    text = (tmp_path / "rep" / "report.md").read_text()
    assert "accuracy" in text and "unparsed" in text and (tmp_path / "rep" / "accuracy.png").exists()


@pytest.mark.vllm
def test_vllm_subsets_with_and_without_retrieval(vllm_url, small_index, tmp_path):
    settings, _ = small_index
    env = {"MEDASSIST_LLM_BACKEND": "openai", "MEDASSIST_LLM_BASE_URL": vllm_url,
           "MEDASSIST_INDEX_DIR": str(settings.index_dir)}
    for dataset in ("medmcqa", "pubmedqa", "bioasq"):
        for flag in ("--rag", "--no-rag"):
            out = _mcq(tmp_path / f"{dataset}{flag}", "--dataset", dataset, flag, "--concurrency", "4", env=env)
            assert out["n"] == 4 and out["backend"] == "openai"
    ll = _mcq(tmp_path / "ll", "--dataset", "pubmedqa", "--mode", "likelihood", env=env)
    assert ll["unparsed_rate"] == 0.0


@pytest.mark.vllm
def test_vllm_concurrency_8_beats_1(vllm_url, tmp_path):
    env = {"MEDASSIST_LLM_BACKEND": "openai", "MEDASSIST_LLM_BASE_URL": vllm_url}
    one = _mcq(tmp_path / "c1", "--dataset", "medmcqa", "--no-rag", "--concurrency", "1", "--mode", "cot", env=env,
               limit="16")
    eight = _mcq(tmp_path / "c8", "--dataset", "medmcqa", "--no-rag", "--concurrency", "8", "--mode", "cot", env=env,
                 limit="16")
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "vllm-concurrency.json").write_text(json.dumps({"c1": one, "c8": eight}, indent=1))
    assert one["n"] == eight["n"] == 16 and one["errors"] == eight["errors"] == 0
    # the batching gain depends on the CPU: 4.3x on the machine that measured the README figure, 1.20-1.54x in the runs
    # that recorded it on an AVX2-only 2-core EPYC (no AVX-512, bf16 emulated), so the test asks only that 8 in
    # flight is faster than 1; the figures of every run are kept in the artifact above
    assert eight["items_per_s"] > one["items_per_s"]
