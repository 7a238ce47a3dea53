"""Metrics with honest uncertainty: Wilson and bootstrap intervals, AUROC/AUPRC, calibration, McNemar."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np


def wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a proportion (well behaved at 0, 1 and small n)."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def auroc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Mann-Whitney AUROC with ties averaged."""
    from scipy.stats import rankdata

    s, y = np.asarray(scores, float), np.asarray(labels, int)
    n1, n0 = int(y.sum()), int(len(y) - y.sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    r = rankdata(s)
    return float((r[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def patient_auroc(scores: Sequence[float], labels: Sequence[int], groups: Sequence[str]) -> float:
    """AUROC at patient level: each patient's highest score against whether any of their rows is positive."""
    import pandas as pd

    per = pd.DataFrame({"g": np.asarray(groups), "s": np.asarray(scores, float), "y": np.asarray(labels, int)})
    per = per.groupby("g").max()
    return auroc(per["s"], per["y"])


def auprc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Average precision (step-wise area under the precision-recall curve)."""
    s, y = np.asarray(scores, float), np.asarray(labels, int)
    order = np.argsort(-s, kind="mergesort")
    y = y[order]
    tp = np.cumsum(y)
    precision = tp / np.arange(1, len(y) + 1)
    return float((precision * y).sum() / max(1, y.sum()))


def roc_curve(scores: Sequence[float], labels: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    s, y = np.asarray(scores, float), np.asarray(labels, int)
    order = np.argsort(-s, kind="mergesort")
    y = y[order]
    tpr = np.concatenate([[0], np.cumsum(y) / max(1, y.sum())])
    fpr = np.concatenate([[0], np.cumsum(1 - y) / max(1, (1 - y).sum())])
    return fpr, tpr


def ece(probs: Sequence[float], labels: Sequence[int], bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    p, y = np.asarray(probs, float), np.asarray(labels, int)
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if mask.any():
            total += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def bootstrap_ci(metric: Callable[[np.ndarray, np.ndarray], float], scores: Sequence[float], labels: Sequence[int],
                 n: int = 1000, seed: int = 0, groups: Sequence[str] | None = None) -> tuple[float, float]:
    """Percentile bootstrap 95% interval; resamples groups (e.g. patients) when given."""
    rng = np.random.default_rng(seed)
    s, y = np.asarray(scores, float), np.asarray(labels, int)
    values = []
    if groups is None:
        for _ in range(n):
            idx = rng.integers(0, len(s), len(s))
            values.append(metric(s[idx], y[idx]))
    else:
        g = np.asarray(groups)
        uniq, inverse = np.unique(g, return_inverse=True)
        members = [np.flatnonzero(inverse == i) for i in range(len(uniq))]
        for _ in range(n):
            pick = rng.integers(0, len(uniq), len(uniq))
            idx = np.concatenate([members[i] for i in pick])
            values.append(metric(s[idx], y[idx]))
    v = np.asarray([x for x in values if not math.isnan(x)])
    return (float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))) if len(v) else (float("nan"), float("nan"))


def mcnemar(a_correct: Sequence[bool], b_correct: Sequence[bool]) -> dict[str, float]:
    """Exact McNemar test on paired outcomes: discordant counts and a two-sided p-value."""
    from scipy.stats import binomtest

    a, b = np.asarray(a_correct, bool), np.asarray(b_correct, bool)
    only_a, only_b = int((a & ~b).sum()), int((~a & b).sum())
    n = only_a + only_b
    p = 1.0 if n == 0 else float(binomtest(only_a, n, 0.5).pvalue)
    return {"only_a_correct": only_a, "only_b_correct": only_b, "p_value": p}
