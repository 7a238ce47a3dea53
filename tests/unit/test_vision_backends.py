"""The other vision backends behind the same call: clear offline errors and the multimodal-LLM request."""

import numpy as np
import pytest

from assistant.llm.fake import FakeChatBackend
from core.errors import SetupError
from core.llm_types import BackendProfile
from tests.conftest import SHARED_DATA
from vision.backends import VlmClassifier, XrvClassifier

XRAY = SHARED_DATA / "images" / "cxr_samples" / "00000001_000.png"


def test_torchxrayvision_missing_or_offline_is_a_clear_setup_error():
    try:
        import torchxrayvision  # noqa: F401
    except ImportError:
        with pytest.raises(SetupError, match="medassist\\[xrv\\]"):
            XrvClassifier().probability(np.zeros((64, 64), np.float32))
    else:
        pytest.skip("torchxrayvision is installed here")


def test_vlm_sends_the_image_as_an_image_url_part():
    backend = FakeChatBackend(['{"pneumonia_probability": 0.83}'], profile=BackendProfile(supports_images=True))
    p = VlmClassifier(backend).probability(XRAY)
    assert p == pytest.approx(0.83)
    content = backend.requests[0][0][0]["content"]
    assert content[1]["type"] == "image_url" and content[1]["image_url"]["url"].startswith("data:image/png;base64,")


def test_vlm_refuses_text_only_backends_and_unreadable_replies():
    with pytest.raises(SetupError, match="multimodal"):
        VlmClassifier(FakeChatBackend([], profile=BackendProfile(supports_images=False))).probability(XRAY)
    with pytest.raises(SetupError, match="could not be read"):
        VlmClassifier(FakeChatBackend(["looks fine"], profile=BackendProfile(supports_images=True))).probability(XRAY)
