"""``medassist eval phi``: per-label recall and precision (character and span level), keep-span damage, speed."""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def evaluate(cases: list[dict[str, Any]], analyze_many: Any) -> dict[str, Any]:
    """Score ``analyze_many(texts) -> entities per text`` against labelled ``spans`` and ``keep_spans``.

    Speed is the batch's throughput (all cases in one call, as records and evaluation sets are redacted).
    """
    tp = fn = fp = 0
    per_label: dict[str, dict[str, int]] = defaultdict(lambda: {"chars": 0, "chars_found": 0, "spans": 0,
                                                                "spans_found": 0})
    pred_label: dict[str, dict[str, int]] = defaultdict(lambda: {"chars": 0, "chars_correct": 0})
    keep_n = keep_hit = spans_n = spans_found = 0
    chars = 0
    missed: list[str] = []
    false_pos: list[str] = []
    t0 = time.perf_counter()
    found = analyze_many([case["text"] for case in cases])
    seconds = time.perf_counter() - t0
    for case, ents in zip(cases, found):
        text = case["text"]
        chars += len(text)
        det = [None] * len(text)
        for e in ents:
            for i in range(max(0, e.start), min(len(text), e.end)):
                det[i] = e.label
        gold = [False] * len(text)
        for s in case["spans"]:
            lab = per_label[s["label"]]
            n = sum(1 for i in range(s["start"], s["end"]) if not text[i].isspace())
            got = sum(1 for i in range(s["start"], s["end"]) if det[i] and not text[i].isspace())
            lab["chars"] += n
            lab["chars_found"] += got
            lab["spans"] += 1
            spans_n += 1
            if got >= 0.9 * max(1, n):
                lab["spans_found"] += 1
                spans_found += 1
            else:
                missed.append(f"{s['label']}: {text[s['start']:s['end']]!r} ({case.get('id', '')})")
            for i in range(s["start"], s["end"]):
                gold[i] = True
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            tp += bool(det[i]) and gold[i]
            fn += (not det[i]) and gold[i]
            fp += bool(det[i]) and not gold[i]
            if det[i]:
                pred_label[det[i]]["chars"] += 1
                pred_label[det[i]]["chars_correct"] += gold[i]
        for e in ents:
            if not any(gold[e.start:e.end]):
                false_pos.append(f"{e.label}: {text[e.start:e.end]!r} ({case.get('id', '')})")
        for s in case.get("keep_spans", []):
            keep_n += 1
            if any(det[s["start"]:s["end"]]):
                keep_hit += 1
                false_pos.append(f"KEEP {s['label']}: {text[s['start']:s['end']]!r} ({case.get('id', '')})")
    labels = {lab: {"recall_chars": round(v["chars_found"] / max(1, v["chars"]), 4),
                    "recall_spans": round(v["spans_found"] / max(1, v["spans"]), 4), "spans": v["spans"],
                    "precision_chars": round(pred_label[lab]["chars_correct"] / max(1, pred_label[lab]["chars"]), 4)
                    if pred_label[lab]["chars"] else None}
              for lab, v in sorted(per_label.items())}
    return {"n": len(cases), "recall": round(tp / max(1, tp + fn), 4), "precision": round(tp / max(1, tp + fp), 4),
            "span_recall": round(spans_found / max(1, spans_n), 4), "spans": spans_n, "keep_spans_touched": keep_hit,
            "keep_spans": keep_n, "keep_touched_rate": round(keep_hit / max(1, keep_n), 4),
            "ms_per_1000_chars": round(1000 * seconds / max(1, chars) * 1000, 2), "per_label": labels,
            "missed": missed[:50], "false_positives": false_pos[:50]}


def _case_problem(case: Any) -> str | None:
    """What is wrong with one labelled case (``text``, ``spans`` and optional ``keep_spans`` of start/end/label),
    or None."""
    if not isinstance(case, dict) or not isinstance(case.get("text"), str):
        return "needs a \"text\" string"
    for key in ("spans", "keep_spans"):
        spans = case.get(key, [] if key == "keep_spans" else None)
        if not isinstance(spans, list):
            return f"needs a \"{key}\" list"
        for span in spans:
            if not isinstance(span, dict) or not {"start", "end", "label"} <= set(span):
                return f"each of {key} needs start, end and label, got {span!r}"
            start, end = span["start"], span["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(case["text"])):
                return (f"{key} offsets {start!r}-{end!r} are not a span of the {len(case['text'])}-character text "
                        "(Python string indices)")
    return None


def split_of(case: dict[str, Any]) -> str:
    """``test`` for a quarter of the cases, by the SHA-256 of their id (or text): set aside before any tuning, so
    that a first pass on it is held out; ``dev`` for the rest."""
    import hashlib

    key = str(case.get("id") or case["text"]).encode("utf-8")
    return "test" if hashlib.sha256(key).hexdigest()[0] in "0123" else "dev"


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from core.errors import UserInputError
    from guards.phi.analyzer import PhiAnalyzer, merge, widen

    path = Path(args.data)
    if not path.is_file():
        raise UserInputError(f"no such file: {path}")
    try:
        cases = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    except ValueError as exc:
        raise UserInputError(f"{path} is not JSONL: {exc}") from None
    for line, case in enumerate(cases, 1):
        problem = _case_problem(case)
        if problem:
            raise UserInputError(f"{path.name} case {line}: {problem}")
    part = getattr(args, "part", "all")
    if part != "all":
        cases = [c for c in cases if split_of(c) == part]
    analyzer = PhiAnalyzer(tagger=not getattr(args, "no_tagger", False)).load()
    analyzer.analyze_many(["warm up the pipeline, Dr. Smith.", "Seen 03/04/2021 by Dr. Jones."])
    found: list[Any] = []
    parts: dict[str, list[Any]] = {}

    def analyze_and_keep(texts: list[str]) -> list[Any]:
        rules, tagged = analyzer.analyze_parts(texts)
        parts["rules alone"] = [widen(t, r) for t, r in zip(texts, rules)]
        parts["tagger alone"] = [widen(t, merge(g)) for t, g in zip(texts, tagged)]
        found.extend(widen(t, merge(r + g)) for t, r, g in zip(texts, rules, tagged))
        return found

    report = evaluate(cases, analyze_and_keep)
    report["part"] = part
    clean = [i for i, c in enumerate(cases) if not c["spans"]]
    report["phi_free_cases"] = len(clean)
    report["phi_free_touched"] = sum(1 for i in clean if found[i])
    report["tagger"] = analyzer.tagger is not None
    if analyzer.tagger is not None:  # what each signal finds alone; the report above is their union
        report["alone"] = {}
        for name, ents in parts.items():
            sub = evaluate(cases, lambda _t, ents=ents: ents)
            report["alone"][name] = {"recall": sub["recall"], "precision": sub["precision"],
                                     "phi_free_touched": sum(1 for i in clean if ents[i]),
                                     "recall_by_label": {k: v["recall_chars"] for k, v in sub["per_label"].items()}}
    sources = sorted({str(c.get("source", "")) for c in cases})
    if len(sources) > 1:  # the same entities, scored per source (no second pass of the analyzer)
        report["per_source"] = {}
        for src in sources:
            keep = [i for i, c in enumerate(cases) if str(c.get("source", "")) == src]
            sub = evaluate([cases[i] for i in keep], lambda _t, keep=keep: [found[i] for i in keep])
            report["per_source"][src] = {k: sub[k] for k in ("n", "recall", "precision", "spans")}
    # one call per text too, as a chat message is redacted: slower per character on short texts
    texts = [c["text"] for c in cases if c["text"].strip()]
    t0 = time.perf_counter()
    for text in texts:
        analyzer.analyze(text)
    single = time.perf_counter() - t0
    report["ms_per_1000_chars_one_at_a_time"] = round(1000 * single / max(1, sum(map(len, texts))) * 1000, 2)
    return report
