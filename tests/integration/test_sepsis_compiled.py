"""The compiled sepsis boosters (lleaves): compiled once through the CLI, the same scores as LightGBM, and every way
a cached object can be wrong falls back to LightGBM instead of scoring with it."""

from __future__ import annotations

import json
import logging
import shutil

import numpy as np
import pandas as pd
import pytest

from tests.conftest import SHARED_DATA, run_cli

pytestmark = pytest.mark.slow
pytest.importorskip("lleaves", reason="lleaves is in the risk extra")
CSV = SHARED_DATA / "vitals" / "sepsis2019_setB_dev.csv.gz"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """Both packaged boosters compiled by `medassist risk compile` into a fresh cache (about 45 s)."""
    cache_dir = tmp_path_factory.mktemp("cache")
    p = run_cli("risk", "compile", "--json", env={"MEDASSIST_CACHE_DIR": str(cache_dir)})
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["engine"] == "compiled"
    for name in ("hourly", "patient"):
        assert out["boosters"][name]["compile_seconds"] > 0
    return cache_dir, out


@pytest.fixture(scope="module")
def rows():
    df = pd.read_csv(CSV)
    return df[df["patient_id"].isin(df["patient_id"].drop_duplicates().iloc[-150:])]


def test_compile_is_cached_and_scores_like_lightgbm(cache, rows):
    from risk.sepsis_model import SepsisModel

    cache_dir, out = cache
    again = run_cli("risk", "compile", "--json", env={"MEDASSIST_CACHE_DIR": str(cache_dir)})
    assert again.returncode == 0, again.stderr
    assert all(b["compile_seconds"] == 0 for b in json.loads(again.stdout)["boosters"].values())
    assert {p.suffix for p in (cache_dir / "lleaves").iterdir()} == {".o", ".json"}  # no temporary file left
    compiled = SepsisModel(cache_dir=cache_dir).load()
    reference = SepsisModel(cache_dir=cache_dir, compiled=False).load()
    assert (compiled.engine, reference.engine) == ("compiled", "lightgbm")
    from risk.sepsis_features import featurize, prepare

    features = featurize(prepare(rows)[0])
    got, want = compiled.raw_scores(features), reference.raw_scores(features)
    assert len(got) == len(rows) > 4096  # more than one chunk
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
    np.testing.assert_allclose(compiled.predict_frame(rows), reference.predict_frame(rows), rtol=0, atol=1e-10)


def test_nothing_compiled_means_lightgbm(tmp_path):
    from risk.sepsis_model import SepsisModel

    assert SepsisModel(cache_dir=tmp_path).engine == "lightgbm"


def test_half_written_or_corrupt_objects_are_not_loaded(cache, tmp_path):
    """An object without its digest file (an interrupted compile) or with other bytes is never handed to LLVM."""
    from risk.sepsis_model import SepsisModel

    cache_dir, _ = cache
    copy = tmp_path / "cache"
    shutil.copytree(cache_dir, copy)
    objects = sorted((copy / "lleaves").glob("*.o"))
    objects[0].with_suffix(".json").unlink()
    assert SepsisModel(cache_dir=copy).engine == "lightgbm"
    shutil.copytree(cache_dir, copy, dirs_exist_ok=True)
    objects[1].write_bytes(b"\x7fELF" + b"\0" * 64)
    assert SepsisModel(cache_dir=copy).engine == "lightgbm"
    shutil.copytree(cache_dir, copy, dirs_exist_ok=True)
    assert SepsisModel(cache_dir=copy).engine == "compiled"


def test_an_object_that_disagrees_with_lightgbm_is_refused(cache, tmp_path, caplog):
    """The hourly booster's slot holding the patient booster's object (complete, digest right) fails the probe."""
    from risk.compiled import object_path
    from risk.sepsis_model import MODEL_DIR, MODEL_FILES, SepsisModel

    cache_dir, out = cache
    copy = tmp_path / "cache"
    shutil.copytree(cache_dir, copy)
    hourly = object_path(MODEL_DIR / MODEL_FILES["hourly"], copy)
    patient = object_path(MODEL_DIR / MODEL_FILES["patient"], copy)
    shutil.copy(patient, hourly)
    shutil.copy(patient.with_suffix(".json"), hourly.with_suffix(".json"))
    with caplog.at_level(logging.WARNING, logger="risk.compiled"):
        assert SepsisModel(cache_dir=copy).engine == "lightgbm"
    assert "disagrees with LightGBM" in caplog.text


def test_without_lleaves_scoring_uses_lightgbm(cache, monkeypatch, rows):
    import risk.compiled
    from risk.sepsis_model import SepsisModel

    compiled = SepsisModel(cache_dir=cache[0]).load()
    monkeypatch.setattr(risk.compiled, "available", lambda: False)
    model = SepsisModel(cache_dir=cache[0])
    assert model.engine == "lightgbm" and compiled.engine == "compiled"
    np.testing.assert_allclose(model.predict_frame(rows.head(200)), compiled.predict_frame(rows.head(200)), atol=1e-10)


def test_an_unwritable_cache_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    p = run_cli("risk", "compile", "--json", env={"MEDASSIST_CACHE_DIR": str(blocker / "cache")})
    assert p.returncode == 2 and "cannot write compiled boosters" in p.stderr and "Traceback" not in p.stderr
