"""The vision tool: a typed function with a JSON schema, usable by the assistant and by LangChain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def make_vision_tool(settings: Any, backend: Any = None) -> Callable[..., dict[str, Any]]:
    """The tool; ``backend`` is the chat backend a vision-LLM classifier asks (built by the caller)."""

    def vision_classify(image_path: str) -> dict[str, Any]:
        """Classify a chest X-ray (PNG, JPEG or DICOM) for pneumonia; returns label, probability and a heatmap path."""
        from vision.service import classify_path

        return classify_path(image_path, settings, backend=backend)

    return vision_classify
