"""Retrieval benchmark: embedding throughput (default int8 path vs plain sentence-transformers, same run),
index build and query latency at 10k / 100k / 1M vectors, memory, and end-to-end search latency."""

from __future__ import annotations

import json
import os
import resource
import time
from typing import Any

import numpy as np

from tests.conftest import SHARED_DATA


def _passages(n: int = 384) -> list[str]:
    out = []
    with open(SHARED_DATA / "corpora" / "medquad.jsonl") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(rec["question"] + "\n" + " ".join(rec["answer"].split()[:180]))
            if len(out) == n:
                break
    return out


def embedding_throughput() -> dict[str, Any]:
    from sentence_transformers import SentenceTransformer

    from retrieval.embedders import build_embedder, minilm_path

    texts = _passages()
    plain = SentenceTransformer(minilm_path(), device="cpu")
    plain.max_seq_length = 256
    ours = build_embedder("minilm", quantize=True).load()
    plain.encode(texts[:32])
    ours.embed(texts[:32])
    t = time.perf_counter()
    a = plain.encode(texts, batch_size=32, normalize_embeddings=True)
    plain_s = time.perf_counter() - t
    t = time.perf_counter()
    b = ours.embed(texts)
    ours_s = time.perf_counter() - t
    cos = float(np.mean(np.sum(a * b, axis=1)))
    return {"passages": len(texts), "plain_st_per_s": round(len(texts) / plain_s, 1),
            "default_path": ours.name, "default_per_s": round(len(texts) / ours_s, 1),
            "speedup": round(plain_s / ours_s, 2),
            "mean_cosine_vs_fp32": round(cos, 4)}


def vector_scaling(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000), dim: int = 384) -> list[dict[str, Any]]:
    from retrieval.faiss_index import FaissIndex

    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        x = rng.standard_normal((n, dim), dtype=np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        kind = "flat" if n <= 200_000 else "ivfpq"
        t = time.perf_counter()
        idx = FaissIndex.create(dim, n, kind=kind)
        idx.add(x)
        build = time.perf_counter() - t
        lat = []
        mask = np.ones(n, bool)
        mask[::3] = False
        for q in x[:200] + 0.01:
            t = time.perf_counter()
            idx.search(q / np.linalg.norm(q), 10, mask)
            lat.append(time.perf_counter() - t)
        rows.append({"vectors": n, "index": idx.kind, "build_s": round(build, 2),
                     "p50_ms": round(1000 * np.percentile(lat, 50), 2),
                     "p95_ms": round(1000 * np.percentile(lat, 95), 2),
                     "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
        del x, idx
    return rows


def search_latency(index_dir: str) -> dict[str, Any]:
    from retrieval.store import open_index

    r = open_index(index_dir)
    pq = json.loads((SHARED_DATA / "benchmarks" / "pubmedqa_pqal.json").read_text())
    qs = [v["QUESTION"] for v in list(pq.values())[:200]]
    r.search(qs[0], k=5)
    lat = []
    for q in qs:
        t = time.perf_counter()
        r.search(q, k=5)
        lat.append(time.perf_counter() - t)
    return {"chunks": r.vectors.ntotal, "hybrid_p50_ms": round(1000 * np.percentile(lat, 50), 1),
            "hybrid_p95_ms": round(1000 * np.percentile(lat, 95), 1),
            "includes": "query embedding + FAISS + BM25 + fusion"}


def run() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"measure": "embedding", **embedding_throughput()}]
    out += [{"measure": "faiss", **row} for row in vector_scaling()]
    index_dir = os.environ.get("MEDASSIST_INDEX_DIR", ".index")
    if os.path.exists(os.path.join(index_dir, "CURRENT")):
        out.append({"measure": "search", **search_latency(index_dir)})
    return out
