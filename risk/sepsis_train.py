"""Train the sepsis model: 5-fold patient-level cross-validation, then LightGBM refits on every dev patient.

Two boosters share the causal features: one learns the hourly label, the other whether the patient becomes septic
at any point of the stay (a patient-level view that the hourly label, positive for only ~10 hours, gives little
weight). The score is the hourly booster's raw score plus a weight times the patient booster's.

Every reported figure comes from out-of-fold scores: each patient is scored by trees that never saw any of their
hours, and whose round count and blend weight were chosen on the other four folds only (nested), so no fold's labels
pick its own stopping point. Platt calibration and the alert threshold are fitted on the out-of-fold scores. The
final boosters are refitted on all patients with the weight that is best over all five folds, and the round count
that is best over them scaled by how many more patients the refit sees than a fold's training set (`refit_rounds`).
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from risk.sepsis_data import read_training
from risk.sepsis_features import featurize, prepare
from risk.sepsis_model import META_FILE, MODEL_DIR, MODEL_FILES, patient_digest
from risk.utility import normalized_utility

PARAMS = {"objective": "binary", "learning_rate": 0.03, "num_leaves": 31, "min_data_in_leaf": 200,
          "feature_fraction": 0.5, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 10.0,
          "verbose": -1, "seed": 7, "deterministic": True, "num_threads": 2}
FOLDS = 5
#: The two boosters: the hourly label, and "septic at any hour of this stay" on every hour of the patient.
TARGETS = ("hourly", "patient")
BLEND_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


def patient_fold(pid: str, k: int = FOLDS) -> int:
    """A stable fold for a patient (hash of the id), so splits never mix a patient's hours."""
    return int(hashlib.sha256(pid.encode()).hexdigest(), 16) % k


def fit_platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: ``p = 1 / (1 + exp(-(a * raw + b)))``."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(raw.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def utility_threshold(p: np.ndarray, y: np.ndarray, pids: np.ndarray) -> tuple[float, float]:
    """The alert threshold (among 40 upper quantiles of ``p``) with the best normalised utility, and that utility."""
    thresholds = np.quantile(p, np.linspace(0.80, 0.995, 40))
    utilities = [normalized_utility(pids, y, p >= t) for t in thresholds]
    best = int(np.argmax(utilities))
    return float(thresholds[best]), float(utilities[best])


def targets(y: np.ndarray, pids: np.ndarray) -> dict[str, np.ndarray]:
    """Labels per booster: the hourly label, and the patient's maximum of it on every one of their hours."""
    return {"hourly": y, "patient": pd.Series(y).groupby(pids).transform("max").to_numpy()}


def held_out_rounds(curves: np.ndarray) -> tuple[list[int], int]:
    """Round counts from held-out AUROC curves (folds x rounds): per fold, the best of the other folds' mean curve
    (so a fold never picks its own stopping point); for the final refit, the best of all folds' mean curve."""
    per_fold = [int(np.delete(curves, k, axis=0).mean(axis=0).argmax()) + 1 for k in range(len(curves))]
    return per_fold, int(curves.mean(axis=0).argmax()) + 1


def refit_rounds(cv_rounds: dict[str, int], patients: int, fold_patients: float) -> tuple[dict[str, int], float]:
    """Round counts for a refit on ``patients``, from those best for training sets of ``fold_patients``.

    The best round count grows with the training set (89, 138, 215 rounds at 1,483, 2,966, 5,933 patients in the
    model card's learning curve), so the refit's counts are scaled by the ratio of patients, about 1.25 for 5 folds.
    """
    scale = patients / fold_patients
    return {name: max(1, round(r * scale)) for name, r in cv_rounds.items()}, round(scale, 4)


def cross_validate(X: np.ndarray, labels: dict[str, np.ndarray], folds: np.ndarray, rounds: int = 450,
                   progress: bool = True) -> tuple[dict[str, np.ndarray], list[dict[str, Any]], dict[str, int]]:
    """Out-of-fold raw scores of each booster, a per-fold report, and the round counts for the final refit.

    Every fold's boosters train for `rounds` while the held-out fold's hourly AUROC is recorded after each round;
    a fold is then scored at the round count that is best on the other folds' curves (`held_out_rounds`).
    """
    import lightgbm as lgb
    from rich.progress import Progress

    from core.metrics import auroc

    y = labels["hourly"]
    boosters: dict[str, list[Any]] = {name: [] for name in TARGETS}
    curves: dict[str, list[list[float]]] = {name: [] for name in TARGETS}
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("cross-validating", total=FOLDS * len(TARGETS))
        for k in range(FOLDS):
            valid = folds == k
            for name in TARGETS:
                history: dict[str, Any] = {}
                boosters[name].append(lgb.train({**PARAMS, "metric": "auc"},
                                                lgb.Dataset(X[~valid], labels[name][~valid]),
                                                rounds, valid_sets=[lgb.Dataset(X[valid], y[valid])],
                                                valid_names=["held_out"],
                                                callbacks=[lgb.record_evaluation(history)]))
                curves[name].append(history["held_out"]["auc"])
                bar.advance(task)
    oof = {name: np.zeros(len(y)) for name in TARGETS}
    report: list[dict[str, Any]] = [{"fold": k, "rows": int((folds == k).sum())} for k in range(FOLDS)]
    final_rounds: dict[str, int] = {}
    for name in TARGETS:
        per_fold, final_rounds[name] = held_out_rounds(np.array(curves[name]))
        for k, entry in enumerate(report):
            valid = folds == k
            oof[name][valid] = boosters[name][k].predict(X[valid], raw_score=True, num_iteration=per_fold[k])
            entry[f"{name}_rounds"] = per_fold[k]
            entry[f"{name}_booster_auroc"] = round(auroc(oof[name][valid], y[valid]), 4)
    return oof, report, final_rounds


def choose_weight(oof: dict[str, np.ndarray], y: np.ndarray) -> tuple[float, dict[str, float]]:
    """The patient booster's weight with the best pooled hourly AUROC on the given scores (one parameter)."""
    from core.metrics import auroc

    scores = {str(w): round(auroc(oof["hourly"] + w * oof["patient"], y), 4) for w in BLEND_WEIGHTS}
    best = max(BLEND_WEIGHTS, key=lambda w: scores[str(w)])
    return best, scores


def blend_out_of_fold(oof: dict[str, np.ndarray], y: np.ndarray, folds: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """The blended out-of-fold score, each fold with the weight chosen on the other folds' scores."""
    blend = np.zeros(len(y))
    weights = []
    for k in range(FOLDS):
        valid = folds == k
        weight, _ = choose_weight({name: s[~valid] for name, s in oof.items()}, y[~valid])
        blend[valid] = oof["hourly"][valid] + weight * oof["patient"][valid]
        weights.append(weight)
    return blend, weights


def train(paths: list[Path], out_dir: Path, rounds: int = 450, progress: bool = True) -> dict[str, Any]:
    """Cross-validate and refit on every patient of ``paths`` (CSVs, or directories or zips of PhysioNet .psv
    files; see ``risk.sepsis_data``), then replace the model in ``out_dir``."""
    import lightgbm as lgb

    from core.metrics import auprc, auroc, bootstrap_ci, patient_auroc
    from risk.sepsis_sites import by_site, leave_one_site_out

    started = time.time()
    df, _ = prepare(read_training(paths, progress))
    frame = featurize(df)
    features = list(frame.columns)
    X = frame.to_numpy(np.float32)
    y = df["SepsisLabel"].to_numpy(dtype=int)
    pids = df["patient_id"].astype(str).to_numpy()
    patients, patient_of_row = np.unique(pids, return_inverse=True)
    folds = np.array([patient_fold(p) for p in patients])[patient_of_row]
    labels = targets(y, pids)
    sites = df["site"].astype(str).to_numpy()
    # first the hospital-to-hospital figures (each source counts as a site), then patient-level CV over all
    across_sites = leave_one_site_out(X, labels, pids, sites, folds, PARAMS, rounds, progress)
    oofs, per_fold, cv_rounds = cross_validate(X, labels, folds, rounds, progress)
    # every patient trains in all folds but their own: a fold trains on (FOLDS - 1) / FOLDS of them on average
    final_rounds, rounds_scale = refit_rounds(cv_rounds, len(patients), len(patients) * (FOLDS - 1) / FOLDS)
    weight, weight_scores = choose_weight(oofs, y)
    oof, fold_weights = blend_out_of_fold(oofs, y, folds)
    for entry, fold_weight in zip(per_fold, fold_weights):
        valid = folds == entry["fold"]
        entry["patient_weight"] = fold_weight
        entry["hourly_auroc"] = round(auroc(oof[valid], y[valid]), 4)
    a, b = fit_platt(oof, y)
    p_oof = 1 / (1 + np.exp(-(a * oof + b)))
    t_best, best_utility = utility_threshold(p_oof, y, pids)
    lo, hi = bootstrap_ci(auroc, p_oof, y, n=200, groups=pids)
    fold_aurocs = [f["hourly_auroc"] for f in per_fold]
    validation = {"scheme": f"{FOLDS}-fold patient-level cross-validation, out-of-fold scores; "
                            "each fold's rounds and blend weight chosen on the other folds",
                  "hourly_auroc": round(auroc(p_oof, y), 4), "hourly_auroc_ci95": [round(lo, 4), round(hi, 4)],
                  "hourly_auroc_fold_mean": round(float(np.mean(fold_aurocs)), 4),
                  "hourly_auroc_fold_sd": round(float(np.std(fold_aurocs)), 4),
                  "hourly_auroc_hourly_booster_alone": round(auroc(oofs["hourly"], y), 4),
                  "hourly_auroc_by_patient_weight": weight_scores,
                  "hourly_auprc": round(auprc(p_oof, y), 4), "patient_auroc": round(patient_auroc(p_oof, y, pids), 4),
                  "utility": round(best_utility, 4), "patients": len(patients), "rows": int(len(y)),
                  "folds": per_fold, "by_site": by_site(p_oof, y, pids, sites),
                  "across_sites": across_sites}
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name in TARGETS:
        final = lgb.train(PARAMS, lgb.Dataset(X, labels[name], feature_name=features), final_rounds[name])
        written[MODEL_FILES[name]] = out_dir / f".{MODEL_FILES[name]}.tmp"
        final.save_model(str(written[MODEL_FILES[name]]))
    meta = {"features": features, "patient_weight": weight, "platt_a": a, "platt_b": b, "utility_threshold": t_best,
            "rounds": final_rounds, "cv_rounds": cv_rounds, "rounds_scale": rounds_scale, "params": PARAMS,
            "validation": validation, "train_rows": int(len(y)), "train_patients": len(patients),
            "train_sources": [Path(p).name for p in paths],
            # so an evaluation can tell in-sample patients from new ones (`medassist eval risk`)
            "training_patients": sorted(patient_digest(p) for p in patients),
            "seconds": round(time.time() - started, 1)}
    written[META_FILE] = out_dir / f".{META_FILE}.tmp"
    written[META_FILE].write_text(json.dumps(meta, indent=2))
    # every file is complete before any replaces the previous model's
    for name, tmp in written.items():
        tmp.replace(out_dir / name)
    return meta


#: The default training sources in the data mirror: PhysioNet 2019 set A (hospital system A, whole) and the set-B
#: development file (hospital system B).
DEFAULT_SOURCES = ("sepsis2019_setA.csv.gz", "sepsis2019_setB_dev.csv.gz")


def train_cli(sources: list[str], out: str | None, settings: Any) -> dict[str, Any]:
    """``medassist risk train``: the given sources, or both hospitals' files of the data mirror when none is given."""
    from core.errors import SetupError

    paths = [Path(s) for s in sources]
    if not paths:
        vitals = settings.data_mirror / "vitals" if settings.data_mirror else None
        paths = [vitals / name for name in DEFAULT_SOURCES] if vitals else []
        missing = [str(p) for p in paths if not p.is_file()]
        if not paths or missing:
            raise SetupError(f"training files not found ({', '.join(missing) or 'no data mirror'}); pass --csv or "
                             "--psv, or set MEDASSIST_DATA_MIRROR")
    meta = train(paths, Path(out) if out else MODEL_DIR)
    return {k: v for k, v in meta.items() if k != "features"}
