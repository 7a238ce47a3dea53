"""The sepsis model through the CLI contract: every row scored, causally, and bad input refused clearly."""

from __future__ import annotations

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
    assert 0 <= out["probability"] <= 1 and out["hours_used"] == 6
    _, path = sample
    p = run_cli("eval", "risk", "--csv", str(path), "--out", str(tmp_path / "ev"), "--json")
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "ev" / "roc.png").exists() and (tmp_path / "ev" / "calibration.png").exists()


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
            zf.writestr(f"training/{pid}.psv", rows.drop(columns="patient_id").to_csv(sep="|", index=False, na_rep="NaN"))
    meta = train([small, archive], tmp_path / "model", rounds=200, progress=False)
    assert meta["train_sources"] == ["small.csv", "more.zip"] and meta["train_rows"] == int(df["patient_id"].isin(keep).sum())
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
    assert 0.5 < val["hourly_auroc"] <= 1 and val["hourly_auroc_ci95"][0] <= val["hourly_auroc"] <= val["hourly_auroc_ci95"][1]
    folds = {p: patient_fold(str(p)) for p in keep}
    assert set(folds.values()) == set(range(5))
    probs = SepsisModel(tmp_path / "model").predict_frame(df[df["patient_id"].isin(keep[:5])])
    assert np.all((probs >= 0) & (probs <= 1))
