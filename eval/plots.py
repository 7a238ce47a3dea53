"""Plots for reports (matplotlib, Agg backend, PNG files)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(plt, fig, path: Path) -> Path:
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def roc_plot(curves: dict[str, tuple[Sequence[float], Sequence[int]]], path: Path, title: str) -> Path:
    """ROC curves of several scorers on the same labels, AUROC in the legend."""
    from core.metrics import auroc, roc_curve

    plt = _plt()
    fig, ax = plt.subplots(figsize=(5, 5), dpi=120)
    for name, (scores, labels) in curves.items():
        fpr, tpr = roc_curve(scores, labels)
        ax.plot(fpr, tpr, label=f"{name} (AUROC {auroc(scores, labels):.3f})")
    ax.plot([0, 1], [0, 1], "k--", lw=0.8)
    ax.set(xlabel="false positive rate", ylabel="true positive rate", title=title)
    ax.legend(loc="lower right", fontsize=8)
    return _save(plt, fig, path)


def calibration_plot(probs: Sequence[float], labels: Sequence[int], path: Path, title: str, bins: int = 10) -> Path:
    plt = _plt()
    p, y = np.asarray(probs, float), np.asarray(labels, int)
    edges = np.linspace(0, 1, bins + 1)
    xs, ys, ns = [], [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & (p < hi if hi < 1 else p <= hi)
        if m.any():
            xs.append(p[m].mean())
            ys.append(y[m].mean())
            ns.append(int(m.sum()))
    fig, ax = plt.subplots(figsize=(5, 5), dpi=120)
    ax.plot([0, 1], [0, 1], "k--", lw=0.8, label="perfect")
    ax.plot(xs, ys, "o-", label="model")
    for x, yv, n in zip(xs, ys, ns):
        ax.annotate(str(n), (x, yv), fontsize=6, textcoords="offset points", xytext=(3, -8))
    ax.set(xlabel="predicted probability", ylabel="observed frequency", title=title, xlim=(0, 1), ylim=(0, 1))
    ax.legend(loc="upper left", fontsize=8)
    return _save(plt, fig, path)


def accuracy_bars(rows: list[dict], path: Path, title: str) -> Path:
    """Accuracy per run/dataset with 95% CI error bars (rows: label, accuracy, ci95)."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(max(5, 1.2 * len(rows)), 4), dpi=120)
    xs = np.arange(len(rows))
    acc = [r["accuracy"] for r in rows]
    err = np.array([[r["accuracy"] - r["ci95"][0], r["ci95"][1] - r["accuracy"]] for r in rows]).T
    colors = ["tab:green" if r.get("rag") else "tab:blue" for r in rows]
    ax.bar(xs, acc, yerr=err, capsize=4, color=colors)
    ax.set_xticks(xs, [r["label"] for r in rows], rotation=30, ha="right", fontsize=8)
    ax.set(ylim=(0, 1), ylabel="accuracy (95% CI)", title=title)
    return _save(plt, fig, path)
