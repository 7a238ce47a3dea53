"""The sepsis tool's hourly observations: names resolved, values checked, missing values kept as missing."""

import math

import pytest

from risk.sepsis_input import column, hours_frame
from risk.validation import VitalsError, implausible


def test_names_resolve_case_insensitively_and_by_alias():
    assert column("hr") == "HR" and column("Heart rate") == "HR" and column("spo2") == "O2Sat"
    assert column("lactate") == "Lactate" and column("rr") == "Resp" and column("iculos") == "ICULOS"
    assert column("blood sugar") is None


def test_hours_become_one_patient_with_hours_numbered_in_order():
    df, given = hours_frame([{"hr": 110, "Temp": 38.5}, {"HR": 120, "Lactate": None}, {"Resp": 26, "WBC": math.nan}])
    assert list(df["ICULOS"]) == [1, 2, 3] and set(df["patient_id"]) == {"tool"}
    assert given == ["HR", "Temp", "Resp"]
    # a value left out or given as None/NaN is not measured, not zero
    assert math.isnan(df.loc[1, "Temp"]) and math.isnan(df.loc[0, "Resp"]) and "Lactate" not in df


@pytest.mark.parametrize("hours, message", [
    ([], "no hourly observations"),
    ([{"HR": 900}], "hour 1: heart rate 900 beats/min is not possible"),
    ([{"HR": 80}, {"O2Sat": 140}], "hour 2: SpO2 140 % is not possible"),
    ([{"Temp": 70}], "temperature 70"),
    ([{"Temp": 101}], "Fahrenheit"),
    ([{"HR": "high"}], "hour 1: HR must be a number, got 'high'"),
    ([{"HR": float("inf")}], "finite"),
    ([{"HR": True}], "must be a number"),
    ([{"heart_rate": 80, "bp": "120/80", "mood": 3}], "unknown observation names ['bp', 'mood']"),
    ([{"HR": 80, "hr": 81}], "gives HR twice"),
    ([{"HR": 80, "ICULOS": 1}, {"HR": 82}], "ICULOS is given for 1 of 2 hours"),
    ([{"HR": 80, "ICULOS": 4}, {"HR": 82, "ICULOS": 4}], "hour 4 is given twice"),
    ([{"ICULOS": 1}, {"ICULOS": 2, "HR": None}], "no measurements given"),
    (["HR 80"], "hour 1 must be an object"),
])
def test_bad_hours_are_clear_errors(hours, message):
    with pytest.raises(VitalsError) as err:
        hours_frame(hours)
    assert message in str(err.value)


def test_implausible_counts_only_recorded_values_outside_the_limits():
    import pandas as pd

    df = pd.DataFrame({"HR": [80, 900, None, 5], "O2Sat": [97, 100, 30, None], "Lactate": [40, 1, 2, 3]})
    assert implausible(df) == {"HR": 2}
