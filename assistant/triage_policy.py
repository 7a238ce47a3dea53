"""How the triage's inputs become one disposition: the red-flag floor and dangerous vital signs make an emergency
that nothing lowers; the model's P(emergency) at its operating point makes one too; below that, a same-day visit when
NEWS2 asks for urgent review or a dangerous condition stays plausible; then self-care when P(self-care) passes its
point (chosen so that few cases labelled above self-care reach it); then a same-day visit when P(emergency) passes
the urgent point; routine otherwise. A served model's judgement may raise the result, never lower it.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("self_care", "routine", "urgent", "emergency")


@dataclass(frozen=True)
class Inputs:
    p_emergency: float | None
    p_self_care: float | None
    floor: bool
    vital_emergency: bool
    vital_urgent: bool
    #: a dangerous condition stays plausible (``triage_features.cant_miss``): never less than a same-day visit
    cant_miss: bool = False


def decide(x: Inputs, thresholds: dict[str, float] | None) -> str:
    """The disposition for ``x`` at ``thresholds`` (emergency, urgent, self_care); with no model, the floor and
    vital signs decide and anything else is seen today (urgent), the safe side."""
    if x.floor or x.vital_emergency:
        return "emergency"
    if x.p_emergency is None or thresholds is None:
        return "urgent"
    if x.p_emergency >= thresholds["emergency"]:
        return "emergency"
    if x.vital_urgent or x.cant_miss:
        return "urgent"
    if x.p_self_care is not None and x.p_self_care >= thresholds["self_care"]:
        return "self_care"
    return "urgent" if x.p_emergency >= thresholds["urgent"] else "routine"


def raise_only(level: str, other: str | None) -> str:
    """``other`` if it is more urgent than ``level``, else ``level``."""
    if other in LEVELS and LEVELS.index(other) > LEVELS.index(level):
        return other
    return level
