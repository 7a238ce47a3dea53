"""The pneumonia CNN ensemble as a classifier: load safetensors, calibrated probabilities, Grad-CAM heatmaps."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import SetupError

WEIGHTS = Path(__file__).parent / "weights"


@dataclass
class Prediction:
    label: str
    probability: float
    model: str
    heatmap: np.ndarray | None = None  # (28, 28) in [0, 1]


class CnnClassifier:
    """Ensemble of PneumoniaNet members with flip TTA and Platt calibration (weights in safetensors)."""

    name = "pneumonia-cnn-28"

    def __init__(self, weights_dir: Path = WEIGHTS) -> None:
        self.weights_dir = Path(weights_dir)
        self._models: list[Any] | None = None
        self._meta: dict[str, Any] = {}
        self._lock = threading.Lock()

    def load(self) -> CnnClassifier:
        with self._lock:
            if self._models is not None:
                return self
            try:
                import torch  # noqa: F401 - safetensors.torch needs it; a missing torch is said below
                from safetensors.torch import load_file
            except ImportError:
                raise SetupError("vision needs torch and safetensors: run `pip install 'medassist[vision]'`") from None
            from vision.model import PneumoniaNet

            st, meta = self.weights_dir / "pneumonia_cnn.safetensors", self.weights_dir / "pneumonia_cnn.json"
            if not st.is_file() or not meta.is_file():
                raise SetupError(f"no trained weights in {self.weights_dir}: run `medassist vision train`")
            self._meta = json.loads(meta.read_text())
            tensors = load_file(str(st))
            models = []
            for i in range(int(self._meta["members"])):
                m = PneumoniaNet()
                m.load_state_dict({k.split(".", 1)[1]: v for k, v in tensors.items() if k.startswith(f"m{i}.")})
                m.eval()
                models.append(m)
            self._models = models
        return self

    @property
    def meta(self) -> dict[str, Any]:
        return self.load()._meta

    def logits(self, images_u8: np.ndarray) -> np.ndarray:
        """Ensemble-mean logits of (N, 28, 28) uint8 images, averaged with their horizontal flips."""
        import torch

        from vision.model import to_tensor

        self.load()
        assert self._models is not None
        x = to_tensor(images_u8)
        with torch.no_grad():
            out = torch.stack([(m(x) + m(torch.flip(x, dims=[3]))) / 2 for m in self._models]).mean(0)
        return out.numpy()

    def predict_proba(self, images_u8: np.ndarray, batch: int = 1024) -> np.ndarray:
        parts = [self.logits(images_u8[i:i + batch]) for i in range(0, len(images_u8), batch)]
        z = np.concatenate(parts) if parts else np.zeros(0)
        a, b = self.meta["platt_a"], self.meta["platt_b"]
        return 1.0 / (1.0 + np.exp(-(a * z + b)))

    def classify(self, image_u8: np.ndarray, heatmap: bool = True) -> Prediction:
        p = float(self.predict_proba(image_u8[None])[0])
        cam = self.grad_cam(image_u8) if heatmap else None
        return Prediction("pneumonia" if p >= 0.5 else "normal", p, self.name, cam)

    def grad_cam(self, image_u8: np.ndarray) -> np.ndarray:
        """Grad-CAM on the last residual stage, averaged over the ensemble, upsampled to 28x28."""
        import torch
        from torch.nn import functional as F

        from vision.model import to_tensor

        self.load()
        assert self._models is not None
        cams = []
        with torch.enable_grad():
            for m in self._models:
                x = to_tensor(image_u8[None])
                feats = m.feature_maps(x)
                feats.retain_grad()
                logit = m.head(feats.mean(dim=(2, 3))).squeeze()
                logit.backward()
                weights = feats.grad.mean(dim=(2, 3), keepdim=True)
                cam = F.relu((weights * feats).sum(1, keepdim=True))
                cams.append(F.interpolate(cam, size=(28, 28), mode="bilinear", align_corners=False)[0, 0].detach())
        cam = torch.stack(cams).mean(0).numpy()
        return (cam / cam.max()) if cam.max() > 0 else cam
