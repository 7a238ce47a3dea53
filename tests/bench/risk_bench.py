"""Sepsis model batch scoring: rows per second, features included, against NEWS2 row scoring in the same run."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd

from tests.conftest import SHARED_DATA


def run() -> dict[str, Any]:
    from risk.sepsis_model import SepsisModel

    df = pd.read_csv(SHARED_DATA / "vitals" / "sepsis2019_setB_dev.csv.gz")
    model = SepsisModel().load()
    model.predict_frame(df.head(2000))
    t = time.perf_counter()
    model.predict_frame(df)
    seconds = time.perf_counter() - t
    from eval.run_risk import _news2_rows

    t = time.perf_counter()
    _news2_rows(df)
    news_s = time.perf_counter() - t
    return {"rows": len(df), "seconds": round(seconds, 2), "rows_per_s": round(len(df) / seconds),
            "news2_rows_per_s": round(len(df) / news_s), "trees": model.meta["rounds"]}
