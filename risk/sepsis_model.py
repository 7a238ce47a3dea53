"""The sepsis early-warning model: two LightGBM boosters (own text format), JSON blend, calibration, threshold.

The boosters score through their compiled objects when ``medassist risk compile`` has cached them for this CPU
(``risk.compiled``), and through LightGBM otherwise; both give the same raw scores.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.errors import SetupError
from risk.sepsis_features import featurize, prepare

MODEL_DIR = Path(__file__).parent / "models"
#: Booster files by target (see ``risk.sepsis_train``), and the JSON with features, blend weight and calibration.
MODEL_FILES = {"hourly": "sepsis_lgbm.txt", "patient": "sepsis_patient_lgbm.txt"}
META_FILE = "sepsis_lgbm.json"


def patient_digest(pid: str) -> str:
    """How the model's JSON records a training patient: the first 16 hex digits of the id's SHA-256."""
    return hashlib.sha256(str(pid).encode()).hexdigest()[:16]


class SepsisModel:
    """Hourly probability that sepsis onset is within the next 6 hours (PhysioNet 2019 labels)."""

    def __init__(self, model_dir: Path = MODEL_DIR, cache_dir: Path | None = None, compiled: bool = True) -> None:
        self.model_dir = Path(model_dir)
        self.cache_dir = cache_dir
        self.use_compiled = compiled
        self._boosters: dict[str, Any] = {}
        self._compiled: dict[str, Any] = {}
        self.meta: dict[str, Any] = {}
        self._lock = threading.Lock()

    def load(self) -> SepsisModel:
        with self._lock:
            if not self._boosters:
                try:
                    import lightgbm as lgb
                except ImportError:
                    raise SetupError("the sepsis model needs lightgbm: run `pip install 'medassist[risk]'`") from None
                paths = {name: self.model_dir / file for name, file in MODEL_FILES.items()}
                meta = self.model_dir / META_FILE
                if not meta.is_file() or not all(path.is_file() for path in paths.values()):
                    raise SetupError(f"no complete sepsis model in {self.model_dir}: run `medassist risk train`")
                self.meta = json.loads(meta.read_text())
                self._boosters = {name: lgb.Booster(model_file=str(path)) for name, path in paths.items()}
                if self.use_compiled:
                    self._compiled = self._load_compiled(paths)
        return self

    def _load_compiled(self, paths: dict[str, Path]) -> dict[str, Any]:
        from risk.compiled import load_compiled

        if self.cache_dir is None:
            from core.settings import load_settings

            self.cache_dir = Path(load_settings().cache_dir)
        compiled = {name: load_compiled(path, self.cache_dir, self._boosters[name]) for name, path in paths.items()}
        return compiled if all(compiled.values()) else {}

    @property
    def engine(self) -> str:
        """``compiled`` (lleaves objects) or ``lightgbm``: what scores the rows."""
        return "compiled" if self.load()._compiled else "lightgbm"

    def raw_scores(self, features: pd.DataFrame) -> np.ndarray:
        """The hourly booster's raw score plus the patient booster's, times the weight chosen in validation."""
        boosters = self.load()._boosters
        X = features[self.meta["features"]].to_numpy(dtype=np.float32)
        if self._compiled:
            from risk.compiled import predict_chunks

            return predict_chunks([self._compiled["hourly"], self._compiled["patient"]],
                                  [1.0, self.meta["patient_weight"]], X)
        raw = boosters["hourly"].predict(X, raw_score=True, num_threads=0)
        return raw + self.meta["patient_weight"] * boosters["patient"].predict(X, raw_score=True, num_threads=0)

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        a, b = self.meta["platt_a"], self.meta["platt_b"]
        return 1.0 / (1.0 + np.exp(-(a * raw + b)))

    def predict_frame(self, df: pd.DataFrame) -> np.ndarray:
        """Calibrated probabilities for every row of ``df``, in ``df``'s own order."""
        sorted_df, inverse = prepare(df)
        probs = self.calibrate(self.raw_scores(featurize(sorted_df)))
        return probs[inverse]

    def seen_in_training(self, pids: list[str]) -> np.ndarray:
        """Whether each patient id was in the model's training data (by the digests its JSON records)."""
        seen = set(self.load().meta.get("training_patients", []))
        return np.array([patient_digest(p) in seen for p in pids], dtype=bool)

    @property
    def threshold(self) -> float:
        return float(self.load().meta.get("utility_threshold", 0.5))
