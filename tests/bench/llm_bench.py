"""Embedded-model benchmark: load time, time to first token, prompt and generation tokens/s."""

from __future__ import annotations

import time
from typing import Any

from assistant.llm import ChatOptions

GROUNDING = ("Community-acquired pneumonia presents with cough, fever, pleuritic chest pain and dyspnoea. "
             "Chest radiography confirms consolidation. Severity scores such as CURB-65 guide the site of care. ")


def grounded_prompt(backend: Any, target_tokens: int = 500) -> list[dict[str, str]]:
    """A fixed grounded prompt of about ``target_tokens`` tokens (counted by the model's tokenizer)."""
    sources, n = [], 0
    while True:
        entry = f"[{n + 1}] {GROUNDING}"
        probe = "\n".join(sources + [entry])
        if backend.count_tokens(probe) > target_tokens - 40:
            break
        sources.append(entry)
        n += 1
    user = "Sources:\n" + "\n".join(sources) + "\n\nQuestion: What are common symptoms of pneumonia? Cite sources."
    return [{"role": "system", "content": "Answer from the sources, citing them as [n]."},
            {"role": "user", "content": user}]


def run(threads: int = 2, gen_tokens: int = 128) -> dict[str, Any]:
    from assistant.llm.llamacpp_backend import LlamaCppBackend

    started = time.perf_counter()
    backend = LlamaCppBackend(n_threads=threads).load()
    load_s = time.perf_counter() - started
    msgs = grounded_prompt(backend)
    prompt_tokens = sum(backend.count_tokens(m["content"]) for m in msgs)
    backend.chat([{"role": "user", "content": "hi"}], ChatOptions(max_tokens=2))  # warm-up
    backend.llm.reset()
    t0 = time.perf_counter()
    first = None
    n = 0
    for d in backend.stream(msgs, ChatOptions(max_tokens=gen_tokens, temperature=0.0)):
        if d.content:
            first = first or time.perf_counter()
            n += 1
    end = time.perf_counter()
    assert first is not None
    ttft = first - t0
    return {"model": backend.model_name(), "threads": threads, "load_s": round(load_s, 3),
            "prompt_tokens": prompt_tokens, "ttft_s": round(ttft, 3),
            "prompt_tok_per_s": round(prompt_tokens / ttft, 1),
            "generated_tokens": n, "gen_tok_per_s": round((n - 1) / max(1e-9, end - first), 1)}
