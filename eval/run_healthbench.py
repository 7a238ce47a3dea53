"""``medassist eval healthbench``: conversations answered by the assistant, graded on rubrics by a judge model."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from eval.datasets import load_jsonl

JUDGE = ("You grade a medical assistant's reply against one rubric criterion. Reply with exactly 'yes' if the "
         "reply meets the criterion, otherwise 'no'.\n\nConversation:\n{conv}\n\nReply:\n{reply}\n\nCriterion: {crit}\n"
         "Does the reply meet the criterion?")


def grade(reply: str, conv: str, rubrics: list[dict[str, Any]], judge: Any) -> dict[str, Any]:
    """HealthBench scoring: points of met criteria over the total of positive points, clipped to [0, 1]."""
    from core.llm_types import ChatOptions

    met = []
    for r in rubrics:
        out = judge.chat([{"role": "user",
                           "content": JUDGE.format(conv=conv[:3000], reply=reply[:3000], crit=r["criterion"])}],
                           ChatOptions(max_tokens=3, temperature=0.0))
        met.append(out.content.strip().lower().startswith("yes"))
    possible = sum(r["points"] for r in rubrics if r["points"] > 0)
    got = sum(r["points"] for r, m in zip(rubrics, met) if m)
    return {"score": max(0.0, min(1.0, got / possible)) if possible else 0.0, "met": met}


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from assistant.loop import TurnRequest
    from assistant.wiring import build_assistant, build_backend
    from core.metrics import bootstrap_ci

    rows = load_jsonl(args.data)[: args.limit] if args.limit else load_jsonl(args.data)
    bot = build_assistant(settings)
    judge = build_backend(settings)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    scores = []
    with open(out_dir / "results.jsonl", "w") as fh:
        for row in rows:
            turns = row["prompt"]
            conv = "\n".join(f"{t['role']}: {t['content']}" for t in turns)
            ans = bot.run(TurnRequest(message=turns[-1]["content"], role=args.role))
            g = grade(ans.text, conv, row["rubrics"], judge)
            scores.append(g["score"])
            fh.write(json.dumps({"prompt_id": row.get("prompt_id"), "reply": ans.text, **g}) + "\n")
    mean = sum(scores) / max(1, len(scores))
    lo, hi = bootstrap_ci(lambda s, _y: float(s.mean()), scores, [0] * len(scores)) if scores else (0.0, 0.0)
    summary = {"n": len(scores), "score": round(mean, 4), "ci95": [round(lo, 4), round(hi, 4)],
               "judge": judge.model_name()}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
