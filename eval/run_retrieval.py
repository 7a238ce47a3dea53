"""``medassist eval retrieval``: each question finding its own source document; dense vs BM25 vs hybrid."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np


def questions(dataset: str, mirror: Path) -> list[tuple[str, str]]:
    """(question, id of the document it came from)."""
    if dataset == "pubmedqa":
        data = json.loads((mirror / "benchmarks" / "pubmedqa_pqal.json").read_text())
        pairs = [(v["QUESTION"], f"pubmed:{pmid}") for pmid, v in data.items()]
    else:
        from retrieval.sources.base import LoadStats
        from retrieval.sources.medquad import load

        pairs = [(d.title, d.id) for d in load(mirror, mirror, LoadStats("medquad"))]
        # the title is the question itself: ask it with the answer as the target; keep every 20th for speed
        pairs = pairs[::20]
    return pairs


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    """Recall@1/5/10 and MRR@10 for each mode on the same questions; ``--offset`` skips the first N (held-out half)."""
    from assistant.wiring import build_retriever
    from core.errors import SetupError, UserInputError

    if args.offset < 0 or (args.limit is not None and args.limit < 1):
        raise UserInputError("--offset must be 0 or more and --limit 1 or more")
    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    if settings.data_mirror is None:
        raise SetupError("set MEDASSIST_DATA_MIRROR to the datasets")
    every = questions(args.dataset, Path(settings.data_mirror))
    pairs = every[args.offset:]
    pairs = pairs[:args.limit] if args.limit else pairs
    if not pairs:
        raise UserInputError(f"--offset {args.offset} leaves no questions: {args.dataset} has {len(every)}")
    retriever = build_retriever(settings, required=True)
    table = {}
    for mode in ("dense", "bm25", "rrf", "hybrid"):
        ranks, lat = [], []
        for q, doc in pairs:
            t = time.perf_counter()
            hits = retriever.search(q, k=10, mode=mode)
            lat.append(time.perf_counter() - t)
            docs = [h.doc_id for h in hits]
            ranks.append(docs.index(doc) + 1 if doc in docs else 0)
        r = np.array(ranks)
        table[mode] = {"recall@1": round(float(((r >= 1) & (r <= 1)).mean()), 4),
                       "recall@5": round(float(((r >= 1) & (r <= 5)).mean()), 4),
                       "recall@10": round(float((r >= 1).mean()), 4),
                       "mrr@10": round(float(np.where(r > 0, 1 / np.maximum(r, 1), 0).mean()), 4),
                       "p50_ms": round(1000 * float(np.percentile(lat, 50)), 1),
                       "p95_ms": round(1000 * float(np.percentile(lat, 95)), 1)}
    return {"dataset": args.dataset, "questions": len(pairs), "chunks": retriever.vectors.ntotal, "modes": table}
