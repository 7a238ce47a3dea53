"""``medassist eval triage``: disposition accuracy on vignettes (em / ne / sc), emergencies caught, with CIs.

Semigran-style files carry their urgency; Avey diagnostic vignettes get it from their diagnosis (``eval/data``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from core.errors import UserInputError
from core.metrics import wilson
from eval.triage_data import load_triage

WANT = {"em": {"emergency"}, "ne": {"urgent", "routine"}, "sc": {"self_care"}}


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from assistant.triage import URGENT_BY_MODEL, TriageEngine

    rows, skipped = load_triage(args.data)
    if not rows:
        raise UserInputError(f"{args.data} holds no triage vignettes (rows need urgency_level and case_description, "
                             "or an Avey diagnosis with a known urgency)")
    backend = None
    if settings.llm_backend == "openai":
        from assistant.wiring import build_backend

        backend = build_backend(settings)
    engine = TriageEngine()
    scorer = engine.emergency_model
    records, right, em_n, em_ok, in_training, by_model, to_urgent = [], 0, 0, 0, 0, 0, 0
    confusion: dict[str, dict[str, int]] = {}
    for i, v in enumerate(rows):
        level = v.get("urgency_level")
        if level not in WANT:
            continue
        out = engine.assess(v["case_description"], backend=backend).to_dict()
        ok = out["disposition"] in WANT[level]
        in_training += bool(scorer) and scorer.trained_on(v["case_description"])
        # the model is scored only when no rule said emergency, so a score at its threshold is what raised it
        by_model += bool(scorer) and out["scores"].get("emergency_model", 0.0) >= scorer.threshold
        to_urgent += any(r.startswith(URGENT_BY_MODEL) for r in out["reasons"])
        right += ok
        em_n += level == "em"
        em_ok += level == "em" and out["disposition"] == "emergency"
        confusion.setdefault(level, {}).setdefault(out["disposition"], 0)
        confusion[level][out["disposition"]] += 1
        records.append({"i": i, "gold": level, "disposition": out["disposition"], "correct": ok,
                        "reasons": out["reasons"], "diagnosis": v.get("correct_diagnosis")})
    n = len(records)
    not_em = n - em_n
    false_em = sum(c.get("emergency", 0) for level, c in confusion.items() if level != "em")
    summary = {"n": n, "skipped": skipped, "accuracy": round(right / max(1, n), 4),
               "ci95": [round(x, 4) for x in wilson(right, n)],
               "emergencies": em_n, "emergencies_caught": em_ok,
               "emergency_recall_ci95": [round(x, 4) for x in wilson(em_ok, em_n)],
               "false_emergencies": false_em, "false_emergency_rate": round(false_em / max(1, not_em), 4),
               "confusion": confusion,
               # the emergency model under the rules: how often it decided, and whether these cases trained it
               "emergency_model": {"raised_to_emergency": by_model, "raised_to_urgent": to_urgent,
                                   "cases_that_trained_it": in_training,
                                   "note": ("figures include cases the emergency model was trained on (in-sample for "
                                            "its part)") if in_training else "no case here trained the model"}}
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
        (out / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
