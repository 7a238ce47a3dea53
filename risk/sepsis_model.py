"""The sepsis early-warning model: LightGBM in its own text format plus a JSON calibration and threshold."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from assistant.errors import SetupError
from risk.sepsis_features import featurize, prepare

MODEL_DIR = Path(__file__).parent / "models"


class SepsisModel:
    """Hourly probability that sepsis onset is within the next 6 hours (PhysioNet 2019 labels)."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        self.model_dir = Path(model_dir)
        self._booster: Any = None
        self.meta: dict[str, Any] = {}
        self._lock = threading.Lock()

    def load(self) -> "SepsisModel":
        with self._lock:
            if self._booster is None:
                try:
                    import lightgbm as lgb
                except ImportError:
                    raise SetupError("the sepsis model needs lightgbm: run `pip install 'medassist[risk]'`") from None
                txt, meta = self.model_dir / "sepsis_lgbm.txt", self.model_dir / "sepsis_lgbm.json"
                if not txt.is_file() or not meta.is_file():
                    raise SetupError(f"no sepsis model in {self.model_dir}: run `medassist risk train`")
                self.meta = json.loads(meta.read_text())
                self._booster = lgb.Booster(model_file=str(txt))
        return self

    def raw_scores(self, features: pd.DataFrame) -> np.ndarray:
        booster = self.load()._booster
        return booster.predict(features[self.meta["features"]].to_numpy(dtype=np.float32), raw_score=True,
                               num_threads=0)

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        a, b = self.meta["platt_a"], self.meta["platt_b"]
        return 1.0 / (1.0 + np.exp(-(a * raw + b)))

    def predict_frame(self, df: pd.DataFrame) -> np.ndarray:
        """Calibrated probabilities for every row of ``df``, in ``df``'s own order."""
        sorted_df, inverse = prepare(df)
        probs = self.calibrate(self.raw_scores(featurize(sorted_df)))
        return probs[inverse]

    @property
    def threshold(self) -> float:
        return float(self.load().meta.get("utility_threshold", 0.5))
