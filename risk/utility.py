"""The PhysioNet/CinC 2019 normalized utility score (rewards early warnings, penalises late and false ones)."""

from __future__ import annotations

import numpy as np

DT_EARLY, DT_OPTIMAL, DT_LATE = -12, -6, 3
MAX_TP, MIN_FN, U_FP, U_TN = 1.0, -2.0, -0.05, 0.0


def _patient_utility(labels: np.ndarray, preds: np.ndarray) -> float:
    n = len(labels)
    if not labels.any():
        return float(np.where(preds, U_FP, U_TN).sum())
    t_sepsis = int(np.argmax(labels)) - DT_OPTIMAL  # labels are already shifted 6 h ahead of onset
    m1 = MAX_TP / (DT_OPTIMAL - DT_EARLY)
    b1 = -m1 * DT_EARLY
    m2 = -MAX_TP / (DT_LATE - DT_OPTIMAL)
    b2 = -m2 * DT_LATE
    m3 = MIN_FN / (DT_LATE - DT_OPTIMAL)
    b3 = -m3 * DT_OPTIMAL
    total = 0.0
    for t in range(n):
        rel = t - t_sepsis
        if rel > DT_LATE:
            continue
        if preds[t]:
            total += max(m1 * rel + b1, U_FP) if rel <= DT_OPTIMAL else m2 * rel + b2
        elif rel > DT_OPTIMAL:
            total += m3 * rel + b3
    return total


def normalized_utility(patient_ids: np.ndarray, labels: np.ndarray, preds: np.ndarray) -> float:
    """(observed - no predictions) / (best - no predictions), summed over patients; 1 is perfect, 0 is inaction."""
    obs = best = none = 0.0
    _, starts = np.unique(patient_ids, return_index=True)
    bounds = list(np.sort(starts)) + [len(patient_ids)]
    for a, b in zip(bounds[:-1], bounds[1:]):
        y = labels[a:b].astype(bool)
        p = preds[a:b].astype(bool)
        ideal = np.zeros(b - a, dtype=bool)
        if y.any():
            t_sepsis = int(np.argmax(y)) - DT_OPTIMAL
            ideal[max(0, t_sepsis + DT_EARLY):min(b - a, t_sepsis + DT_LATE + 1)] = True
        obs += _patient_utility(y, p)
        best += _patient_utility(y, ideal)
        none += _patient_utility(y, np.zeros(b - a, dtype=bool))
    return float((obs - none) / (best - none)) if best != none else 0.0
