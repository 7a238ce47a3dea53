"""Triage speed: one case after the models load, and a batch of 1,000 cases (KTAS dev visits and the project's
messages, repeated to 1,000) through ``assess_many`` against the obvious baseline, one ``assess`` call per case, in
the same run."""

from __future__ import annotations

import json
import time
from typing import Any


def _cases(n: int) -> list[str]:
    from core.settings import Settings
    from eval.triage_cases import load_cases

    texts = [t for t, _ in load_cases()[1]]
    mirror = Settings().data_mirror
    if mirror and (mirror / "benchmarks" / "triage_ktas_dev.jsonl").is_file():
        rows = (mirror / "benchmarks" / "triage_ktas_dev.jsonl").read_text().splitlines()
        texts = [json.loads(r)["case_description"] for r in rows] + texts
    return (texts * (n // len(texts) + 1))[:n]


def run(n: int = 1000, baseline: int = 200) -> dict[str, Any]:
    from assistant.triage import TriageEngine

    engine = TriageEngine()
    cases = _cases(n)
    t = time.perf_counter()
    engine.assess("warm-up: I have a mild cough")
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    one = [engine.assess(c) for c in cases[:5]]
    one_s = (time.perf_counter() - t) / len(one)
    t = time.perf_counter()
    for c in cases[:baseline]:
        engine.assess(c)
    single_rate = baseline / (time.perf_counter() - t)
    t = time.perf_counter()
    engine.assess_many(cases)
    batch_rate = n / (time.perf_counter() - t)
    return {"models_load_s": round(load_s, 2), "one_case_s": round(one_s, 4), "cases": n,
            "one_at_a_time_cases_per_s": round(single_rate, 1), "batched_cases_per_s": round(batch_rate, 1),
            "batched_vs_one_at_a_time": f"{batch_rate / single_rate:.1f}x"}
