"""A second safety net under the triage rules: a logistic regression on sentence embeddings (all-MiniLM-L6-v2)
that can only raise a disposition, never lower one: to emergency at its alert threshold, and to urgent (seen today)
at its lower urgent threshold, when the rules found nothing that needs care today.

The weights are in ``assistant/models/triage_emergency.json`` (trained by ``eval.triage_train``; see
``assistant/models/TRIAGE_MODEL_CARD.md``). When the model or its embedder cannot be loaded, triage runs on the
rules alone and says so in its reasons.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "triage_emergency.json"


def text_key(text: str) -> str:
    """First 16 hex digits of the SHA-256 of a case's normalised text: how the model lists what trained it."""
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class EmergencyModel:
    """Weights over an embedding, the alert and urgent thresholds, and the keys of the training cases."""

    coef: np.ndarray
    intercept: float
    threshold: float
    embedder: str
    trained_on: frozenset[str] = field(default_factory=frozenset)
    #: At or above this (and below ``threshold``) a message the rules left at routine is seen today; None: no tier.
    urgent_threshold: float | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EmergencyModel:
        data = json.loads(Path(path).read_text())
        coef = np.asarray(data["coef"], dtype=np.float64)
        if coef.ndim != 1 or not np.isfinite(coef).all():
            raise ValueError(f"{path}: coef must be a finite vector")
        threshold = float(data["threshold"])
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"{path}: threshold must lie in (0, 1)")
        urgent = data.get("urgent_threshold")
        if urgent is not None and not 0.0 < float(urgent) < threshold:
            raise ValueError(f"{path}: urgent_threshold must lie in (0, threshold)")
        return cls(coef, float(data["intercept"]), threshold, str(data["embedder"]),
                   frozenset(data.get("trained_on", [])), None if urgent is None else float(urgent))

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        """P(emergency) for each row of L2-normalised embeddings."""
        z = np.asarray(vectors, dtype=np.float64) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


class EmergencyScorer:
    """Loads the model and the embedder once, on first use; thread-safe."""

    def __init__(self, path: Path = MODEL_PATH, embedder: Any = None) -> None:
        self.path = path
        self._embedder = embedder
        self._model: EmergencyModel | None = None
        self._error: str | None = None
        self._lock = threading.Lock()

    def _load(self) -> EmergencyModel | None:
        with self._lock:
            if self._model is None and self._error is None:
                try:
                    model = EmergencyModel.load(self.path)
                    if self._embedder is None:
                        from retrieval.embedders import SentenceTransformerEmbedder

                        self._embedder = SentenceTransformerEmbedder().load()
                    if getattr(self._embedder, "name", model.embedder) != model.embedder:
                        raise ValueError(f"the model was trained on {model.embedder} vectors, "
                                         f"not {self._embedder.name}")
                    self._model = model
                except Exception as exc:  # noqa: BLE001 - any failure leaves the rules in charge, and is said
                    self._error = f"{type(exc).__name__}: {exc}"
                    log.warning("triage emergency model not used: %s", self._error)
            return self._model

    @property
    def threshold(self) -> float | None:
        model = self._load()
        return model.threshold if model else None

    @property
    def urgent_threshold(self) -> float | None:
        model = self._load()
        return model.urgent_threshold if model else None

    @property
    def error(self) -> str | None:
        self._load()
        return self._error

    def score(self, text: str) -> float | None:
        """P(emergency) for ``text``, or None when the model is unavailable or the text is empty."""
        model = self._load()
        if model is None or not text.strip():
            return None
        return float(model.probability(self._embedder.embed([text]))[0])

    def trained_on(self, text: str) -> bool:
        model = self._load()
        return bool(model) and text_key(text) in model.trained_on


_DEFAULT: EmergencyScorer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_scorer() -> EmergencyScorer:
    """The process-wide scorer over the shipped weights (the embedder loads once per process)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = EmergencyScorer()
        return _DEFAULT
