"""``medassist eval risk``: the sepsis model vs NEWS2 vs qSOFA on the same hourly rows, plots included."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.metrics import auprc, auroc, bootstrap_ci, ece, patient_auroc
from eval.plots import calibration_plot, roc_plot


def _vitals(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The given vital columns as floats, a column the CSV lacks as never measured."""
    return df.reindex(columns=cols).astype(float)


def _labels(df: pd.DataFrame) -> np.ndarray:
    """SepsisLabel as 0/1, with a clear error when it is absent, not 0/1, or of one class only (AUROC needs both)."""
    from core.errors import UserInputError

    if "SepsisLabel" not in df:
        raise UserInputError("the CSV has no SepsisLabel column to evaluate against")
    label = pd.to_numeric(df["SepsisLabel"], errors="coerce")
    bad = ~label.isin([0, 1])
    if bad.any():
        raise UserInputError(f"SepsisLabel must be 0 or 1 on every row: {int(bad.sum())} of {len(df)} rows are "
                             f"empty or something else (first: {df['SepsisLabel'][bad].iloc[0]})")
    if label.nunique() < 2:
        raise UserInputError(f"every one of the {len(df)} rows has SepsisLabel {int(label.iloc[0])}: AUROC needs "
                             "septic and non-septic hours")
    return label.to_numpy(int)


def _news2_rows(df: pd.DataFrame) -> np.ndarray:
    """NEWS2 per row from forward-filled vitals (normal values where never measured; no oxygen/ACVPU data)."""
    from risk.news2 import _hr, _rr, _sbp, _spo2_scale1, _temp

    f = _vitals(df, ["Resp", "O2Sat", "SBP", "HR", "Temp"]).groupby(df["patient_id"]).ffill()
    fill = {"Resp": 16, "O2Sat": 97, "SBP": 120, "HR": 75, "Temp": 37.0}
    f = f.fillna(fill)
    score = (f["Resp"].map(_rr) + f["O2Sat"].map(_spo2_scale1) + f["SBP"].map(_sbp) + f["HR"].map(_hr)
             + f["Temp"].map(_temp))
    return score.to_numpy(dtype=float)


def _qsofa_rows(df: pd.DataFrame) -> np.ndarray:
    f = _vitals(df, ["Resp", "SBP"]).groupby(df["patient_id"]).ffill()
    return ((f["Resp"] >= 22).astype(int) + (f["SBP"] <= 100).astype(int)).to_numpy(dtype=float)


def _in_training(model: Any, p: np.ndarray, y: np.ndarray, pids: np.ndarray) -> dict[str, Any]:
    """How many patients the model was trained on; if any, a warning, and the model's figures on the others alone."""
    ids, inverse = np.unique(pids, return_inverse=True)
    seen = model.seen_in_training(list(ids))
    if not seen.any():
        return {"patients_in_training": 0}
    new = ~seen[inverse]
    out: dict[str, Any] = {"patients_in_training": int(seen.sum()),
                           "warning": f"{int(seen.sum())} of {len(ids)} patients were in the sepsis model's training "
                                      "data: figures that include them are in-sample, not a validation"}
    if 0 < y[new].sum() < new.sum():
        out["unseen_patients_only"] = {
            "patients": int((~seen).sum()), "rows": int(new.sum()),
            "septic_patients": int(len(set(pids[new & (y == 1)]))),
            "hourly_auroc": round(auroc(p[new], y[new]), 4),
            "hourly_auroc_ci95": [round(v, 4) for v in bootstrap_ci(auroc, p[new], y[new], n=200, groups=pids[new])],
            "patient_level_auroc": round(patient_auroc(p[new], y[new], pids[new]), 4)}
    return out


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from risk.sepsis_data import read_csv
    from risk.sepsis_features import prepare
    from risk.sepsis_model import SepsisModel
    from risk.utility import normalized_utility

    out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="eval-risk-"))
    df, _ = prepare(read_csv(args.csv))
    y = _labels(df)
    pids = df["patient_id"].astype(str).to_numpy()
    model = SepsisModel().load()
    started = time.perf_counter()
    p = model.predict_frame(df)
    seconds = time.perf_counter() - started
    news, qs = _news2_rows(df), _qsofa_rows(df)
    scorers = {"sepsis model": p, "NEWS2": news, "qSOFA": qs, "hours in ICU": df["ICULOS"].to_numpy(float)}
    hourly = {name: {"auroc": round(auroc(s, y), 4), "auprc": round(auprc(s, y), 4)} for name, s in scorers.items()}
    hourly["sepsis model"]["auroc_ci95"] = [round(v, 4) for v in bootstrap_ci(auroc, p, y, n=200, groups=pids)]
    patient = {name: round(patient_auroc(s, y, pids), 4) for name,
               s in (("sepsis model", p), ("NEWS2", news), ("qSOFA", qs))}
    septic = pd.Series(y).groupby(pids).max()
    summary = {"rows": int(len(y)), "patients": int(len(septic)), "septic_patients": int(septic.sum()),
               **_in_training(model, p, y, pids), "hourly": hourly, "patient_level_auroc": patient,
               "utility": round(normalized_utility(pids, y, p >= model.threshold), 4), "threshold": model.threshold,
               "ece": round(ece(p, y), 4), "rows_per_second": round(len(y) / seconds),
               "roc_png": str(roc_plot({k: (v, y) for k, v in scorers.items()}, out_dir / "roc.png",
                                       "hourly sepsis warning")),
                                       "calibration_png": str(calibration_plot(p, y, out_dir / "calibration.png",
                                                                               "sepsis model calibration"))}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
