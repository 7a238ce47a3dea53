"""The learned disposition model: two heads over a case's structured features (``triage_features``) and its sentence
embedding (all-MiniLM-L6-v2), each the mean of a logistic regression and LightGBM trees (on the features and the
embedding's first principal components). P(emergency) decides emergency at the operating point chosen on held-out
folds for emergency sensitivity, and a same-day visit at a lower point; P(self-care) allows self-care.

Weights, scaling, the trees (LightGBM's own text format) and thresholds are one JSON file
(``assistant/models/triage_disposition.json``), trained by
``python -m eval.triage_train``; the model card is ``assistant/models/TRIAGE_MODEL_CARD.md``.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "models" / "triage_disposition.json"
HEADS = ("emergency", "self_care")


def blend(linear: np.ndarray, trees: np.ndarray) -> np.ndarray:
    """The two models' probabilities averaged: each held up better out of source with the other beside it."""
    return (np.asarray(linear) + np.asarray(trees)) / 2


def text_key(text: str) -> str:
    """First 16 hex digits of the SHA-256 of a case's normalised text: how the model lists what trained it."""
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class DispositionModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    embedding_weight: float
    coef: dict[str, np.ndarray]
    intercept: dict[str, float]
    pca_mean: np.ndarray
    pca_components: np.ndarray
    trees: dict[str, Any]
    thresholds: dict[str, float]
    embedder: str
    trained_on: frozenset[str]

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> DispositionModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        feats = tuple(data["features"])
        mean, scale = np.asarray(data["mean"], float), np.asarray(data["scale"], float)
        if mean.shape != (len(feats),) or scale.shape != mean.shape or not (scale > 0).all():
            raise ValueError(f"{path}: mean and scale must be positive vectors of {len(feats)} features")
        coef = {h: np.asarray(data["heads"][h]["coef"], float) for h in HEADS}
        width = {len(c) for c in coef.values()}
        if len(width) != 1 or not all(np.isfinite(c).all() for c in coef.values()):
            raise ValueError(f"{path}: the heads' coefficients must be finite vectors of one length")
        th = {k: float(v) for k, v in data["thresholds"].items()}
        if not 0 < th["urgent"] < th["emergency"] < 1 or not 0 < th["self_care"] < 1:
            raise ValueError(f"{path}: thresholds must satisfy 0 < urgent < emergency < 1 and 0 < self_care < 1")
        import lightgbm as lgb

        pca_mean, components = np.asarray(data["pca_mean"], float), np.asarray(data["pca_components"], float)
        if components.ndim != 2 or components.shape[1] != pca_mean.shape[0]:
            raise ValueError(f"{path}: pca_components must be a matrix over the embedding")
        trees = {h: lgb.Booster(model_str=data["heads"][h]["trees"]) for h in HEADS}
        return cls(feats, mean, scale, float(data["embedding_weight"]), coef,
                   {h: float(data["heads"][h]["intercept"]) for h in HEADS}, pca_mean, components, trees, th,
                   str(data["embedder"]), frozenset(data.get("trained_on", [])))

    def design(self, structured: np.ndarray, vectors: np.ndarray) -> np.ndarray:
        """The model's input: scaled structured features beside the weighted embedding."""
        s = (np.atleast_2d(structured) - self.mean) / self.scale
        return np.hstack([s, self.embedding_weight * np.atleast_2d(vectors)])

    def probabilities(self, structured: np.ndarray, vectors: np.ndarray) -> dict[str, np.ndarray]:
        x = self.design(structured, vectors)
        z = np.hstack([np.atleast_2d(structured), (np.atleast_2d(vectors) - self.pca_mean) @ self.pca_components.T])
        return {h: blend(1.0 / (1.0 + np.exp(-(x @ self.coef[h] + self.intercept[h]))), self.trees[h].predict(z))
                for h in HEADS}


class DispositionScorer:
    """Loads the model and the embedder once, on first use; thread-safe. ``error`` says why it is unavailable."""

    def __init__(self, path: Path = MODEL_PATH, embedder: Any = None) -> None:
        self.path = path
        self._embedder = embedder
        self._model: DispositionModel | None = None
        self._error: str | None = None
        self._lock = threading.Lock()

    def load(self) -> DispositionModel | None:
        with self._lock:
            if self._model is None and self._error is None:
                try:
                    model = DispositionModel.load(self.path)
                    if self._embedder is None:
                        from retrieval.embedders import SentenceTransformerEmbedder

                        self._embedder = SentenceTransformerEmbedder().load()
                    if getattr(self._embedder, "name", model.embedder) != model.embedder:
                        raise ValueError(f"the model was trained on {model.embedder} vectors, "
                                         f"not {self._embedder.name}")
                    from assistant.triage_features import feature_names

                    if tuple(feature_names()) != model.features:
                        raise ValueError("the feature list changed since the model was trained; retrain it")
                    self._model = model
                except Exception as exc:  # noqa: BLE001 - the floor and vital signs still decide, and it is said
                    self._error = f"{type(exc).__name__}: {exc}"
            return self._model

    @property
    def error(self) -> str | None:
        self.load()
        return self._error

    def score(self, structured: np.ndarray, texts: list[str]) -> dict[str, np.ndarray] | None:
        """P(emergency) and P(self-care) per row, or None when the model is unavailable."""
        model = self.load()
        if model is None:
            return None
        return model.probabilities(structured, self._embedder.embed(texts))

    def trained_on(self, text: str) -> bool:
        model = self.load()
        return bool(model) and text_key(text) in model.trained_on


_DEFAULT: DispositionScorer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_scorer() -> DispositionScorer:
    """The process-wide scorer over the shipped weights."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = DispositionScorer()
        return _DEFAULT
