"""NEWS2 exactly as Royal College of Physicians 2017 Chart 1: both SpO2 scales, ACVPU, aggregate and risk."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from risk.validation import VitalsError, check

__all__ = ["News2", "VitalsError", "components", "news2", "RESPONSE"]

Consciousness = Literal["A", "C", "V", "P", "U"]

RESPONSE = {
    "low": "Ward-based response: minimum 12-hourly observations (4-6 hourly for a score of 1-4); "
           "a registered nurse assesses the patient.",
    "low-medium": "Urgent ward-based response: a registered nurse informs the medical team, who assess "
                  "urgently and decide on escalation; observations at least hourly.",
    "medium": "Key threshold for urgent response: urgent review by a clinician competent in acute illness; "
              "observations at least hourly; consider escalation to critical care.",
    "high": "Urgent or emergency response: emergency assessment by a team with critical-care skills, usually "
            "with transfer to a higher level of care; continuous monitoring.",
}


@dataclass
class News2:
    total: int
    components: dict[str, int]
    risk: str
    response: str
    explanation: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _rr(v: float) -> int:
    return 3 if v <= 8 else 1 if v <= 11 else 0 if v <= 20 else 2 if v <= 24 else 3


def _spo2_scale1(v: float) -> int:
    return 3 if v <= 91 else 2 if v <= 93 else 1 if v <= 95 else 0


def _spo2_scale2(v: float, on_oxygen: bool) -> int:
    if v <= 83:
        return 3
    if v <= 85:
        return 2
    if v <= 87:
        return 1
    if v <= 92 or not on_oxygen:
        return 0
    return 1 if v <= 94 else 2 if v <= 96 else 3


def _sbp(v: float) -> int:
    return 3 if v <= 90 else 2 if v <= 100 else 1 if v <= 110 else 0 if v <= 219 else 3


def _hr(v: float) -> int:
    return 3 if v <= 40 else 1 if v <= 50 else 0 if v <= 90 else 1 if v <= 110 else 2 if v <= 130 else 3


def _temp(v: float) -> int:
    # Chart 1 bands are to one decimal place: round first so 38.05 is not between bands.
    v = round(v, 1)
    return 3 if v <= 35.0 else 1 if v <= 36.0 else 0 if v <= 38.0 else 1 if v <= 39.0 else 2


def components(rr: float | None = None, spo2: float | None = None, o2: str | None = None, sbp: float | None = None,
               hr: float | None = None, consciousness: str | None = None, temp: float | None = None,
               spo2_scale: int = 1) -> dict[str, int]:
    """Chart 1 points of each parameter given (already checked values), by NEWS2's component names.

    With some parameters missing, their sum is a lower bound of the aggregate score: no parameter scores below 0.
    """
    on_o2 = o2 == "oxygen"
    scored = {"respiration_rate": (rr, _rr),
              "spo2": (spo2, _spo2_scale1 if spo2_scale == 1 else lambda v: _spo2_scale2(v, on_o2)),
              "air_or_oxygen": (o2, lambda v: 2 if on_o2 else 0), "systolic_bp": (sbp, _sbp), "pulse": (hr, _hr),
              "consciousness": (consciousness, lambda v: 0 if v == "A" else 3), "temperature": (temp, _temp)}
    return {name: band(value) for name, (value, band) in scored.items() if value is not None}


def news2(rr: float, spo2: float, o2: str, sbp: float, hr: float, consciousness: str, temp: float,
          spo2_scale: int = 1) -> News2:
    """NEWS2 from one set of observations; raises VitalsError on missing or impossible values."""
    rr_v, spo2_v, sbp_v, hr_v, t_v = (check("rr", rr), check("spo2", spo2), check("sbp", sbp),
                                      check("hr", hr), check("temp", temp))
    o2 = str(o2).lower()
    if o2 not in ("air", "oxygen"):
        raise VitalsError(f"o2 must be 'air' or 'oxygen', got {o2!r}")
    acvpu = str(consciousness).upper()[:1]
    if acvpu not in "ACVPU" or not acvpu:
        raise VitalsError(f"consciousness must be one of A, C, V, P, U (ACVPU), got {consciousness!r}")
    if int(spo2_scale) not in (1, 2):
        raise VitalsError(f"spo2_scale must be 1 or 2, got {spo2_scale!r}")
    comps = components(rr=rr_v, spo2=spo2_v, o2=o2, sbp=sbp_v, hr=hr_v, consciousness=acvpu, temp=t_v,
                       spo2_scale=int(spo2_scale))
    total = sum(comps.values())
    if total >= 7:
        risk = "high"
    elif total >= 5:
        risk = "medium"
    elif max(comps.values()) == 3:
        risk = "low-medium"
    else:
        risk = "low"
    values = {"respiration_rate": f"{rr_v:g}/min", "spo2": f"{spo2_v:g}% (scale {int(spo2_scale)})",
              "air_or_oxygen": o2, "systolic_bp": f"{sbp_v:g} mmHg", "pulse": f"{hr_v:g}/min",
              "consciousness": acvpu, "temperature": f"{t_v:.1f} °C"}
    explanation = {k: f"{values[k]} scores {v}" for k, v in comps.items()}
    return News2(total, comps, risk, RESPONSE[risk], explanation)
