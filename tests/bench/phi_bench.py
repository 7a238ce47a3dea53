"""PHI redaction speed after loading: milliseconds per 1,000 characters on notes (one call each, and batched; batched
with the recognizers alone, without the tagger) and on a long record; and, in the same run, Presidio out of the
box (its predefined recognizers on the same spaCy model) over the same notes, the obvious baseline."""

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
    rules = PhiAnalyzer(tagger=False).load()
    rules.analyze_many(cases[:2])
    t = time.perf_counter()
    for _ in range(repeats):
        rules.analyze_many(cases)
    per_note_rules = (time.perf_counter() - t) / chars * 1000 * 1000
    long = "\n".join(cases) * 2
    t = time.perf_counter()
    a.analyze(long)
    per_long = (time.perf_counter() - t) / len(long) * 1000 * 1000
    baseline = _presidio_out_of_the_box(cases, repeats, chars)
    return {"notes": len(cases), "avg_note_chars": round(sum(map(len, cases)) / len(cases)),
            "presidio_out_of_the_box_ms_per_1000_chars": round(baseline, 1),
            "batched_vs_presidio_out_of_the_box": f"{baseline / per_note_batch:.2f}x",
            "ms_per_1000_chars_notes_one_call_each": round(per_note, 1),
            "ms_per_1000_chars_notes_batched": round(per_note_batch, 1),
            "ms_per_1000_chars_notes_batched_recognizers_alone": round(per_note_rules, 1),
            "tagger": a.tagger is not None,
            "ms_per_1000_chars_long_record": round(per_long, 1)}


def _presidio_out_of_the_box(cases: list[str], repeats: int, chars: int) -> float:
    """Milliseconds per 1,000 characters for Presidio's own recognizers on the project's spaCy model."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from guards.phi.engine import nlp_configuration

    nlp = NlpEngineProvider(nlp_configuration=nlp_configuration()).create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp)
    engine = AnalyzerEngine(nlp_engine=nlp, registry=registry)
    engine.analyze(cases[0], language="en")
    t = time.perf_counter()
    for _ in range(repeats):
        for c in cases:
            engine.analyze(c, language="en")
    return (time.perf_counter() - t) / chars * 1000 * 1000
