"""Hybrid retrieval: FAISS and BM25 fused by reciprocal rank, with source and patient filters before ranking.

Patient scoping: a record chunk is eligible only when the query is bound to its patient; literature always is.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from retrieval.bm25_index import BM25Index
from retrieval.docstore import DocStore
from retrieval.documents import SearchHit
from retrieval.embedders import Embedder
from retrieval.faiss_index import FaissIndex

RRF_K = 60


class HybridRetriever:
    """Search over one built index directory."""

    def __init__(self, vectors: FaissIndex, bm25: BM25Index, docstore: DocStore, embedder: Embedder,
                 dense_weight: float = 1.0, lexical_weight: float = 1.0, depth: int = 50) -> None:
        self.vectors = vectors
        self.bm25 = bm25
        self.docstore = docstore
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.depth = depth
        self.row_source, self.row_patient = docstore.row_attributes()
        self.is_literature = self.row_patient == ""
        self._mask_cache: dict[tuple[str | None, tuple[str, ...]], np.ndarray] = {}
        self._lock = threading.Lock()

    def allowed(self, patient_id: str | None, sources: Sequence[str] | None = None) -> np.ndarray:
        """Rows eligible for this query: literature, plus the bound patient's records; then the source filter."""
        key = (patient_id or None, tuple(sorted(sources or ())))
        with self._lock:
            if key not in self._mask_cache:
                mask = self.is_literature.copy()
                if patient_id:
                    mask |= self.row_patient == patient_id
                if sources:
                    mask &= np.isin(self.row_source, list(sources))
                if len(self._mask_cache) > 256:
                    self._mask_cache.clear()
                self._mask_cache[key] = mask
            return self._mask_cache[key]

    def search(self, query: str, k: int = 5, patient_id: str | None = None, sources: Sequence[str] | None = None,
               mode: str = "hybrid", per_doc: int = 1) -> list[SearchHit]:
        """Top ``k`` chunks (at most ``per_doc`` from one document) among the rows this query may see."""
        mask = self.allowed(patient_id, sources)
        if not mask.any() or not query.strip():
            return []
        depth = max(self.depth, 4 * k)
        fused: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            scores, rows = self.vectors.search(self.embedder.embed_query(query), depth, mask)
            for rank, row in enumerate(r for r in rows if r >= 0):
                fused[int(row)] = fused.get(int(row), 0.0) + (self.dense_weight / (RRF_K + rank + 1)
                                                              if mode == "hybrid" else float(scores[rank]))
        if mode in ("hybrid", "bm25"):
            scores, rows = self.bm25.search(query, depth, mask)
            for rank, row in enumerate(rows):
                fused[int(row)] = fused.get(int(row), 0.0) + (self.lexical_weight / (RRF_K + rank + 1)
                                                              if mode == "hybrid" else float(scores[rank]))
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[:max(depth, 4 * k)]
        hits = self.docstore.hits([r for r, _ in ranked], [s for _, s in ranked])
        per: dict[str, int] = {}
        diverse = []
        for h in hits:
            per[h.doc_id] = per.get(h.doc_id, 0) + 1
            if per[h.doc_id] <= per_doc:
                diverse.append(h)
            if len(diverse) == k:
                break
        hits = diverse
        # defence in depth: never return a record of another patient, whatever the index said
        return [h for h in hits if h.patient_id in (None, "") or h.patient_id == patient_id]

    def patients(self) -> list[dict[str, Any]]:
        return self.docstore.patients()

    def patient_record(self, patient_id: str) -> dict[str, Any] | None:
        """Summary facts of one patient: conditions, medications, allergies, latest vitals."""
        docs = self.docstore.patient_documents(patient_id)
        if not docs:
            return None
        summary = next((d for d in docs if d["id"].endswith(":summary")), docs[0])
        meta = summary["metadata"]
        return {"patient_id": patient_id, "name": meta.get("name", ""), "gender": meta.get("gender"),
                "birth_date": meta.get("birth_date"), "active_conditions": meta.get("active_conditions", []),
                "medications": meta.get("medications", []), "allergies": meta.get("allergies", []),
                "latest_vitals": meta.get("vitals", {}), "documents": len(docs)}
