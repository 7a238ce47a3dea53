"""PHI redaction speed after loading: milliseconds per 1,000 characters on notes (one call each, and batched)
and on a long record."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.conftest import SHARED_DATA


def run(repeats: int = 3) -> dict[str, Any]:
    from guards.phi.analyzer import PhiAnalyzer

    a = PhiAnalyzer().load()
    cases = [json.loads(line)["text"] for line in (SHARED_DATA / "phi" / "phi_dev.jsonl").read_text().splitlines()]
    a.analyze(cases[0])
    chars = sum(map(len, cases)) * repeats
    t = time.perf_counter()
    for _ in range(repeats):
        for c in cases:
            a.analyze(c)
    per_note = (time.perf_counter() - t) / chars * 1000 * 1000
    t = time.perf_counter()
    for _ in range(repeats):
        a.analyze_many(cases)
    per_note_batch = (time.perf_counter() - t) / chars * 1000 * 1000
    long = "\n".join(cases) * 2
    t = time.perf_counter()
    a.analyze(long)
    per_long = (time.perf_counter() - t) / len(long) * 1000 * 1000
    return {"notes": len(cases), "avg_note_chars": round(sum(map(len, cases)) / len(cases)),
            "ms_per_1000_chars_notes_one_call_each": round(per_note, 1),
            "ms_per_1000_chars_notes_batched": round(per_note_batch, 1),
            "ms_per_1000_chars_long_record": round(per_long, 1)}
