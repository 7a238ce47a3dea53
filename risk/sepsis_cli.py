"""``medassist risk sepsis --csv IN --out OUT.csv``: a probability for every input row, causally."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from risk.sepsis_data import read_csv
from risk.sepsis_model import SepsisModel


def score_csv(csv: str | Path, out: str | Path, model: SepsisModel | None = None) -> int:
    """Write ``patient_id,ICULOS,probability`` for every row of ``csv`` (in input order)."""
    df = read_csv(csv)
    probs = (model or SepsisModel()).load().predict_frame(df)
    result = pd.DataFrame({"patient_id": df["patient_id"], "ICULOS": df["ICULOS"], "probability": probs.round(6)})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(out, index=False)
    return len(result)
