"""A whole clinician turn on the embedded model with 5 retrieved chunks: time to first token and total."""

from __future__ import annotations

import os
import time
from typing import Any


def run(repeats: int = 3) -> dict[str, Any]:
    from assistant.events import Answer, Token
    from assistant.loop import TurnRequest
    from assistant.wiring import build_assistant
    from core.settings import Settings

    settings = Settings(index_dir=os.environ.get("MEDASSIST_INDEX_DIR", ".index"), retrieval_k=5)
    bot = build_assistant(settings)
    if bot.retriever is None:
        return {"skipped": f"no index at {settings.index_dir}: run `medassist index build` first"}
    bot.warm_up()
    ttft, total, chunks = [], [], 0
    for q in ["What are common symptoms of pneumonia?", "How is asthma treated in adults?",
              "What causes iron deficiency anemia?"][:repeats]:
        t = time.perf_counter()
        first = None
        for e in bot.turn(TurnRequest(message=q)):
            if isinstance(e, Token) and first is None:
                first = time.perf_counter() - t
            if isinstance(e, Answer):
                chunks = len(e.citations)
        ttft.append(first or 0.0)
        total.append(time.perf_counter() - t)
    return {"turns": len(total), "retrieved_chunks": chunks, "ttft_s_max": round(max(ttft), 2),
            "ttft_s_mean": round(sum(ttft) / len(ttft), 2), "turn_s_max": round(max(total), 2),
            "turn_s_mean": round(sum(total) / len(total), 2), "threads": settings.llm_threads}
