"""Sepsis model batch scoring: rows per second, features included, compiled boosters against LightGBM and NEWS2 row
scoring in the same run."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd

from tests.conftest import SHARED_DATA


def _seconds(fn: Any, repeats: int = 2) -> float:
    """The best of ``repeats`` timed calls (the first call of all is a warm-up elsewhere)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run() -> dict[str, Any]:
    from eval.run_risk import _news2_rows
    from risk.sepsis_features import featurize, prepare
    from risk.sepsis_model import SepsisModel

    df = pd.read_csv(SHARED_DATA / "vitals" / "sepsis2019_setB_dev.csv.gz")
    models = {"compiled": SepsisModel().load(), "lightgbm": SepsisModel(compiled=False).load()}
    out: dict[str, Any] = {"rows": len(df), "trees": models["lightgbm"].meta["rounds"],
                           "engine": models["compiled"].engine}
    for name, model in models.items():
        model.predict_frame(df.head(2000))
        seconds = _seconds(lambda m=model: m.predict_frame(df))
        out[f"{name}_seconds"] = round(seconds, 2)
        out[f"{name}_rows_per_s"] = round(len(df) / seconds)
    sorted_df = prepare(df)[0]
    out["features_seconds"] = round(_seconds(lambda: featurize(sorted_df)), 2)
    out["features_one_thread_seconds"] = round(_seconds(lambda: featurize(sorted_df, threads=1)), 2)
    out["compiled_vs_lightgbm"] = round(out["lightgbm_seconds"] / out["compiled_seconds"], 2)
    news_s = _seconds(lambda: _news2_rows(df), repeats=1)
    out["news2_rows_per_s"] = round(len(df) / news_s)
    return out
