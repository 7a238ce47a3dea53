"""`medassist eval retrieval` through the CLI on the session's small real index: every mode, offset and limit."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def test_eval_retrieval_modes_offset_and_limit(small_index):
    settings, _ = small_index
    # the small index holds the first 300 PubMedQA abstracts: questions 21-60 all have their abstract indexed
    p = run_cli("eval", "retrieval", "--dataset", "pubmedqa", "--offset", "20", "--limit", "40",
                "--index", str(settings.index_dir), "--json")
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert report["questions"] == 40
    assert set(report["modes"]) == {"dense", "bm25", "rrf", "hybrid"}
    for mode in report["modes"].values():
        assert 0 <= mode["recall@1"] <= mode["recall@5"] <= mode["recall@10"] <= 1
    assert report["modes"]["hybrid"]["recall@5"] >= 0.9, report["modes"]


def test_eval_retrieval_offset_past_the_end_is_a_clear_error(small_index):
    settings, _ = small_index
    p = run_cli("eval", "retrieval", "--dataset", "pubmedqa", "--offset", "5000",
                "--index", str(settings.index_dir), "--json")
    assert p.returncode == 2 and "leaves no questions: pubmedqa has 1000" in p.stderr
    assert "internal error" not in p.stderr and "Traceback" not in p.stderr
