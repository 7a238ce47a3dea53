"""``medassist eval vision``: AUC, accuracy, sensitivity, specificity, ECE (with CIs) and a ROC curve PNG."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from core.metrics import auroc, bootstrap_ci, ece, wilson
from eval.plots import calibration_plot, roc_plot


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from vision.service import predict_npz

    out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="eval-vision-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    n = predict_npz(args.npz, args.split, out_dir / "probabilities.json")
    seconds = time.perf_counter() - started
    probs = np.array(json.loads((out_dir / "probabilities.json").read_text()))
    y = np.load(args.npz)[f"{args.split}_labels"].ravel().astype(int)
    pred = probs >= 0.5
    tp, tn = int((pred & (y == 1)).sum()), int((~pred & (y == 0)).sum())
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    acc = float((pred == y).mean())
    summary = {
        "split": args.split, "n": n, "auc": round(auroc(probs, y), 4),
        "auc_ci95": [round(v, 4) for v in bootstrap_ci(auroc, probs, y)],
        "accuracy": round(acc, 4), "accuracy_ci95": [round(v, 4) for v in wilson(int((pred == y).sum()), n)],
        "sensitivity": round(tp / max(1, pos), 4), "sensitivity_ci95": [round(v, 4) for v in wilson(tp, pos)],
        "specificity": round(tn / max(1, neg), 4), "specificity_ci95": [round(v, 4) for v in wilson(tn, neg)],
        "ece": round(ece(probs, y), 4), "ms_per_image": round(1000 * seconds / max(1, n), 2),
        "roc_png": str(roc_plot({"pneumonia CNN": (probs, y)}, out_dir / "roc.png", f"PneumoniaMNIST {args.split}")),
        "calibration_png": str(calibration_plot(probs, y, out_dir / "calibration.png", f"calibration ({args.split})")),
    }
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
