"""Lexical index with bm25s (saved as JSON + numpy arrays, no pickle); exact filtering by weight mask."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def _tokenize(texts: Sequence[str], show: bool = False) -> list[list[str]]:
    import bm25s

    return bm25s.tokenize(list(texts), stopwords="en", return_ids=False, show_progress=show)  # type: ignore[return-value]


class BM25Index:
    def __init__(self, model: object) -> None:
        self.model = model

    @classmethod
    def build(cls, texts: Sequence[str]) -> "BM25Index":
        import bm25s

        model = bm25s.BM25(k1=1.2, b=0.75)
        model.index(_tokenize(texts), show_progress=False)
        return cls(model)

    @classmethod
    def load(cls, path: Path) -> "BM25Index":
        import bm25s

        return cls(bm25s.BM25.load(str(path), allow_pickle=False, show_progress=False))

    def save(self, path: Path) -> None:
        self.model.save(str(path), allow_pickle=False, show_progress=False)  # type: ignore[attr-defined]

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows) of the top ``k`` rows with a positive score among the allowed ones."""
        tokens = _tokenize([query])[0]
        if not tokens:
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        mask = None if allowed is None else allowed.astype(np.float32)
        scores = self.model.get_scores(tokens, weight_mask=mask)  # type: ignore[attr-defined]
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        keep = scores[top] > 0
        return scores[top][keep], top[keep].astype(np.int64)
