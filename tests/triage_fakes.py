"""A disposition scorer with fixed probabilities: tests of the triage's mechanisms (floor, vital signs, never
downgrading, questions) that must not depend on what the trained model says of a phrasing."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

THRESHOLDS = {"emergency": 0.5, "urgent": 0.3, "self_care": 0.6}


@dataclass
class _Loaded:
    thresholds: dict[str, float] = field(default_factory=lambda: dict(THRESHOLDS))


class FixedScorer:
    """P(emergency) and P(self-care) fixed for every case; records how many cases it scored."""

    def __init__(self, p_emergency: float = 0.0, p_self_care: float = 0.0) -> None:
        self.p = {"emergency": p_emergency, "self_care": p_self_care}
        self.error = None
        self.scored = 0

    def load(self) -> _Loaded:
        return _Loaded()

    def score(self, structured: np.ndarray, texts: list[str]) -> dict[str, np.ndarray]:
        self.scored += len(texts)
        return {h: np.full(len(texts), v) for h, v in self.p.items()}

    def trained_on(self, text: str) -> bool:
        return False
