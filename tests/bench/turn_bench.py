"""A whole clinician turn on the embedded model with 5 retrieved chunks, in both trusts in the same run: the model
writing the answer (generative, the baseline) and the answer composed from the sources (extractive, the default)."""

from __future__ import annotations

import os
import time
from typing import Any

QUESTIONS = ["What are common symptoms of pneumonia?", "How is asthma treated in adults?",
             "What causes iron deficiency anemia?"]


def _turns(trust: str, repeats: int) -> dict[str, Any]:
    from assistant.events import Answer, Token
    from assistant.loop import TurnRequest
    from assistant.wiring import build_assistant
    from core.settings import Settings

    settings = Settings(index_dir=os.environ.get("MEDASSIST_INDEX_DIR", ".index"), retrieval_k=5, llm_trust=trust)
    bot = build_assistant(settings)
    if bot.retriever is None:
        return {"skipped": f"no index at {settings.index_dir}: run `medassist index build` first"}
    bot.warm_up()
    ttft, total, chunks = [], [], 0
    for q in QUESTIONS[:repeats]:
        t = time.perf_counter()
        first = None
        for e in bot.turn(TurnRequest(message=q)):
            if isinstance(e, Token) and first is None:
                first = time.perf_counter() - t
            if isinstance(e, Answer):
                chunks = len(e.citations)
        ttft.append(first or 0.0)
        total.append(time.perf_counter() - t)
    return {"trust": trust, "turns": len(total), "retrieved_chunks": chunks, "ttft_s_max": round(max(ttft), 3),
            "ttft_s_mean": round(sum(ttft) / len(ttft), 3), "turn_s_max": round(max(total), 3),
            "turn_s_mean": round(sum(total) / len(total), 3), "threads": settings.llm_threads}


def run(repeats: int = 3) -> list[dict[str, Any]]:
    rows = [_turns("generative", repeats), _turns("extractive", repeats)]
    if all("turn_s_mean" in r for r in rows):
        rows[1]["faster_than_generative"] = f"{rows[0]['turn_s_mean'] / max(rows[1]['turn_s_mean'], 1e-3):.0f}x"
    return rows
