"""NEWS2 at every band edge of Chart 1 (both sides, both SpO2 scales), qSOFA, validation, record vitals."""

import json

import pytest

from risk.news2 import news2
from risk.qsofa import qsofa
from risk.validation import VitalsError
from tests.conftest import SHARED_DATA

BASE = dict(rr=16, spo2=97, o2="air", sbp=120, hr=70, consciousness="A", temp=37.0, spo2_scale=1)
PARAM = {"respiration_rate_per_min": ("rr", "respiration_rate"), "systolic_bp_mmHg": ("sbp", "systolic_bp"),
         "pulse_per_min": ("hr", "pulse"), "temperature_C": ("temp", "temperature"),
         "spo2_scale1_pct": ("spo2", "spo2")}


def _edges():
    """(argument, value, expected component score) at both sides of every band edge in the chart file."""
    chart = json.loads((SHARED_DATA / "vitals" / "news2_chart1_bands.json").read_text())["bands"]
    for key, (arg, comp) in PARAM.items():
        for band, score in chart[key]:
            if band.startswith("<="):
                hi = float(band[2:])
                yield arg, comp, hi, score
            elif band.startswith(">="):
                lo = float(band[2:])
                yield arg, comp, lo, score
            else:
                lo, hi = (float(x) for x in band.split("-"))
                yield arg, comp, lo, score
                yield arg, comp, hi, score


@pytest.mark.parametrize("arg, comp, value, score", list(_edges()))
def test_every_band_edge_from_the_chart(arg, comp, value, score):
    out = news2(**{**BASE, arg: value})
    assert out.components[comp] == score


@pytest.mark.parametrize("spo2, o2, want", [(83, "air", 3), (84, "air", 2), (85, "air", 2), (86, "air", 1),
                                            (87, "air", 1),
                                            (88, "air", 0), (92, "air", 0), (93, "air", 0), (99, "air", 0),
                                            (93, "oxygen", 1), (94, "oxygen", 1), (95, "oxygen", 2), (96, "oxygen", 2),
                                            (97, "oxygen", 3), (100, "oxygen", 3), (92, "oxygen", 0)])
def test_spo2_scale_2(spo2, o2, want):
    assert news2(**{**BASE, "spo2": spo2, "o2": o2, "spo2_scale": 2}).components["spo2"] == want


@pytest.mark.parametrize("over, total, risk", [({}, 0, "low"), ({"rr": 25}, 3, "low-medium"), ({"consciousness": "C"},
                                                                                               3, "low-medium"),
                                               ({"rr": 21, "hr": 111, "temp": 38.1}, 5, "medium"),
                                               ({"rr": 21, "hr": 111, "sbp": 100, "temp": 38.1}, 7, "high"),
                                               ({"o2": "oxygen"}, 2, "low")])
def test_aggregate_and_risk(over, total, risk):
    out = news2(**{**BASE, **over})
    assert (out.total, out.risk) == (total, risk) and out.response and len(out.explanation) == 7


def test_temperature_rounds_to_chart_precision():
    assert news2(**{**BASE, "temp": 38.04}).components["temperature"] == 0
    assert news2(**{**BASE, "temp": 35.04}).components["temperature"] == 3


@pytest.mark.parametrize("over, msg", [({"hr": 900}, "heart rate"), ({"spo2": 140}, "SpO2"),
                                       ({"temp": 70}, "temperature"),
                                       ({"temp": 101}, "Fahrenheit"), ({"rr": None}, "missing"), ({"o2": "nasal"},
                                                                                                  "o2"),
                                       ({"consciousness": "Z"}, "ACVPU"), ({"hr": "fast"}, "number")])
def test_impossible_or_missing_values_are_clear_errors(over, msg):
    with pytest.raises(VitalsError, match=msg):
        news2(**{**BASE, **over})


def test_qsofa_and_missing_inputs():
    assert qsofa(rr=22, sbp=100, consciousness="V").score == 3
    assert qsofa(rr=21, sbp=101, consciousness="A").score == 0
    partial = qsofa(rr=30)
    assert partial.score == 1 and set(partial.missing) == {"altered_mentation", "systolic_bp_le_100"}


def test_news2_from_record_vitals():
    from assistant.toolbox import record_news2

    vitals = {k: {"value": v, "date": "2021-01-02"} for k,
              v in (("rr", 22), ("spo2", 95), ("sbp", 105), ("hr", 95), ("temp", 38.3))}
    out = record_news2(vitals)
    assert out["computed"] and out["total"] == 2 + 1 + 1 + 1 + 1 and "assumed" in out
    assert record_news2({"hr": {"value": 80, "date": "x"}})["computed"] is False


def test_sepsis_targets_and_blend_weight():
    """The patient booster learns each patient's maximum label on every hour; the weight is the best one tried."""
    import numpy as np

    from risk.sepsis_train import BLEND_WEIGHTS, choose_weight, targets

    y = np.array([0, 0, 1, 1, 0, 0, 0])
    pids = np.array(["a", "a", "a", "a", "b", "b", "c"])
    labels = targets(y, pids)
    assert labels["hourly"] is y and labels["patient"].tolist() == [1, 1, 1, 1, 0, 0, 0]
    # the hourly scores tie everyone; the patient scores break the ties the right way round
    oof = {"hourly": np.zeros(7), "patient": np.array([0.0, 0.0, 2.0, 2.0, 0.0, 0.0, 0.0])}
    weight, scores = choose_weight(oof, y)
    assert scores["0.0"] == 0.5 and weight == BLEND_WEIGHTS[1] and scores[str(weight)] == 1.0


def test_rounds_and_weights_are_chosen_without_the_folds_own_labels():
    """A fold's round count is the best of the other folds' mean curve; its blend weight the best on the other folds."""
    import numpy as np

    from risk.sepsis_train import blend_out_of_fold, held_out_rounds

    curves = np.array([[0.1, 0.2, 0.9], [0.3, 0.5, 0.4], [0.3, 0.5, 0.4], [0.3, 0.5, 0.4], [0.3, 0.5, 0.4]])
    per_fold, final = held_out_rounds(curves)
    assert per_fold == [2, 3, 3, 3, 3] and final == 3  # fold 0 peaks at round 3 alone, the others at 2
    # fold 0's patient scores point the wrong way, every other fold's the right way
    y = np.array([0, 1] * 5)
    folds = np.repeat(np.arange(5), 2)
    patient = np.where(folds == 0, -1.0, 1.0) * np.where(y == 1, 1.0, -1.0)
    blend, weights = blend_out_of_fold({"hourly": np.zeros(10), "patient": patient}, y, folds)
    assert weights[0] > 0 and blend[1] < blend[0]  # fold 0 keeps the weight its neighbours chose, and pays for it


def test_refit_rounds_grow_with_the_patients_the_refit_sees():
    """5 folds train on 4/5 of the patients; the refit on all of them gets 5/4 of the rounds best for a fold."""
    from risk.sepsis_train import refit_rounds

    rounds, scale = refit_rounds({"hourly": 215, "patient": 159}, patients=7416, fold_patients=7416 * 4 / 5)
    assert rounds == {"hourly": 269, "patient": 199} and scale == 1.25
    assert refit_rounds({"hourly": 1}, patients=10, fold_patients=40)[0] == {"hourly": 1}  # never below one tree


def test_incomplete_sepsis_model_is_a_setup_error(tmp_path):
    """A model directory missing one of the two boosters is refused with the command that rebuilds it."""
    import shutil

    from core.errors import SetupError
    from risk.sepsis_model import META_FILE, MODEL_DIR, MODEL_FILES, SepsisModel

    for name in (META_FILE, MODEL_FILES["hourly"]):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    with pytest.raises(SetupError, match="medassist risk train"):
        SepsisModel(tmp_path).load()


@pytest.mark.parametrize("w", [1, 2, 3, 6, 7, 24, 40, None])
def test_sepsis_window_extremes_match_a_per_patient_rolling_reference(w):
    """Windowed and running max/min (pairwise doubling within each patient) equal pandas' per-patient rolling."""
    import numpy as np
    import pandas as pd

    from risk.sepsis_features import _Stay

    rng = np.random.default_rng(0)
    pids = np.repeat(["p1", "p2", "p3", "p4"], [1, 5, 30, 17])
    values = rng.normal(80, 20, len(pids))
    values[rng.random(len(pids)) < 0.4] = np.nan  # sparse, like labs
    values[0] = 50.0  # p1's single hour is measured ...
    values[pids == "p2"] = np.nan  # ... p2 never is, and p3's first hours are not: no earlier patient's value leaks
    values[6:9] = np.nan
    stay = _Stay(pids)
    groups = pd.Series(values).groupby(pids)
    window = len(pids) if w is None else w
    want_max = groups.rolling(window, min_periods=1).max().reset_index(level=0, drop=True).sort_index()
    want_min = groups.rolling(window, min_periods=1).min().reset_index(level=0, drop=True).sort_index()
    np.testing.assert_allclose(stay.window_max(values, w), want_max.to_numpy(), rtol=0, atol=1e-9)
    np.testing.assert_allclose(stay.window_min(values, w), want_min.to_numpy(), rtol=0, atol=1e-9)


def _synthetic_stays(patients: int, hours: int, seed: int = 0):
    """Synthetic hourly rows (PhysioNet 2019 column names), vitals every hour, labs sparse."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = patients * hours
    df = pd.DataFrame({"patient_id": np.repeat([f"s{i:05d}" for i in range(patients)], hours),
                       "ICULOS": np.tile(np.arange(1, hours + 1), patients).astype(float)})
    for col, mean, sd in [("HR", 85, 15), ("O2Sat", 96, 2), ("Temp", 37.2, 0.6), ("SBP", 120, 18), ("MAP", 80, 12),
                          ("Resp", 18, 4), ("Creatinine", 1.3, 0.7), ("Lactate", 2.0, 1.0), ("WBC", 11, 4)]:
        values = np.round(rng.normal(mean, sd, n), 2)
        values[rng.random(n) < (0.15 if col in ("HR", "Temp", "MAP") else 0.9)] = np.nan
        df[col] = values
    return df


def test_a_patients_features_do_not_depend_on_where_they_sit_in_the_file():
    """The last patient of a 60,000-row frame gets bit-identical features alone; a running sum or maximum taken
    over the whole frame would round their values by the size of everything before them."""
    import numpy as np

    from risk.sepsis_features import featurize

    df = _synthetic_stays(1500, 40)
    full = featurize(df).to_numpy()
    for pid in ["s00000", "s00749", "s01499"]:
        mask = (df["patient_id"] == pid).to_numpy()
        alone = featurize(df[mask].reset_index(drop=True)).to_numpy()
        assert np.array_equal(alone, full[mask], equal_nan=True), pid


def test_features_are_the_same_on_one_thread_or_many_blocks(monkeypatch):
    import numpy as np

    import risk.sepsis_features as features

    df = _synthetic_stays(60, 30, seed=1)
    one = features.featurize(df, threads=1).to_numpy()
    monkeypatch.setattr(features, "BLOCK_ROWS", 70)  # 26 blocks, each of whole patients
    spans = features.patient_blocks(df["patient_id"].to_numpy(), 70)
    assert len(spans) == 26 and spans[0] == (0, 90) and spans[-1][1] == len(df)
    assert all(a % 30 == 0 and b % 30 == 0 for a, b in spans)
    many = features.featurize(df, threads=2).to_numpy()
    assert np.array_equal(one, many, equal_nan=True)


def test_patient_blocks_never_split_a_patient():
    import numpy as np

    from risk.sepsis_features import patient_blocks

    pids = np.array(list("aaabbccccd"))
    assert patient_blocks(pids, 3) == [(0, 3), (3, 9), (9, 10)]
    assert patient_blocks(pids, 1) == [(0, 3), (3, 5), (5, 9), (9, 10)]
    assert patient_blocks(pids, 100) == [(0, 10)]
    assert patient_blocks(np.array([]), 3) == []


def test_check_vitals_cleans_a_partial_set():
    from risk.validation import check_vitals

    assert check_vitals({"hr": "88", "rr": 18, "o2": "Oxygen", "consciousness": " v", "spo2_scale": "2",
                         "temp": None}) \
        == {"hr": 88.0, "rr": 18.0, "o2": "oxygen", "consciousness": "V", "spo2_scale": 2}
    assert check_vitals({}) == {}
    assert check_vitals({"hr": float("nan"), "rr": ""}) == {}  # not given, not an error


@pytest.mark.parametrize("vitals, message", [
    ({"hr": 900}, "heart rate 900 beats/min is not possible"),
    ({"spo2": 140}, "SpO2 140 % is not possible"),
    ({"temp": 70}, "temperature 70"),
    ({"temp": 101.3}, "Fahrenheit"),
    ({"hr": "fast"}, "heart rate must be a number, got 'fast'"),
    ({"hr": True}, "heart rate must be a number"),
    ({"heart": 80, "bp": 120}, "unknown vital signs ['bp', 'heart']"),
    ({"o2": "nasal"}, "o2 must be 'air' or 'oxygen'"),
    ({"consciousness": "drowsy"}, "ACVPU"),
    ({"spo2_scale": 3}, "spo2_scale must be 1 or 2"),
    ([80, 96], "must be an object"),
])
def test_check_vitals_refuses_bad_values_by_name(vitals, message):
    from risk.validation import check_vitals

    with pytest.raises(VitalsError) as err:
        check_vitals(vitals)
    assert message in str(err.value)


def test_vitals_json_says_where_it_breaks():
    from risk.validation import load_vitals_json

    assert load_vitals_json('{"rr": 22, "heart": 1}') == {"rr": 22, "heart": 1}  # values are checked where used
    with pytest.raises(VitalsError, match="not valid JSON .* at character 1"):
        load_vitals_json("{rr: 22")
    with pytest.raises(VitalsError, match="must be an object"):
        load_vitals_json("[22]")
