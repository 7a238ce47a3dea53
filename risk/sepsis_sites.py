"""Validation across hospitals: train on every source but one, score the one left out.

Nothing about the hospital left out chooses anything: the round counts, the blend weight, the calibration and the
alert threshold are all chosen on a validation fifth of the training hospitals' patients (by patient hash), and the
boosters that score the left-out hospital are the ones trained on the other four fifths. That is how the model
would do when moved, untouched, to another hospital.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from core.metrics import auprc, auroc, bootstrap_ci, patient_auroc
from risk.utility import normalized_utility


def _train(params: dict[str, Any], X: np.ndarray, y: np.ndarray, Xv: np.ndarray, yv: np.ndarray,
           rounds: int) -> tuple[Any, int]:
    """A booster and its best round on the validation rows."""
    import lightgbm as lgb

    history: dict[str, Any] = {}
    booster = lgb.train({**params, "metric": "auc"}, lgb.Dataset(X, y), rounds, valid_sets=[lgb.Dataset(Xv, yv)],
                        valid_names=["v"], callbacks=[lgb.record_evaluation(history)])
    return booster, int(np.argmax(history["v"]["auc"])) + 1


def leave_one_site_out(X: np.ndarray, labels: dict[str, np.ndarray], pids: np.ndarray, sites: np.ndarray,
                       folds: np.ndarray, params: dict[str, Any], rounds: int = 450,
                       progress: bool = True) -> dict[str, Any]:
    """Per left-out site: hourly AUROC (patient-bootstrap 95% CI), AUPRC, patient-level AUROC and the PhysioNet
    2019 normalised utility at the threshold chosen on the training sites. Empty with fewer than two sites."""
    from rich.progress import Progress

    from risk.sepsis_train import TARGETS, choose_weight, fit_platt, utility_threshold

    names = sorted(set(sites))
    if len(names) < 2:
        return {}
    y = labels["hourly"]
    out: dict[str, Any] = {}
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("across hospitals", total=len(names) * len(TARGETS))
        for test_site in names:
            train = sites != test_site
            valid = train & (folds == 0)
            fit = train & ~valid
            test = ~train
            raw_valid, raw_test, best = {}, {}, {}
            for name in TARGETS:
                booster, best[name] = _train(params, X[fit], labels[name][fit], X[valid], y[valid], rounds)
                raw_valid[name] = booster.predict(X[valid], raw_score=True, num_iteration=best[name])
                raw_test[name] = booster.predict(X[test], raw_score=True, num_iteration=best[name])
                bar.advance(task)
            weight, _ = choose_weight(raw_valid, y[valid])
            blend_valid = raw_valid["hourly"] + weight * raw_valid["patient"]
            blend_test = raw_test["hourly"] + weight * raw_test["patient"]
            a, b = fit_platt(blend_valid, y[valid])
            p_valid = 1 / (1 + np.exp(-(a * blend_valid + b)))
            threshold, _ = utility_threshold(p_valid, y[valid], pids[valid])
            p_test = 1 / (1 + np.exp(-(a * blend_test + b)))
            lo, hi = bootstrap_ci(auroc, p_test, y[test], n=200, groups=pids[test])
            trained_on = "+".join(n for n in names if n != test_site)
            out[f"{trained_on} -> {test_site}"] = {
                "hourly_auroc": round(auroc(p_test, y[test]), 4), "hourly_auroc_ci95": [round(lo, 4), round(hi, 4)],
                "hourly_auprc": round(auprc(p_test, y[test]), 4),
                "patient_auroc": round(patient_auroc(p_test, y[test], pids[test]), 4),
                "utility": round(normalized_utility(pids[test], y[test], p_test >= threshold), 4),
                "patients": len(set(pids[test])), "rows": int(test.sum()), "rounds": best, "patient_weight": weight,
                "chosen_on": f"{len(set(pids[valid]))} validation patients of {trained_on}"}
    return out


def by_site(scores: np.ndarray, y: np.ndarray, pids: np.ndarray, sites: np.ndarray) -> dict[str, Any]:
    """Out-of-fold hourly AUROC (with a patient-bootstrap CI) and patient-level AUROC within each site."""
    out: dict[str, Any] = {}
    for site in sorted(set(sites)):
        m = sites == site
        lo, hi = bootstrap_ci(auroc, scores[m], y[m], n=200, groups=pids[m])
        out[site] = {"hourly_auroc": round(auroc(scores[m], y[m]), 4),
                     "hourly_auroc_ci95": [round(lo, 4), round(hi, 4)],
                     "patient_auroc": round(patient_auroc(scores[m], y[m], pids[m]), 4),
                     "patients": len(set(pids[m])), "rows": int(m.sum())}
    return out
