"""Causal hourly features for the sepsis model: each row sees only its own patient's rows up to that hour.

Vectorised (no per-patient Python loop): rolling statistics come from per-patient running sums, and windowed or
running minima and maxima from log2(window) pairwise maxima. A row's values are computed from its own patient's rows
by the same float operations wherever the patient sits in the file. Rows are featurised in blocks of whole patients,
on threads (numpy and pandas release the GIL in these loops), so the work shares the cores.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from risk.parallel import run_threaded

VITALS = ["HR", "O2Sat", "Temp", "SBP", "MAP", "DBP", "Resp", "EtCO2"]
LABS = ["BaseExcess", "HCO3", "FiO2", "pH", "PaCO2", "SaO2", "AST", "BUN", "Alkalinephos", "Calcium", "Chloride",
        "Creatinine", "Bilirubin_direct", "Glucose", "Lactate", "Magnesium", "Phosphate", "Potassium",
        "Bilirubin_total", "TroponinI", "Hct", "Hgb", "PTT", "WBC", "Fibrinogen", "Platelets"]
STATIC = ["Age", "Gender", "Unit1", "Unit2", "HospAdmTime", "ICULOS"]
REQUIRED = ["patient_id", "ICULOS"]
ROLL_VARS = ["HR", "O2Sat", "Temp", "SBP", "MAP", "Resp"]
#: Running extremes since admission: (variable, "max" or "min").
EXTREMES = [("HR", "max"), ("Resp", "max"), ("Temp", "max"), ("Temp", "min"), ("SBP", "min"), ("MAP", "min"),
            ("O2Sat", "min"), ("Lactate", "max"), ("WBC", "max"), ("WBC", "min"), ("Creatinine", "max"),
            ("Platelets", "min"), ("Bilirubin_total", "max"), ("BUN", "max")]


class _Stay:
    """Row bookkeeping for rows grouped by patient in time order.

    Every result for a row is computed from its own patient's rows only, by the same float operations whatever
    else the frame holds: a patient scores the same alone or at the end of a large file.
    """

    def __init__(self, pids: np.ndarray) -> None:
        change = np.r_[True, pids[1:] != pids[:-1]]
        self.n = len(pids)
        self.group = np.cumsum(change) - 1
        self.starts = np.flatnonzero(change)[self.group]
        self.index = np.arange(self.n)
        self.row = self.index - self.starts
        self.longest = int(self.row.max()) + 1 if self.n else 0

    def ffill(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Forward fill within patient; also hours since the value was last measured (NaN if never)."""
        idx = np.where(np.isnan(values), -1, self.index)
        last = np.maximum.accumulate(idx)
        valid = last >= self.starts
        filled = np.where(valid, values[np.maximum(last, 0)], np.nan)
        since = np.where(valid, self.index - last, np.nan)
        return filled, since

    def cumsum(self, values: np.ndarray) -> np.ndarray:
        """Running sum since each patient's first row.

        Counts (booleans, integers) are exact in one global sum. Floats are summed per patient (pandas' grouped
        sum), because a global running sum rounds each patient's values by the size of everything before them.
        """
        if values.dtype.kind in "biu":
            total = np.cumsum(values, dtype=np.int64)
            return total - np.where(self.starts > 0, total[np.maximum(self.starts - 1, 0)], 0)
        return pd.Series(values).groupby(self.group).cumsum().to_numpy()

    def window(self, total: np.ndarray, w: int | None) -> np.ndarray:
        """From running sums (``cumsum``): the sum over each row's last ``w`` rows (all so far when None)."""
        if w is None:
            return total
        lo = self.index - w
        return total - np.where(lo >= self.starts, total[np.maximum(lo, 0)], 0)

    def window_sum(self, values: np.ndarray, w: int | None) -> np.ndarray:
        """Sum of ``values`` over each row's last ``w`` rows of its patient (all rows so far when ``w`` is None)."""
        return self.window(self.cumsum(values), w)

    def window_max(self, values: np.ndarray, w: int | None) -> np.ndarray:
        """Maximum over the last ``w`` rows (or the whole stay so far), ignoring NaN; NaN if none measured.

        Doubling: while ``best[i]`` covers the last ``span`` rows, one step with the row ``step <= span`` earlier
        covers ``span + step``; a row from an earlier patient never enters.
        """
        target = self.longest if w is None else min(w, self.longest)
        best, span = values.astype(np.float64, copy=True), 1
        while span < target:
            step = min(span, target - span)
            earlier = np.full(self.n, np.nan)
            earlier[step:] = best[:-step]
            earlier[self.row < step] = np.nan
            best = np.fmax(best, earlier)
            span += step
        return best

    def window_min(self, values: np.ndarray, w: int | None) -> np.ndarray:
        return -self.window_max(-values, w)


def _column(df: pd.DataFrame, col: str) -> np.ndarray:
    return df[col].to_numpy(dtype=np.float64) if col in df else np.full(len(df), np.nan)


def _rolling(stay: _Stay, raw: np.ndarray, w: int) -> dict[str, np.ndarray]:
    measured = ~np.isnan(raw)
    zero = np.where(measured, raw, 0.0)
    n = stay.window_sum(measured, w)
    s = stay.window_sum(zero, w)
    ss = stay.window_sum(zero * zero, w)
    with np.errstate(all="ignore"):
        mean = np.where(n > 0, s / n, np.nan)
        std = np.sqrt(np.maximum(np.where(n > 0, ss / n, np.nan) - mean * mean, 0.0))
    return {f"mean{w}": mean, f"min{w}": stay.window_min(raw, w), f"max{w}": stay.window_max(raw, w), f"std{w}": std}


def _bands(values: np.ndarray, edges: list[float], below: bool = False) -> np.ndarray:
    """Points 0..len(edges) by thresholds (higher is worse, or lower when ``below``); 0 when unmeasured."""
    v = np.nan_to_num(values, nan=-np.inf if not below else np.inf)
    return (np.sum([v < e if below else v >= e for e in edges], axis=0)).astype(np.float64)


def _block_features(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Every feature of a frame of whole patients (sorted by patient_id then ICULOS), by name."""
    stay = _Stay(df["patient_id"].to_numpy())
    feats: dict[str, np.ndarray] = {col: _column(df, col) for col in STATIC}
    feats["hours_observed"] = stay.row.astype(np.float64)
    raw = {col: _column(df, col) for col in VITALS + LABS}
    for col in VITALS + LABS:
        filled, since = stay.ffill(raw[col])
        measured = ~np.isnan(raw[col])
        counts = stay.cumsum(measured)
        feats[f"{col}_last"] = filled
        feats[f"{col}_since"] = since
        feats[f"{col}_count"] = counts.astype(np.float64)
        if col in LABS:
            feats[f"{col}_count24"] = stay.window(counts, 24).astype(np.float64)
            # change since the previous measurement of this lab
            prev = np.r_[np.nan, filled[:-1]]
            prev[stay.row == 0] = np.nan
            lag, _ = stay.ffill(np.where(measured, prev, np.nan))
            feats[f"{col}_delta"] = filled - lag
        elif col in ROLL_VARS:
            feats[f"{col}_count6"] = stay.window(counts, 6).astype(np.float64)
    for col in ROLL_VARS:
        for w in (6, 24):
            for name, values in _rolling(stay, raw[col], w).items():
                feats[f"{col}_{name}"] = values
        feats[f"{col}_trend6"] = feats[f"{col}_last"] - feats[f"{col}_mean6"]
        feats[f"{col}_trend24"] = feats[f"{col}_mean6"] - feats[f"{col}_mean24"]
    for col, kind in EXTREMES:
        extreme = stay.window_max if kind == "max" else stay.window_min
        feats[f"{col}_stay{kind}"] = extreme(raw[col], None)
    for col in ROLL_VARS + ["Lactate", "WBC", "Creatinine", "Platelets", "Bilirubin_total"]:
        # deviation from the patient's own running baseline (mean of all hourly values so far)
        last = feats[f"{col}_last"]
        seen = ~np.isnan(last)
        total = stay.window_sum(np.where(seen, last, 0.0), None)
        count = stay.window_sum(seen, None)
        with np.errstate(all="ignore"):
            feats[f"{col}_dev"] = last - total / count
    last = {col: feats[f"{col}_last"] for col in VITALS + LABS}
    with np.errstate(all="ignore"):
        feats["shock_index"] = last["HR"] / last["SBP"]
        feats["bun_cr"] = last["BUN"] / last["Creatinine"]
        feats["pulse_pressure"] = last["SBP"] - last["DBP"]
        feats["qsofa_partial"] = (last["Resp"] >= 22).astype(float) + (last["SBP"] <= 100).astype(float)
    feats["labs_measured24"] = sum(feats[f"{c}_count24"] for c in LABS)
    feats["sirs"] = (((last["Temp"] > 38) | (last["Temp"] < 36)).astype(float) + (last["HR"] > 90)
                     + ((last["Resp"] > 20) | (last["PaCO2"] < 32)) + ((last["WBC"] > 12) | (last["WBC"] < 4)))
    feats["sofa_partial"] = (_bands(last["Platelets"], [150, 100, 50, 20], below=True)
                             + _bands(last["Bilirubin_total"], [1.2, 2.0, 6.0, 12.0])
                             + _bands(last["MAP"], [70], below=True)
                             + _bands(last["Creatinine"], [1.2, 2.0, 3.5, 5.0]))
    return feats


#: Rows per block (whole patients, so a block ends at the first patient boundary at or after this many rows).
BLOCK_ROWS = 65_536


@cache
def feature_names() -> tuple[str, ...]:
    """The feature columns, in the order ``featurize`` writes them."""
    return tuple(_block_features(pd.DataFrame({"patient_id": ["p"], "ICULOS": [1.0]})))


def patient_blocks(pids: np.ndarray, rows: int = BLOCK_ROWS) -> list[tuple[int, int]]:
    """``(start, stop)`` row spans of about ``rows`` rows that never split a patient (rows grouped by patient)."""
    starts = np.flatnonzero(np.r_[True, pids[1:] != pids[:-1]])
    cuts = np.unique(starts[np.searchsorted(starts, np.arange(0, len(pids), rows))])
    edges = list(cuts) + [len(pids)]
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def featurize(df: pd.DataFrame, threads: int | None = None) -> pd.DataFrame:
    """Features for every row of ``df`` (sorted by patient_id then ICULOS; the caller keeps the order)."""
    names = feature_names()
    # column-major, so each feature's write is contiguous (a row-major fill costs 10x more); pandas keeps it as one
    # block without a copy and LightGBM reads either layout
    matrix = np.empty((len(df), len(names)), dtype=np.float32, order="F")

    def fill(span: tuple[int, int]) -> None:
        a, b = span
        feats = _block_features(df.iloc[a:b])
        for j, name in enumerate(names):
            matrix[a:b, j] = feats[name]

    run_threaded(fill, patient_blocks(df["patient_id"].to_numpy(), BLOCK_ROWS), threads, "featurize")
    return pd.DataFrame(matrix, columns=list(names), index=df.index, copy=False)


def prepare(df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Validate columns and sort by patient and hour; returns the sorted frame and the inverse order."""
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        from core.errors import UserInputError

        raise UserInputError(f"the CSV lacks required columns {missing} (PhysioNet 2019 layout with patient_id)")
    order = np.lexsort((df["ICULOS"].to_numpy(), df["patient_id"].astype(str).to_numpy()))
    sorted_df = df.iloc[order].reset_index(drop=True)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    return sorted_df, inverse
