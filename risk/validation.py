"""Plausibility limits for vital signs: impossible values are rejected with a clear message."""

from __future__ import annotations

import math


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
}
NAMES = {"rr": "respiratory rate", "spo2": "SpO2", "sbp": "systolic blood pressure",
         "dbp": "diastolic blood pressure", "hr": "heart rate", "temp": "temperature"}


def check(name: str, value: float | None, required: bool = True) -> float | None:
    """Return ``value`` as float if plausible; raise VitalsError if impossible or required and missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if required:
            raise VitalsError(f"{NAMES[name]} is missing")
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise VitalsError(f"{NAMES[name]} must be a number, got {value!r}") from None
    lo, hi, unit = LIMITS[name]
    if not lo <= v <= hi:
        hint = " (is it in Fahrenheit? give °C)" if name == "temp" and 90 <= v <= 110 else ""
        raise VitalsError(f"{NAMES[name]} {value} {unit} is not possible: expected {lo:g}-{hi:g}{hint}")
    return v
