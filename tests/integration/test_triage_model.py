"""The triage disposition model: retraining from the labelled sources gives the shipped file, it lists what trained
it, and its leave-one-source-out figures are those the training wrote."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.triage_model import MODEL_PATH, DispositionModel, text_key
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.slow


def test_retraining_gives_the_shipped_model(tmp_path):
    from eval.triage_train import main

    out, report = tmp_path / "triage_disposition.json", tmp_path / "loso.json"
    assert main(["--shared", str(SHARED_DATA), "--out", str(out), "--report", str(report)]) == 0
    new, shipped = json.loads(out.read_text()), json.loads(MODEL_PATH.read_text())
    assert new["cases"] == shipped["cases"] and new["trained_on"] == shipped["trained_on"]
    assert new["thresholds"] == shipped["thresholds"]
    assert new["leave_one_source_out"] == shipped["leave_one_source_out"]
    for head in ("emergency", "self_care"):
        assert np.allclose(new["heads"][head]["coef"], shipped["heads"][head]["coef"], atol=2e-3)
    assert json.loads(report.read_text())["leave_one_source_out"] == new["leave_one_source_out"]


def test_the_shipped_model_lists_what_trained_it():
    from eval.triage_cases import load_cases

    model = DispositionModel.load()
    vignettes, _ = load_cases()
    assert text_key(vignettes[0][1]) in model.trained_on
    assert not any(text_key(t) in model.trained_on for t in ("a case nobody wrote down", "another unseen case"))
    counts = json.loads(MODEL_PATH.read_text())["cases"]
    assert counts["ktas-dev"] == {"emergency": 130, "other": 512} and counts["semigran-dev"]["emergency"] == 3
