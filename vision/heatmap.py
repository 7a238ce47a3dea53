"""Where the model looked: the Grad-CAM map overlaid on the (square-cropped) input image, saved as PNG."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np


def overlay(gray: np.ndarray, cam: np.ndarray, out_dir: Path, size: int = 512, alpha: float = 0.45) -> Path:
    """Blend a jet-coloured ``cam`` over the centre square of ``gray``; returns the PNG path."""
    from matplotlib import colormaps
    from PIL import Image

    h, w = gray.shape
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    base = Image.fromarray((gray[top:top + side, left:left + side] * 255).astype(np.uint8)).resize((size, size))
    heat = Image.fromarray((np.clip(cam, 0, 1) * 255).astype(np.uint8)).resize((size, size), Image.Resampling.BICUBIC)
    colored = (colormaps["jet"](np.asarray(heat) / 255.0)[..., :3] * 255).astype(np.uint8)
    blended = Image.blend(base.convert("RGB"), Image.fromarray(colored), alpha)
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(gray.tobytes()[:1_000_000] + cam.tobytes()).hexdigest()[:16]
    path = out_dir / f"heatmap-{digest}.png"
    blended.save(path)
    return path
