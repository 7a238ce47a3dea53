"""Other vision backends behind the same call: torchxrayvision, and a multimodal LLM served by vLLM."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import SetupError


class XrvClassifier:
    """torchxrayvision DenseNet (all datasets); its weights download on first use when online."""

    name = "torchxrayvision-densenet121-res224-all"

    def __init__(self) -> None:
        self._model: Any = None

    def load(self) -> XrvClassifier:
        if self._model is None:
            try:
                import torchxrayvision as xrv
            except ImportError:
                raise SetupError("torchxrayvision is not installed: run `pip install 'medassist[xrv]'`") from None
            try:
                self._model = xrv.models.DenseNet(weights="densenet121-res224-all")
            except Exception as exc:  # noqa: BLE001 - its downloader raises many kinds; offline is the usual cause
                raise SetupError(f"torchxrayvision weights are not available ({type(exc).__name__}); they download "
                                 "on first use and need network access: use MEDASSIST_VISION_BACKEND=cnn offline"
                                 ) from None
        return self

    def probability(self, gray: np.ndarray) -> float:
        import torch
        from PIL import Image

        model = self.load()._model
        im = np.asarray(Image.fromarray((gray * 255).astype(np.uint8)).resize((224, 224)), dtype=np.float32)
        x = torch.from_numpy((im / 255.0) * 2048 - 1024)[None, None]
        with torch.no_grad():
            out = model(x)[0]
        return float(out[model.pathologies.index("Pneumonia")])


class VlmClassifier:
    """Asks a multimodal model (e.g. MedGemma-4B-it on vLLM) with the image as an OpenAI image_url part."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.name = f"vlm:{getattr(backend, '_model', None) or 'served-model'}"

    def probability(self, path: Path) -> float:
        from core.llm_types import ChatOptions

        if not self.backend.profile.supports_images:
            raise SetupError("the configured LLM backend does not take images: serve a multimodal model with vLLM")
        data = base64.b64encode(path.read_bytes()).decode()
        mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
        msg = [{"role": "user", "content": [
            {"type": "text", "text": "Is there radiographic evidence of pneumonia on this chest X-ray? Reply with JSON "
                                     '{"pneumonia_probability": number between 0 and 1}.'},
            {"type": "image_url", "image_url": {"url": f"data:{mime};base64,{data}"}}]}]
        out = self.backend.chat(msg, ChatOptions(max_tokens=40, temperature=0.0))
        m = re.search(r"\{.*\}", out.content, re.DOTALL)
        try:
            value = float(json.loads(m.group(0))["pneumonia_probability"]) if m else float("nan")
        except (ValueError, KeyError, TypeError):
            value = float("nan")
        if not 0.0 <= value <= 1.0:
            raise SetupError(f"the vision model's reply could not be read as a probability: {out.content[:80]!r}")
        return value
