"""Vision entry points for the CLI and the assistant's tool: classify a file, predict an npz split."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import SetupError, UserInputError
from vision.classifier import CnnClassifier
from vision.io import load_image, to_model_input

_CNN: CnnClassifier | None = None


def cnn() -> CnnClassifier:
    """The packaged CNN, loaded once per process."""
    global _CNN  # a process-wide cache of read-only weights, not mutable state
    if _CNN is None:
        _CNN = CnnClassifier().load()
    return _CNN


def classify_path(path: str | Path, settings: Any, heatmap: bool = True, backend: Any = None) -> dict[str, Any]:
    """``{"label", "probability", "model", "heatmap", "seconds", "note"}`` for one image file."""
    started = time.perf_counter()
    path = Path(path)
    gray = load_image(path)
    kind = getattr(settings, "vision_backend", "cnn")
    heat_path = None
    if kind == "xrv":
        from vision.backends import XrvClassifier

        clf = XrvClassifier()
        p, model = clf.probability(gray), clf.name
    elif kind == "vlm":
        from vision.backends import VlmClassifier

        if backend is None:
            raise SetupError("the vision-LLM backend (MEDASSIST_VISION_BACKEND=vlm) needs a served multimodal model: "
                             "set MEDASSIST_LLM_BASE_URL and MEDASSIST_LLM_MODEL")
        vlm = VlmClassifier(backend)
        p, model = vlm.probability(path), vlm.name
    else:
        pred = cnn().classify(to_model_input(gray), heatmap=heatmap)
        p, model = pred.probability, pred.model
        if pred.heatmap is not None:
            from vision.heatmap import overlay

            heat_path = str(overlay(gray, pred.heatmap, Path(settings.vision_heatmap_dir)))
    return {"label": "pneumonia" if p >= 0.5 else "normal", "probability": round(float(p), 4), "model": model,
            "heatmap": heat_path, "seconds": round(time.perf_counter() - started, 3),
            "note": "Trained on 28x28 pediatric chest X-rays (PneumoniaMNIST); decision support, not for clinical use."}


def predict_npz(npz: str | Path, split: str, out: str | Path) -> int:
    """Pneumonia probabilities for ``{split}_images`` of an npz file, written as a JSON list."""
    path = Path(npz)
    if not path.is_file():
        raise UserInputError(f"no such file: {path}")
    import zipfile

    # np.load reads a bare .npy as one array and anything else as a pickle, which it refuses: say what is wrong
    if not zipfile.is_zipfile(path):
        raise UserInputError(f"{path.name} is not an npz archive (a zip of .npy arrays, as numpy.savez writes)")
    try:
        data = np.load(path, allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise UserInputError(f"{path.name} is not a readable npz file ({exc})") from None
    key = f"{split}_images"
    if key not in data.files:
        raise UserInputError(f"{path.name} has no {key}; it has: {', '.join(sorted(data.files))}")
    images = data[key]
    if images.ndim == 4:
        images = images[..., 0] if images.shape[-1] in (1, 3) else images[:, 0]
    if images.shape[1:] != (28, 28):
        images = np.stack([to_model_input(im.astype(np.float32) / max(1, im.max())) for im in images])
    probs = cnn().predict_proba(images.astype(np.uint8))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps([round(float(p), 6) for p in probs]))
    return len(probs)
