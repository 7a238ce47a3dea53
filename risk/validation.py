"""Plausibility limits for vital signs: impossible values are rejected with a clear message."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


class VitalsError(ValueError):
    """A vital sign is missing where required, or outside what a living patient can have."""


#: (low, high, unit) bounds of physiologically possible values, not of normal ones.
LIMITS: dict[str, tuple[float, float, str]] = {
    "rr": (0, 80, "breaths/min"),
    "spo2": (30, 100, "%"),
    "sbp": (30, 300, "mmHg"),
    "dbp": (10, 200, "mmHg"),
    "hr": (10, 300, "beats/min"),
    "temp": (25.0, 45.0, "°C"),
    "map": (20, 250, "mmHg"),
}
NAMES = {"rr": "respiratory rate", "spo2": "SpO2", "sbp": "systolic blood pressure",
         "dbp": "diastolic blood pressure", "hr": "heart rate", "temp": "temperature",
         "map": "mean arterial pressure"}
#: PhysioNet 2019 columns with a limit above, and the limit's key.
PHYSIONET_VITALS = {"HR": "hr", "O2Sat": "spo2", "Temp": "temp", "SBP": "sbp", "DBP": "dbp", "MAP": "map", "Resp": "rr"}


def number(value: Any, what: str) -> float:
    """``value`` as a float; VitalsError naming ``what`` for anything else (True and False included)."""
    if isinstance(value, bool):
        raise VitalsError(f"{what} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise VitalsError(f"{what} must be a number, got {value!r}") from None


def check(name: str, value: float | None, required: bool = True) -> float | None:
    """Return ``value`` as float if plausible; raise VitalsError if impossible or required and missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if required:
            raise VitalsError(f"{NAMES[name]} is missing")
        return None
    v = number(value, NAMES[name])
    lo, hi, unit = LIMITS[name]
    if not lo <= v <= hi:
        hint = " (is it in Fahrenheit? give °C)" if name == "temp" and 90 <= v <= 110 else ""
        raise VitalsError(f"{NAMES[name]} {value} {unit} is not possible: expected {lo:g}-{hi:g}{hint}")
    return v


def implausible(df: pd.DataFrame) -> dict[str, int]:
    """Per PhysioNet vital column of ``df``, how many recorded values lie outside ``LIMITS`` (missing ones are not
    counted); columns with none are left out."""
    counts = {}
    for col, key in PHYSIONET_VITALS.items():
        if col in df:
            lo, hi, _ = LIMITS[key]
            values = df[col].dropna()
            n = int(((values < lo) | (values > hi)).sum())
            if n:
                counts[col] = n
    return counts


#: The five numbers NEWS2 needs; oxygen, ACVPU and the SpO2 scale have defaults.
NEWS2_NUMBERS = ("rr", "spo2", "sbp", "hr", "temp")
#: Keys of a set of observations as the chat, triage and UI take it (the NEWS2 tool's arguments).
OBSERVATION_KEYS = (*NEWS2_NUMBERS, "o2", "consciousness", "spo2_scale")


def check_vitals(vitals: Any) -> dict[str, Any]:
    """A set of observations with every value checked (numbers plausible, o2 air/oxygen, ACVPU, SpO2 scale 1/2)
    and missing ones (None) left out; raises VitalsError naming the first bad one. Any subset may be given."""
    if not isinstance(vitals, dict):
        raise VitalsError('vital signs must be an object such as {"rr": 18, "spo2": 96, "hr": 80}')
    unknown = sorted(str(k) for k in vitals if k not in OBSERVATION_KEYS)
    if unknown:
        raise VitalsError(f"unknown vital signs {unknown}; give any of {', '.join(OBSERVATION_KEYS)}")
    out: dict[str, Any] = {}
    for key, value in vitals.items():
        if value is None or value == "":
            continue
        if key in LIMITS:
            checked = check(key, value, required=False)  # NaN counts as not given
            if checked is not None:
                out[key] = checked
        elif key == "o2":
            if str(value).lower() not in ("air", "oxygen"):
                raise VitalsError(f"o2 must be 'air' or 'oxygen', got {value!r}")
            out[key] = str(value).lower()
        elif key == "consciousness":
            if str(value).strip().upper() not in ("A", "C", "V", "P", "U"):
                raise VitalsError(f"consciousness must be one of A, C, V, P, U (ACVPU), got {value!r}")
            out[key] = str(value).strip().upper()
        else:
            if str(value) not in ("1", "2"):
                raise VitalsError(f"spo2_scale must be 1 or 2, got {value!r}")
            out[key] = int(value)
    return out


def load_vitals_json(text: str) -> dict[str, Any]:
    """The JSON object of a ``--vitals`` option, unchecked (``check_vitals`` checks the values)."""
    import json

    try:
        vitals = json.loads(text)
    except json.JSONDecodeError as exc:
        raise VitalsError(f"vital signs are not valid JSON ({exc.msg}, at character {exc.pos})") from None
    if not isinstance(vitals, dict):
        raise VitalsError('vital signs must be an object such as {"rr": 18, "spo2": 96, "hr": 80}')
    return vitals
