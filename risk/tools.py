"""Risk tools as typed functions (their docstrings are the descriptions the model sees)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from risk.news2 import news2
from risk.qsofa import qsofa

if TYPE_CHECKING:
    from risk.sepsis_model import SepsisModel


@cache
def _sepsis_model() -> SepsisModel:
    """Loaded once per process: the boosters (and their compiled objects) are reused across tool calls."""
    from risk.sepsis_model import SepsisModel

    return SepsisModel().load()


def news2_tool(rr: float, spo2: float, sbp: float, hr: float, temp: float, o2: Literal["air", "oxygen"] = "air",
               consciousness: Literal["A", "C", "V", "P", "U"] = "A", spo2_scale: Literal[1, 2] = 1) -> dict[str, Any]:
    """National Early Warning Score 2 from one set of observations (temperature in Celsius)."""
    return news2(rr=rr, spo2=spo2, o2=o2, sbp=sbp, hr=hr, consciousness=consciousness, temp=temp,
                 spo2_scale=spo2_scale).to_dict()


def qsofa_tool(rr: float | None = None, sbp: float | None = None,
               consciousness: Literal["A", "C", "V", "P", "U"] | None = None) -> dict[str, Any]:
    """quick SOFA: respiratory rate >= 22, altered mentation, systolic BP <= 100 (missing inputs are listed)."""
    return qsofa(rr=rr, sbp=sbp, consciousness=consciousness).to_dict()


def sepsis_risk_tool(hours: list[dict[str, float | None]]) -> dict[str, Any]:
    """Sepsis early-warning probability at the latest of the hourly observations given (PhysioNet 2019 names, e.g.
    HR, O2Sat, Temp, SBP, MAP, Resp, Lactate, WBC, with ICULOS the hour in the ICU); uses only the hours given.
    Leave out (or give null for) what was not measured in an hour."""
    import numpy as np

    from risk.sepsis_input import CORE_VITALS, hours_frame

    df, given = hours_frame(hours)
    model = _sepsis_model()
    probs = model.predict_frame(df)
    latest = int(np.argmax(df["ICULOS"].to_numpy()))
    p = float(probs[latest])
    return {"probability": round(p, 4), "alert": p >= model.threshold, "threshold": round(model.threshold, 4),
            "hour": float(df["ICULOS"].iloc[latest]), "hours_used": len(df), "measured": given,
            "not_measured": [c for c in CORE_VITALS if c not in given],
            "missing_values": "a value left out counts as not measured that hour: the model carries the last "
                              "measured value forward and uses the hours since it was measured, as in training",
            "note": "onset within 6 h, PhysioNet 2019 definition; decision support only"}
