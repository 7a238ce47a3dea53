"""PHI redaction on styles the dev set lacks (chats with typos, HL7, FHIR, CSV, letters), and on the dev set."""

from __future__ import annotations

import json
import re

import pytest

from eval.run_phi import evaluate
from tests.conftest import ROOT, SHARED_DATA

pytestmark = pytest.mark.slow
_MARK = re.compile(r"\[\[(?P<label>[A-Z_]+)\|(?P<phi>[^\]]+)\]\]|\{\{(?P<keep>[^}]+)\}\}")


def parse_styles() -> list[dict]:
    blocks = (ROOT / "tests" / "data" / "phi_styles.txt").read_text().split("\n---\n")
    cases = []
    for n, block in enumerate(blocks):
        block = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
        text, spans, keep, last = "", [], [], 0
        for m in _MARK.finditer(block):
            text += block[last:m.start()]
            inner = m.group("phi") or m.group("keep")
            start = len(text)
            text += inner
            (spans if m.group("phi") else keep).append({"start": start, "end": len(text),
                                                        "label": m.group("label") or "KEEP", "text": inner})
            last = m.end()
        text += block[last:]
        cases.append({"id": f"style{n}", "text": text, "spans": spans, "keep_spans": keep})
    return cases


@pytest.fixture(scope="module")
def analyzer():
    from guards.phi.analyzer import PhiAnalyzer

    return PhiAnalyzer().load()


def test_other_styles(analyzer):
    report = evaluate(parse_styles(), analyzer.analyze_many)
    assert report["recall"] >= 0.99 and not report["missed"], report["missed"]
    assert report["precision"] >= 0.9, report["false_positives"]
    assert report["keep_spans_touched"] == 0, report["false_positives"]


def test_dev_set(analyzer):
    cases = [json.loads(line) for line in (SHARED_DATA / "phi" / "phi_dev.jsonl").read_text().splitlines()]
    report = evaluate(cases, analyzer.analyze_many)
    assert report["recall"] >= 0.99 and report["precision"] >= 0.95, report
    assert report["keep_touched_rate"] <= 0.01, report["false_positives"]


def test_batch_finds_what_single_calls_find(analyzer):
    texts = [json.loads(line)["text"] for line in (SHARED_DATA / "phi" / "phi_dev.jsonl").read_text().splitlines()]
    texts += ["", "   "] + [c["text"] for c in parse_styles()]
    assert analyzer.analyze_many(texts) == [analyzer.analyze(t) for t in texts]
