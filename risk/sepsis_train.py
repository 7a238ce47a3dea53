"""Train the sepsis model: patient-level split, LightGBM with early stopping, Platt calibration, utility threshold."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from risk.sepsis_features import featurize, prepare
from risk.sepsis_model import MODEL_DIR
from risk.utility import normalized_utility

PARAMS = {"objective": "binary", "learning_rate": 0.03, "num_leaves": 31, "min_data_in_leaf": 200,
          "feature_fraction": 0.5, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 10.0,
          "verbose": -1, "seed": 7, "deterministic": True, "num_threads": 2}


def patient_fold(pid: str, k: int = 5) -> int:
    """A stable fold for a patient (hash of the id), so splits never mix a patient's hours."""
    return int(hashlib.sha256(pid.encode()).hexdigest(), 16) % k


def _platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(raw.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def train(csv: Path, out_dir: Path, rounds: int = 2000, progress: bool = True) -> dict[str, Any]:
    import lightgbm as lgb

    from eval.metrics import auroc, auprc

    started = time.time()
    df, _ = prepare(pd.read_csv(csv))
    X = featurize(df)
    y = df["SepsisLabel"].to_numpy(dtype=int)
    pids = df["patient_id"].astype(str).to_numpy()
    folds = np.array([patient_fold(p) for p in pids])
    valid = folds == 0
    features = list(X.columns)
    dtrain = lgb.Dataset(X[~valid].to_numpy(np.float32), y[~valid], feature_name=features, free_raw_data=False)
    dvalid = lgb.Dataset(X[valid].to_numpy(np.float32), y[valid], reference=dtrain)
    callbacks = [lgb.early_stopping(150, verbose=False)]
    if progress:
        callbacks.append(lgb.log_evaluation(100))
    booster = lgb.train({**PARAMS, "metric": "auc"}, dtrain, rounds, valid_sets=[dvalid], callbacks=callbacks)
    best = booster.best_iteration or rounds
    raw_valid = booster.predict(X[valid].to_numpy(np.float32), raw_score=True, num_iteration=best)
    a, b = _platt(raw_valid, y[valid])
    p_valid = 1 / (1 + np.exp(-(a * raw_valid + b)))
    thresholds = np.quantile(p_valid, np.linspace(0.80, 0.995, 40))
    utilities = [normalized_utility(pids[valid], y[valid], p_valid >= t) for t in thresholds]
    t_best = float(thresholds[int(np.argmax(utilities))])
    valid_metrics = {"hourly_auroc": round(auroc(p_valid, y[valid]), 4), "hourly_auprc": round(auprc(p_valid, y[valid]), 4),
                     "utility": round(max(utilities), 4), "patients": int(len(np.unique(pids[valid]))),
                     "rows": int(valid.sum())}
    # final model: all dev patients, the number of rounds chosen on the held-out fold
    final = lgb.train(PARAMS, lgb.Dataset(X.to_numpy(np.float32), y, feature_name=features), best)
    out_dir.mkdir(parents=True, exist_ok=True)
    final.save_model(str(out_dir / "sepsis_lgbm.txt"))
    meta = {"features": features, "platt_a": a, "platt_b": b, "utility_threshold": t_best, "rounds": best,
            "params": PARAMS, "validation": valid_metrics, "train_rows": int(len(y)),
            "train_patients": int(len(np.unique(pids))), "seconds": round(time.time() - started, 1)}
    (out_dir / "sepsis_lgbm.json").write_text(json.dumps(meta, indent=2))
    return meta


def train_cli(csv: str | None, out: str | None, settings: Any) -> dict[str, Any]:
    from assistant.errors import SetupError

    path = Path(csv) if csv else (settings.data_mirror / "vitals" / "sepsis2019_setB_dev.csv.gz" if settings.data_mirror else None)
    if path is None or not path.is_file():
        raise SetupError(f"training CSV not found ({path}); pass --csv or set MEDASSIST_DATA_MIRROR")
    meta = train(path, Path(out) if out else MODEL_DIR)
    return {k: v for k, v in meta.items() if k != "features"}
