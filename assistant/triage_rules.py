"""Clinical feature tables for triage, read from ``assistant/data/triage_rules.json``: what in a case description
raises or lowers urgency. Every pattern is matched on lower-cased text and ignored when negated ("no neck
stiffness"). The tables were grown case by case; issue #37 replaces them with findings, condition knowledge and a
learned disposition model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guards.safety.red_flags import SEIZURE

RULES_FILE = Path(__file__).parent / "data" / "triage_rules.json"


def _load(path: Path = RULES_FILE) -> dict[str, Any]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    fragments = {**doc["fragments"], "SEIZURE": SEIZURE}

    def unpack(pattern: str) -> str:
        for name, text in fragments.items():
            pattern = pattern.replace(f"<<{name}>>", text)
        return pattern

    return {"emergency": {k: unpack(v) for k, v in doc["emergency"].items()},
            "emergency_all": {k: {part: [unpack(p) for p in pats] for part, pats in v.items()}
                              for k, v in doc["emergency_all"].items()},
            "urgent": {k: (w, unpack(p)) for k, (w, p) in doc["urgent"].items()},
            "self_care": {k: (w, unpack(p)) for k, (w, p) in doc["self_care"].items()},
            "self_care_absence": frozenset(doc["self_care_absence"])}


_RULES = _load()
#: Danger signs: any one, stated and not negated, means emergency care now.
EMERGENCY: dict[str, str] = _RULES["emergency"]
#: Emergencies that need every pattern of "all" and none of "none".
EMERGENCY_ALL: dict[str, dict[str, list[str]]] = _RULES["emergency_all"]
#: (weight, pattern) of features that call for care within a day.
URGENT: dict[str, tuple[int, str]] = _RULES["urgent"]
#: (weight, pattern) of features of a minor, self-limiting complaint.
SELF_CARE: dict[str, tuple[int, str]] = _RULES["self_care"]
SELF_CARE_ABSENCE: frozenset[str] = _RULES["self_care_absence"]
