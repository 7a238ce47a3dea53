"""Vision through the real CNN: image formats and their errors, heatmaps, the npz contract, training."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.errors import UserInputError
from tests.conftest import SHARED_DATA, run_cli
from vision.io import load_image, to_model_input

SAMPLES = SHARED_DATA / "images" / "cxr_samples"


def _png(path, arr, mode=None):
    from PIL import Image

    Image.fromarray(arr, mode=mode).save(path)
    return path


def test_formats_load_to_unit_range(tmp_path):
    ramp = np.tile(np.linspace(0, 255, 64, dtype=np.uint8), (64, 1))
    rgba = np.dstack([ramp, ramp, ramp, np.full_like(ramp, 255)])
    deep = (np.tile(np.linspace(0, 65535, 64), (64, 1))).astype(np.uint16)
    for path in (_png(tmp_path / "g.png", ramp), _png(tmp_path / "rgba.png", rgba), _png(tmp_path / "deep.png", deep),
                 SAMPLES / "16747_3_1.jpg"):
        arr = load_image(path)
        assert arr.ndim == 2 and arr.dtype == np.float32 and arr.min() >= 0 and arr.max() <= 1


def test_dicom_monochrome1_is_inverted(tmp_path):
    pytest.importorskip("pydicom")
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    def write(photometric, name):
        meta = FileMetaDataset()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        meta.MediaStorageSOPClassUID = generate_uid()
        meta.MediaStorageSOPInstanceUID = generate_uid()
        ds = FileDataset(str(tmp_path / name), {}, file_meta=meta, preamble=b"\0" * 128)
        ramp = np.tile(np.linspace(0, 4000, 64), (64, 1)).astype(np.uint16)
        ds.Rows, ds.Columns, ds.SamplesPerPixel = 64, 64, 1
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.PhotometricInterpretation = photometric
        ds.PixelData = ramp.tobytes()
        ds.save_as(str(tmp_path / name), enforce_file_format=True)
        return tmp_path / name

    mono2 = load_image(write("MONOCHROME2", "a.dcm"))
    mono1 = load_image(write("MONOCHROME1", "b.dcm"))
    assert mono2[:, -1].mean() > mono2[:, 0].mean()
    assert np.allclose(mono1, 1 - mono2, atol=1e-5)
    assert load_image(SAMPLES / "Fake_MONOHR1.dcm").shape == (1024, 1024)


@pytest.mark.parametrize("content, message", [(b"", "0 bytes"), (b"GIF89a....", "not a supported image"),
                                              (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "corrupt")])
def test_bad_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "x.png"
    path.write_bytes(content)
    with pytest.raises(UserInputError, match=message):
        load_image(path)


def test_blank_and_tiny_images_are_rejected(tmp_path):
    with pytest.raises(UserInputError, match="blank"):
        load_image(_png(tmp_path / "b.png", np.full((64, 64), 7, np.uint8)))
    with pytest.raises(UserInputError, match="too small"):
        load_image(_png(tmp_path / "t.png", np.zeros((8, 8), np.uint8)))


def test_full_size_xray_preprocessing():
    small = to_model_input(load_image(SAMPLES / "00000001_000.png"))
    assert small.shape == (28, 28) and small.dtype == np.uint8 and small.std() > 10


@pytest.mark.slow
def test_classify_samples_with_heatmaps(settings):
    from vision.service import classify_path

    for f in sorted(SAMPLES.iterdir()):
        out = classify_path(f, settings)
        assert out["label"] in ("pneumonia", "normal") and 0 <= out["probability"] <= 1
        assert out["heatmap"] and json.dumps(out)
        from PIL import Image

        assert Image.open(out["heatmap"]).size == (512, 512)


@pytest.mark.slow
def test_val_split_quality_and_npz_contract(tmp_path):
    npz = SHARED_DATA / "images" / "pneumoniamnist_trainval.npz"
    out = tmp_path / "p.json"
    p = run_cli("vision", "predict", "--npz", str(npz), "--split", "val", "--out", str(out))
    assert p.returncode == 0, p.stderr
    probs = np.array(json.loads(out.read_text()))
    y = np.load(npz)["val_labels"].ravel()
    from core.metrics import auroc

    assert len(probs) == len(y) and auroc(probs, y) >= 0.985 and ((probs >= 0.5) == y).mean() >= 0.94
    bad = run_cli("vision", "predict", "--npz", str(npz), "--split", "test", "--out", str(out))
    assert bad.returncode != 0 and "no test_images" in bad.stderr
    np.save(tmp_path / "one.npy", np.zeros((2, 28, 28)))
    (tmp_path / "notes.txt").write_text("not an archive")
    for wrong in (tmp_path / "one.npy", tmp_path / "notes.txt"):
        bad = run_cli("vision", "predict", "--npz", str(wrong), "--split", "val", "--out", str(out))
        assert bad.returncode == 2 and "is not an npz archive" in bad.stderr and "pickle" not in bad.stderr


def test_classify_cli_errors(tmp_path):
    p = run_cli("vision", "classify", str(tmp_path / "missing.png"), "--json")
    assert p.returncode != 0 and "not found" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.slow
def test_training_is_seeded_and_reproducible(tmp_path):
    from vision.train import train

    data = np.load(SHARED_DATA / "images" / "pneumoniamnist_trainval.npz")
    idx = np.r_[0:200]
    small = tmp_path / "small.npz"
    np.savez(small, train_images=data["train_images"][idx], train_labels=data["train_labels"][idx],
             val_images=data["val_images"][:100], val_labels=data["val_labels"][:100])
    a = train(small, tmp_path / "a", seeds=1, epochs=1)
    b = train(small, tmp_path / "b", seeds=1, epochs=1)
    assert a["per_seed"] == b["per_seed"] and a["platt_a"] == pytest.approx(b["platt_a"])
    assert (tmp_path / "a" / "pneumonia_cnn.safetensors").stat().st_size > 100_000
