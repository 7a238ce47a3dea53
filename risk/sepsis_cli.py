"""``medassist risk sepsis --csv IN --out OUT.csv``: a probability for every input row, causally."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from assistant.errors import UserInputError
from risk.sepsis_model import SepsisModel


def read_csv(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise UserInputError(f"no such file: {path}")
    try:
        df = pd.read_csv(path)
    except (ValueError, OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise UserInputError(f"{path.name} is not a readable CSV ({type(exc).__name__})") from None
    if df.empty:
        raise UserInputError(f"{path.name} has no rows")
    if "ICULOS" in df and not pd.api.types.is_numeric_dtype(df["ICULOS"]):
        raise UserInputError("ICULOS must be numeric hours since ICU admission")
    return df


def score_csv(csv: str | Path, out: str | Path, model: SepsisModel | None = None) -> int:
    """Write ``patient_id,ICULOS,probability`` for every row of ``csv`` (in input order)."""
    df = read_csv(csv)
    probs = (model or SepsisModel()).load().predict_frame(df)
    result = pd.DataFrame({"patient_id": df["patient_id"], "ICULOS": df["ICULOS"], "probability": probs.round(6)})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(out, index=False)
    return len(result)
