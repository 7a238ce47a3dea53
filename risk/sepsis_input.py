"""Hourly observations given to the sepsis tool: names resolved to PhysioNet 2019 columns, values checked."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from risk.sepsis_features import LABS, STATIC, VITALS
from risk.validation import PHYSIONET_VITALS, VitalsError, check, number

#: The vitals a sepsis score leans on most; the tool says which of them were never given.
CORE_VITALS = ("HR", "O2Sat", "Temp", "SBP", "MAP", "Resp")
#: Common spellings of the vital signs (the NEWS2 tool's argument names among them), lower case.
ALIASES = {"heart_rate": "HR", "pulse": "HR", "spo2": "O2Sat", "sao2_pulse": "O2Sat", "oxygen_saturation": "O2Sat",
           "temperature": "Temp", "sbp": "SBP", "systolic_bp": "SBP", "dbp": "DBP", "diastolic_bp": "DBP",
           "mean_arterial_pressure": "MAP", "rr": "Resp", "respiratory_rate": "Resp", "hour": "ICULOS"}
_COLUMNS = {c.lower(): c for c in VITALS + LABS + STATIC}


def column(name: str) -> str | None:
    """The PhysioNet 2019 column a given name means (case-insensitive, or a common alias), or None."""
    key = str(name).strip().lower().replace(" ", "_").replace("-", "_")
    return _COLUMNS.get(key) or ALIASES.get(key)


def _number(value: Any, where: str) -> float:
    v = number(value, where)
    if math.isinf(v):
        raise VitalsError(f"{where} must be a finite number, got {value!r}")
    return v


def hours_frame(hours: list[dict[str, Any]]) -> tuple[pd.DataFrame, list[str]]:
    """One patient's hours as a PhysioNet 2019 frame (``patient_id``, ``ICULOS`` and the columns given), and the
    columns measured at least once.

    Unknown names, non-numbers and impossible vital signs are errors naming the hour; None or NaN means not
    measured. ICULOS is given for every hour or for none (then the hours are 1, 2, ... in the order given).
    """
    if not hours:
        raise VitalsError("no hourly observations given")
    rows: list[dict[str, float]] = []
    unknown: set[str] = set()
    for i, hour in enumerate(hours, 1):
        if not isinstance(hour, dict):
            raise VitalsError(f"hour {i} must be an object of observations, got {type(hour).__name__}")
        row: dict[str, float] = {}
        for name, value in hour.items():
            col = column(name)
            if col is None:
                unknown.add(str(name))
                continue
            if col in row:
                raise VitalsError(f"hour {i} gives {col} twice")
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            v = _number(value, f"hour {i}: {col}")
            if col in PHYSIONET_VITALS:
                try:
                    check(PHYSIONET_VITALS[col], value)
                except VitalsError as exc:
                    raise VitalsError(f"hour {i}: {exc}") from None
            row[col] = v
        rows.append(row)
    if unknown:
        raise VitalsError(f"unknown observation names {sorted(unknown)}; use PhysioNet 2019 names such as "
                          f"{', '.join(CORE_VITALS)}, Lactate, WBC, Creatinine, Age, ICULOS")
    with_hour = sum("ICULOS" in row for row in rows)
    if with_hour not in (0, len(rows)):
        raise VitalsError(f"ICULOS is given for {with_hour} of {len(rows)} hours: give it for every hour or for none")
    df = pd.DataFrame(rows)
    if with_hour == 0:
        df["ICULOS"] = range(1, len(rows) + 1)
    elif df["ICULOS"].duplicated().any():
        raise VitalsError(f"hour {int(df['ICULOS'][df['ICULOS'].duplicated()].iloc[0])} is given twice (ICULOS)")
    given = [c for c in VITALS + LABS + STATIC if c in df and c != "ICULOS" and df[c].notna().any()]
    if not given:
        raise VitalsError(f"no measurements given: each hour lists what was measured, e.g. {', '.join(CORE_VITALS)}")
    df.insert(0, "patient_id", "tool")
    return df, given
