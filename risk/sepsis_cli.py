"""``medassist risk sepsis --csv IN --out OUT.csv``: a probability for every input row, causally."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from risk.sepsis_data import read_csv
from risk.sepsis_model import SepsisModel
from risk.validation import LIMITS, PHYSIONET_VITALS, implausible


def score_csv(csv: str | Path, out: str | Path, model: SepsisModel | None = None) -> tuple[int, dict[str, int]]:
    """Write ``patient_id,ICULOS,probability`` for every row of ``csv`` (in input order); returns the row count and,
    per vital column, how many values lie outside what a living patient can have (scored as recorded: monitors
    record such artefacts, and the training data hold them too)."""
    df = read_csv(csv)
    probs = (model or SepsisModel()).load().predict_frame(df)
    result = pd.DataFrame({"patient_id": df["patient_id"], "ICULOS": df["ICULOS"], "probability": probs.round(6)})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(out, index=False)
    return len(result), implausible(df)


def implausible_warning(counts: dict[str, int]) -> str | None:
    """One line about values outside the plausibility limits, or None when there are none."""
    if not counts:
        return None
    parts = []
    for col, n in counts.items():
        lo, hi, unit = LIMITS[PHYSIONET_VITALS[col]]
        parts.append(f"{col}: {n} outside {lo:g}-{hi:g} {unit}")
    return (f"warning: {sum(counts.values())} values outside what a living patient can have were scored as recorded "
            f"(likely artefacts; check them): {', '.join(parts)}")
