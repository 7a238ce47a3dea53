"""Vision: milliseconds per image after loading (single image, and batched), heatmap cost."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from tests.conftest import SHARED_DATA


def run() -> dict[str, Any]:
    from vision.classifier import CnnClassifier

    clf = CnnClassifier().load()
    imgs = np.load(SHARED_DATA / "images" / "pneumoniamnist_trainval.npz")["val_images"]
    clf.predict_proba(imgs[:4])
    t = time.perf_counter()
    for im in imgs[:100]:
        clf.predict_proba(im[None])
    single = (time.perf_counter() - t) / 100
    t = time.perf_counter()
    clf.predict_proba(imgs)
    batched = (time.perf_counter() - t) / len(imgs)
    t = time.perf_counter()
    for im in imgs[:20]:
        clf.classify(im, heatmap=True)
    with_cam = (time.perf_counter() - t) / 20
    return {"ms_per_image_single": round(1000 * single, 2), "ms_per_image_batched": round(1000 * batched, 3),
            "ms_per_image_with_heatmap": round(1000 * with_cam, 2), "ensemble_members": clf.meta["members"]}
