"""The triage emergency model: retraining from its cases gives the shipped weights, and they are plain JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.triage_model import MODEL_PATH, EmergencyModel, text_key
from tests.conftest import SHARED_DATA
from tests.triage_cases import CHATS, MODEL_CATCHES

pytestmark = pytest.mark.slow


def test_retraining_gives_the_shipped_weights(tmp_path):
    from eval.triage_train import main

    out = tmp_path / "triage_emergency.json"
    assert main(["--shared", str(SHARED_DATA), "--out", str(out)]) == 0
    new, shipped = json.loads(out.read_text()), json.loads(MODEL_PATH.read_text())
    assert new["cases"] == shipped["cases"] and new["trained_on"] == shipped["trained_on"]
    assert new["cross_validation"] == shipped["cross_validation"]
    assert np.allclose(new["coef"], shipped["coef"], atol=2e-3) and abs(new["intercept"] - shipped["intercept"]) < 2e-3


def test_the_shipped_model_lists_what_trained_it_and_not_its_test_cases():
    model = EmergencyModel.load()
    assert model.coef.shape == (384,) and model.threshold == 0.85 and model.embedder == "all-MiniLM-L6-v2"
    assert text_key(CHATS[0][0]) in model.trained_on
    assert not any(text_key(t) in model.trained_on for t in MODEL_CATCHES)
    cv = json.loads(MODEL_PATH.read_text())["cross_validation"]
    # Two chronic Avey cases (6 months of upper abdominal discomfort; generalised oedema with long-standing diabetes)
    # sit near the 0.85 threshold out of fold and cross it or not as probes are added: 0 through probe 53, 1 with
    # probe 54, 0 with 55, 2 with 56 (0.855, 0.877; leaving out probe 56's 30 messages gives 1, leaving out both its
    # sets 0). The bound is 1% of the external non-emergencies, not the latest count.
    non_emergencies = cv["external_cases"] - cv["external_emergencies"]
    assert cv["false_emergencies_model_alone_adds"] <= 0.01 * non_emergencies and cv["external_cases"] >= 430
