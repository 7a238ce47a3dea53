"""The multiple-choice runner: prompts, retrieval, likelihood scoring, concurrency, resumable per-item records."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.llm.errors import BackendError
from assistant.llm.protocol import ChatBackend
from core.llm_types import ChatOptions, Message
from core.metrics import wilson
from eval.answers import parse_choice
from eval.datasets import McqItem

SYSTEM = "You are a medical expert answering exam questions."


@dataclass
class RunConfig:
    mode: str = "generate"  # generate | cot | likelihood
    rag: bool = False
    k: int = 3
    seed: int = 0
    concurrency: int = 1
    max_tokens: int = 16


def build_messages(item: McqItem, mode: str, snippets: Sequence[Any] = ()) -> list[Message]:
    opts = "\n".join(f"{k}. {v}" for k, v in sorted(item.options.items()))
    parts = []
    if item.context:
        parts.append(f"Context:\n{item.context}")
    if snippets:
        parts.append("Relevant documents:\n" + "\n".join(f"[{i + 1}] {s.title}: {' '.join(s.text.split())[:700]}" for i,
                                                         s in enumerate(snippets)))
    parts.append(f"Question: {item.question}\nOptions:\n{opts}")
    if mode == "cot":
        parts.append("Think step by step in a few sentences, then finish with 'Answer: <letter>'.")
    else:
        parts.append(f"Reply with the letter of the correct option only ({', '.join(sorted(item.options))}).\nAnswer:")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n\n".join(parts)}]


def prompt_hash(messages: list[Message]) -> str:
    return hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest()[:16]


def answer_item(item: McqItem, backend: ChatBackend, cfg: RunConfig, retriever: Any = None) -> dict[str, Any]:
    """One record: prompt hash, retrieved ids, raw output, parsed answer, gold, correct, latency, tokens."""
    started = time.perf_counter()
    snippets = list(retriever.search(item.question, k=cfg.k)) if (cfg.rag and retriever is not None) else []
    messages = build_messages(item, cfg.mode, snippets)
    record: dict[str, Any] = {"qid": item.qid, "dataset": item.dataset, "mode": cfg.mode, "rag": cfg.rag,
                              "prompt_hash": prompt_hash(messages), "retrieved": [s.id for s in snippets],
                              "gold": item.answer}
    try:
        if cfg.mode == "likelihood":
            raw, parsed, usage = _likelihood(backend, messages, item)
        else:
            opts = ChatOptions(temperature=0.0, seed=cfg.seed,
                               max_tokens=256 if cfg.mode == "cot" else cfg.max_tokens)
            out = backend.chat(messages, opts)
            raw, usage = out.content, (out.usage.prompt_tokens, out.usage.completion_tokens)
            parsed = parse_choice(raw, item.options)
    except BackendError as exc:
        raw, parsed, usage = f"ERROR: {exc}", None, (0, 0)
        record["error"] = str(exc)
    record.update(raw=raw, parsed=parsed, correct=parsed == item.answer,
                  latency_s=round(time.perf_counter() - started, 3), prompt_tokens=usage[0], completion_tokens=usage[1])
    return record


def _likelihood(backend: ChatBackend, messages: list[Message], item: McqItem) -> tuple[str, str | None,
                                                                                       tuple[int, int]]:
    """Pick the option letter with the highest next-token log-probability after the prompt."""
    out = backend.chat(messages, ChatOptions(temperature=0.0, max_tokens=1, logprobs=True, top_logprobs=20))
    scores: dict[str, float] = {}
    for tok in (out.logprobs or [])[:1]:
        for text, lp in {tok.token: tok.logprob, **tok.top}.items():
            letter = text.strip().strip("().:").upper()
            if letter in item.options and lp > scores.get(letter, float("-inf")):
                scores[letter] = lp
    parsed = max(scores, key=scores.get) if scores else None  # type: ignore[arg-type]
    raw = json.dumps({k: round(v, 4) for k, v in sorted(scores.items())})
    return raw, parsed, (out.usage.prompt_tokens, out.usage.completion_tokens)


def run_items(items: Sequence[McqItem], backend: ChatBackend, cfg: RunConfig, out_dir: Path, retriever: Any = None,
              progress: Callable[[], None] | None = None) -> list[dict[str, Any]]:
    """Answer every item not already in ``out_dir/results.jsonl`` (append per item: interrupt-safe, resumable)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.jsonl"
    done = load_results(path)
    todo = [it for it in items if it.qid not in done]
    lock = threading.Lock()
    with open(path, "a", encoding="utf-8") as fh:
        def write(rec: dict[str, Any]) -> None:
            with lock:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                fh.flush()
                done[rec["qid"]] = rec
            if progress:
                progress()

        if cfg.concurrency <= 1:
            for it in todo:
                write(answer_item(it, backend, cfg, retriever))
        else:
            with ThreadPoolExecutor(cfg.concurrency) as pool:
                futures = [pool.submit(answer_item, it, backend, cfg, retriever) for it in todo]
                for f in as_completed(futures):
                    write(f.result())
    return [done[it.qid] for it in items if it.qid in done]


def load_results(path: Path) -> dict[str, dict[str, Any]]:
    """Finished records by qid; a half-written last line (killed mid-write) is ignored."""
    done: dict[str, dict[str, Any]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            done[rec["qid"]] = rec
    return done


def summarise(records: Sequence[dict[str, Any]], dataset: str, seconds: float | None = None) -> dict[str, Any]:
    n = len(records)
    correct = sum(1 for r in records if r["correct"])
    unparsed = sum(1 for r in records if r["parsed"] is None)
    lo, hi = wilson(correct, n)
    out = {"dataset": dataset, "n": n, "accuracy": round(correct / n, 4) if n else 0.0,
           "ci95": [round(lo, 4), round(hi, 4)], "unparsed_rate": round(unparsed / n, 4) if n else 0.0,
           "errors": sum(1 for r in records if r.get("error"))}
    if seconds:
        tokens = sum(r.get("prompt_tokens", 0) + r.get("completion_tokens", 0) for r in records)
        out.update(seconds=round(seconds, 2), items_per_s=round(n / seconds, 3),
                   tokens_per_s=round(tokens / seconds, 1))
    return out
