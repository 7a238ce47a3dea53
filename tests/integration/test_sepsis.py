"""The sepsis model through the CLI contract: every row scored, causally, and bad input refused clearly."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pandas as pd
import pytest

from tests.conftest import SHARED_DATA, run_cli

pytestmark = pytest.mark.slow
CSV = SHARED_DATA / "vitals" / "sepsis2019_setB_dev.csv.gz"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    df = pd.read_csv(CSV)
    pids = df["patient_id"].drop_duplicates().iloc[:60]
    part = df[df["patient_id"].isin(pids)]
    path = tmp_path_factory.mktemp("sepsis") / "part.csv"
    part.to_csv(path, index=False)
    return part, path


def test_cli_scores_every_row_in_order(sample, tmp_path):
    part, path = sample
    out = tmp_path / "out.csv"
    p = run_cli("risk", "sepsis", "--csv", str(path), "--out", str(out))
    assert p.returncode == 0, p.stderr
    got = pd.read_csv(out)
    assert list(got.columns) == ["patient_id", "ICULOS", "probability"] and len(got) == len(part)
    assert (got["patient_id"].to_numpy() == part["patient_id"].to_numpy()).all()
    assert got["probability"].between(0, 1).all()


def test_probabilities_are_causal_and_per_patient(sample):
    from risk.sepsis_model import SepsisModel

    part, _ = sample
    model = SepsisModel().load()
    full = model.predict_frame(part)
    pid = part["patient_id"].iloc[0]
    rows = part[part["patient_id"] == pid]
    cut = rows.iloc[: len(rows) // 2]
    # the first half alone (the future removed) gives the same probabilities
    assert np.allclose(model.predict_frame(cut), full[: len(cut)], atol=1e-9)
    # shuffled rows, other patients interleaved: same per-row probabilities
    shuffled = part.sample(frac=1.0, random_state=0)
    again = pd.Series(model.predict_frame(shuffled), index=shuffled.index).loc[part.index].to_numpy()
    assert np.allclose(again, full, atol=1e-9)
    # the last patient scored alone gets exactly the probabilities they get after 59 other patients
    last = (part["patient_id"] == part["patient_id"].iloc[-1]).to_numpy()
    assert np.array_equal(model.predict_frame(part[last]), full[last])


def test_bad_csv_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("HR,O2Sat\n80,97\n")
    p = run_cli("risk", "sepsis", "--csv", str(bad), "--out", str(tmp_path / "o.csv"))
    assert p.returncode != 0 and "patient_id" in p.stderr and "Traceback" not in p.stderr


def test_sepsis_tool_and_eval(tmp_path, sample):
    from risk.tools import sepsis_risk_tool

    out = sepsis_risk_tool([{"HR": 118, "Resp": 28, "Temp": 38.9, "SBP": 92, "MAP": 60, "O2Sat": 93}] * 6)
    assert 0 <= out["probability"] <= 1 and out["hours_used"] == 6 and out["hour"] == 6
    _, path = sample
    p = run_cli("eval", "risk", "--csv", str(path), "--out", str(tmp_path / "ev"), "--json")
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "ev" / "roc.png").exists() and (tmp_path / "ev" / "calibration.png").exists()
    # the 60 dev patients trained the shipped model: the summary says its figures are in-sample
    summary = json.loads(p.stdout)
    assert summary["patients_in_training"] == 60 and "in-sample" in summary["warning"]


def test_eval_risk_separates_patients_the_model_trained_on(sample, tmp_path):
    """Patients the model never saw (here dev patients under new ids, which its JSON does not list) get their own
    figures next to the in-sample ones; a file of new patients only carries no warning."""
    from risk.sepsis_model import SepsisModel

    part, _ = sample
    ids = part["patient_id"].drop_duplicates()
    septic = part.groupby("patient_id")["SepsisLabel"].max()
    renamed = (set(ids[ids.isin(septic[septic == 1].index)].iloc[:2])
               | set(ids[ids.isin(septic[septic == 0].index)].iloc[:20]))
    mixed = part.assign(patient_id=[f"new-{p}" if p in renamed else p for p in part["patient_id"]])
    path = tmp_path / "mixed.csv"
    mixed.to_csv(path, index=False)
    assert list(SepsisModel().seen_in_training(["p100001", "new-p100001"])) == [True, False]
    p = run_cli("eval", "risk", "--csv", str(path), "--out", str(tmp_path / "ev"), "--json")
    assert p.returncode == 0, p.stderr
    summary = json.loads(p.stdout)
    assert summary["patients_in_training"] == 60 - len(renamed)
    unseen = summary["unseen_patients_only"]
    new_rows = mixed["patient_id"].str.startswith("new-")
    assert unseen["patients"] == len(renamed) == 22 and unseen["rows"] == int(new_rows.sum())
    assert unseen["septic_patients"] == 2
    assert unseen["hourly_auroc_ci95"][0] <= unseen["hourly_auroc"] <= unseen["hourly_auroc_ci95"][1]
    only_new = tmp_path / "new.csv"
    mixed[new_rows].to_csv(only_new, index=False)
    p = run_cli("eval", "risk", "--csv", str(only_new), "--out", str(tmp_path / "ev2"), "--json")
    summary = json.loads(p.stdout)
    assert p.returncode == 0 and summary["patients_in_training"] == 0 and "warning" not in summary
    assert "unseen_patients_only" not in summary and summary["patients"] == 22


def test_training_cross_validates_by_patient_and_saves_no_pickle(tmp_path):
    """`risk train`'s recipe on 600 patients: folds never split a patient, every figure is out-of-fold."""
    import lightgbm as lgb

    from risk.sepsis_model import MODEL_FILES, SepsisModel
    from risk.sepsis_train import BLEND_WEIGHTS, patient_fold, train

    df = pd.read_csv(CSV)
    keep = df["patient_id"].drop_duplicates().iloc[:600]
    # two sources, as a user adding PhysioNet's own files to a CSV would pass them: 300 patients in a CSV, 300 as
    # .psv files in a zip
    small = tmp_path / "small.csv"
    df[df["patient_id"].isin(keep[:300])].to_csv(small, index=False)
    archive = tmp_path / "more.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for pid, rows in df[df["patient_id"].isin(keep[300:])].groupby("patient_id"):
            zf.writestr(f"training/{pid}.psv",
                        rows.drop(columns="patient_id").to_csv(sep="|", index=False, na_rep="NaN"))
    meta = train([small, archive], tmp_path / "model", rounds=200, progress=False)
    assert meta["train_sources"] == ["small.csv",
                                     "more.zip"] and meta["train_rows"] == int(df["patient_id"].isin(keep).sum())
    assert len(meta["training_patients"]) == 600  # their digests, for `eval risk` to flag in-sample patients
    files = sorted(p.name for p in (tmp_path / "model").iterdir())
    assert files == ["sepsis_lgbm.json", "sepsis_lgbm.txt", "sepsis_patient_lgbm.txt"]
    val = meta["validation"]
    # the final weight is the best of those tried on all out-of-fold scores; each fold records the rounds and the
    # weight it was scored with, chosen on the other folds (unit-tested in test_risk)
    by_weight = val["hourly_auroc_by_patient_weight"]
    assert by_weight[str(meta["patient_weight"])] == max(by_weight.values())
    assert all(1 <= f["hourly_rounds"] <= 200 and 1 <= f["patient_rounds"] <= 200 for f in val["folds"])
    assert 1 <= meta["cv_rounds"]["hourly"] <= 200 and all(f["patient_weight"] in BLEND_WEIGHTS for f in val["folds"])
    # the refit sees all 600 patients, a fold's training set 480 on average (each patient trains in 4 of 5 folds): the
    # rounds best over all folds, scaled by that ratio; each saved booster holds exactly that many trees
    fold_patients = 600 * 4 / 5
    assert meta["rounds_scale"] == pytest.approx(600 / fold_patients, abs=1e-4) and 1.2 < meta["rounds_scale"] < 1.3
    for name, file in MODEL_FILES.items():
        assert meta["rounds"][name] == round(meta["cv_rounds"][name] * 600 / fold_patients)
        assert lgb.Booster(model_file=str(tmp_path / "model" / file)).num_trees() == meta["rounds"][name]
    assert len(val["folds"]) == 5 and val["patients"] == 600
    lo, hi = val["hourly_auroc_ci95"]
    assert 0.5 < val["hourly_auroc"] <= 1 and lo <= val["hourly_auroc"] <= hi
    # each source counts as a site: leave-one-site-out, every choice made on the training sites' validation fifth
    across = val["across_sites"]
    assert set(across) == {"more -> small", "small -> more"}
    for result in across.values():
        assert result["patients"] == 300 and 0 < result["hourly_auroc"] <= 1 and -1 <= result["utility"] <= 1
        assert result["hourly_auroc_ci95"][0] <= result["hourly_auroc"] <= result["hourly_auroc_ci95"][1]
        assert 1 <= result["rounds"]["hourly"] <= 200 and result["patient_weight"] in BLEND_WEIGHTS
    assert {site: v["patients"] for site, v in val["by_site"].items()} == {"small": 300, "more": 300}
    folds = {p: patient_fold(str(p)) for p in keep}
    assert set(folds.values()) == set(range(5))
    probs = SepsisModel(tmp_path / "model").predict_frame(df[df["patient_id"].isin(keep[:5])])
    assert np.all((probs >= 0) & (probs <= 1))


def test_sepsis_tool_scores_the_latest_hour_whatever_the_order(sample):
    """A real septic patient's last 8 hours, given in order and shuffled: the tool reports the probability at the
    latest hour, equal to the batch score of that row computed from the same hours."""
    from risk.sepsis_model import SepsisModel
    from risk.tools import sepsis_risk_tool

    part, _ = sample
    septic = part.groupby("patient_id")["SepsisLabel"].max()
    stay = part[part["patient_id"] == septic[septic == 1].index[0]].tail(8)
    cols = ["HR", "O2Sat", "Temp", "SBP", "MAP", "Resp", "Lactate", "WBC", "ICULOS"]
    hours = [{k: v for k, v in row.items() if not pd.isna(v)} for row in stay[cols].to_dict("records")]
    batch = SepsisModel().load().predict_frame(stay[["patient_id", *cols]])
    in_order = sepsis_risk_tool(hours)
    shuffled = sepsis_risk_tool(hours[::-1])
    assert in_order["hour"] == shuffled["hour"] == stay["ICULOS"].max()
    assert in_order["probability"] == shuffled["probability"] == round(float(batch[-1]), 4)
    assert in_order["probability"] != round(float(batch[0]), 4)
    assert "HR" in in_order["measured"] and "not measured" in in_order["missing_values"]


def test_sepsis_tool_refuses_impossible_values_as_a_tool_error():
    """Through the assistant's tool registry: an impossible value is the tool's error result, not an exception."""
    from assistant.toolbox import default_tools
    from core.settings import load_settings

    tools = default_tools(load_settings())
    record = tools.call("sepsis_risk", {"hours": [{"HR": 88, "Temp": 37.2}, {"HR": 900, "Temp": 70}]})
    assert record.result is None and "hour 2: heart rate 900" in record.error
    record = tools.call("sepsis_risk", {"hours": [{"heart_rate": 88, "pressure": 120}]})
    assert "unknown observation names ['pressure']" in record.error
    # null is "not measured", as the schema allows
    record = tools.call("sepsis_risk", {"hours": [{"HR": 88, "Lactate": None}, {"HR": 104, "Resp": 24}]})
    assert record.error is None and record.result["hour"] == 2 and "Lactate" not in record.result["measured"]


def test_cli_scores_implausible_values_and_says_so(sample, tmp_path):
    """Monitor artefacts (HR 900, SpO2 140) are scored as recorded, every row is written, and stderr counts them."""
    part, _ = sample
    odd = part.head(30).copy()
    odd.iloc[3, odd.columns.get_loc("HR")] = 900
    odd.iloc[5, odd.columns.get_loc("O2Sat")] = 140
    path = tmp_path / "odd.csv"
    odd.to_csv(path, index=False)
    p = run_cli("risk", "sepsis", "--csv", str(path), "--out", str(tmp_path / "o.csv"))
    assert p.returncode == 0, p.stderr
    assert len(pd.read_csv(tmp_path / "o.csv")) == 30
    assert "2 values outside" in p.stderr and "HR: 1 outside 10-300" in p.stderr
    assert "O2Sat: 1 outside 30-100" in p.stderr
    clean = run_cli("risk", "sepsis", "--csv", str(sample[1]), "--out", str(tmp_path / "c.csv"))
    assert clean.returncode == 0 and "outside" not in clean.stderr
