"""Dense vectors in FAISS: Flat (exact) up to ~200k vectors, HNSW above; filters applied inside the search."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

FLAT_MAX = 200_000


class VectorIndex(Protocol):
    """Inner-product search over row ids 0..n-1, restricted to rows where ``allowed`` is True."""

    @property
    def ntotal(self) -> int: ...

    def add(self, vectors: np.ndarray) -> None: ...

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]: ...

    def reconstruct(self, rows: np.ndarray) -> np.ndarray: ...

    def save(self, path: Path) -> None: ...


class FaissIndex:
    """A FAISS index (IndexFlatIP or IndexHNSWFlat) saved in FAISS's own file format."""

    def __init__(self, index: object) -> None:
        self.index = index

    @classmethod
    def create(cls, dim: int, expected: int, kind: str = "auto", gpu: bool = False) -> FaissIndex:
        import faiss

        if kind == "auto":
            kind = "flat" if expected <= FLAT_MAX else "hnsw"
        if kind == "flat":
            index = faiss.IndexFlatIP(dim)
        elif kind == "ivfpq":
            nlist = max(64, min(4096, int(4 * expected ** 0.5)))
            index = faiss.IndexIVFPQ(faiss.IndexFlatIP(dim), dim, nlist, 48, 8, faiss.METRIC_INNER_PRODUCT)
            index.nprobe = 16
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 96
        else:
            raise ValueError(f"unknown index kind {kind!r}: flat, hnsw, ivfpq or auto")
        if gpu and hasattr(faiss, "StandardGpuResources") and faiss.get_num_gpus() > 0 and kind == "flat":
            index = faiss.index_cpu_to_all_gpus(index)
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> FaissIndex:
        import faiss

        return cls(faiss.read_index(str(path)))

    @property
    def kind(self) -> str:
        return type(self.index).__name__

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)  # type: ignore[attr-defined]

    def add(self, vectors: np.ndarray) -> None:
        if len(vectors) and not self.index.is_trained:  # type: ignore[attr-defined]
            sample = vectors[np.random.default_rng(0).choice(len(vectors), min(len(vectors), 100_000), replace=False)]
            self.index.train(np.ascontiguousarray(sample, dtype=np.float32))  # type: ignore[attr-defined]
        if len(vectors):
            self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))  # type: ignore[attr-defined]

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows) of the top ``k``; rows are -1 where fewer than ``k`` are allowed."""
        import faiss

        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        k = max(1, min(k, self.ntotal))
        if allowed is None:
            scores, rows = self.index.search(q, k)  # type: ignore[attr-defined]
            return scores[0], rows[0]
        bits = np.packbits(allowed.astype(np.uint8), bitorder="little")
        sel = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bits))
        if isinstance(self.index, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(96, 2 * k))
        elif isinstance(self.index, faiss.IndexIVF):
            params = faiss.SearchParametersIVF(sel=sel, nprobe=self.index.nprobe)
        else:
            params = faiss.SearchParameters(sel=sel)
        scores, rows = self.index.search(q, k, params=params)  # type: ignore[attr-defined]
        return scores[0], rows[0]

    def reconstruct(self, rows: np.ndarray) -> np.ndarray:
        return np.stack([self.index.reconstruct(int(r)) for r in rows]) if len(rows) else np.zeros((0, self.index.d),
                                                                                                   np.float32)  # type: ignore[attr-defined]

    def reconstruct_all(self) -> np.ndarray:
        return self.index.reconstruct_n(0, self.ntotal)  # type: ignore[attr-defined]

    def save(self, path: Path) -> None:
        import faiss

        index = self.index
        if hasattr(faiss, "index_gpu_to_cpu") and "Gpu" in type(index).__name__:
            index = faiss.index_gpu_to_cpu(index)
        faiss.write_index(index, str(path))
