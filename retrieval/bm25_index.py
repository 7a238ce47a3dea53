"""Lexical index with bm25s (saved as JSON + numpy arrays, no pickle); exact filtering by weight mask.

Words are lower-cased and English stopwords dropped; each remaining word is indexed as written and, where it
differs, as its Snowball English stem too, so "diabetic" finds "diabetes" while the exact form still counts
more. On PubMedQA (1,000 questions) and MedQuAD (821) this beat both whole words alone and stems alone (numbers
in the README). The stemmer an index was built with is saved beside it and used for its queries: an index built
before stemming keeps matching its own whole-word vocabulary.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

#: The Snowball stemmer whose stems new indexes add to the words (None: words only, as indexes built before it).
STEMMER = "english"
TOKENIZER_FILE = "medassist_tokenizer.json"


@cache
def _bm25s() -> Any:
    """bm25s, with its logger back at WARNING (importing it sets it to DEBUG, so index builds printed DEBUG lines)."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


@cache
def _stemmer(name: str) -> object:
    import Stemmer

    return Stemmer.Stemmer(name)


def _tokenize(texts: Sequence[str], stemmer: str | None) -> list[list[str]]:
    words: list[list[str]] = _bm25s().tokenize(list(texts), stopwords="en", return_ids=False,  # type: ignore[assignment]
                                            show_progress=False)
    if not stemmer:
        return words
    stem = _stemmer(stemmer)
    return [ws + [s for w, s in zip(ws, stem.stemWords(ws)) if s != w] for ws in words]  # type: ignore[attr-defined]


class BM25Index:
    def __init__(self, model: object, stemmer: str | None = STEMMER) -> None:
        self.model = model
        self.stemmer = stemmer

    @classmethod
    def build(cls, texts: Sequence[str], stemmer: str | None = STEMMER) -> BM25Index:
        model = _bm25s().BM25(k1=1.2, b=0.75)
        model.index(_tokenize(texts, stemmer), show_progress=False)
        return cls(model, stemmer)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        settings = path / TOKENIZER_FILE
        stemmer = json.loads(settings.read_text()).get("stems") if settings.is_file() else None
        return cls(_bm25s().BM25.load(str(path), allow_pickle=False, show_progress=False), stemmer)

    def save(self, path: Path) -> None:
        self.model.save(str(path), allow_pickle=False, show_progress=False)  # type: ignore[attr-defined]
        (path / TOKENIZER_FILE).write_text(json.dumps({"stopwords": "en", "words": True, "stems": self.stemmer}) + "\n")

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows) of the top ``k`` rows with a positive score among the allowed ones."""
        tokens = _tokenize([query], self.stemmer)[0]
        if not tokens:
            return np.zeros(0), np.zeros(0, dtype=np.int64)
        mask = None if allowed is None else allowed.astype(np.float32)
        scores = self.model.get_scores(tokens, weight_mask=mask)  # type: ignore[attr-defined]
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        keep = scores[top] > 0
        return scores[top][keep], top[keep].astype(np.int64)
