"""The project's own labelled triage cases (``eval/data/triage_cases.jsonl``): development data that trains the
disposition model, never evidence (they were written here, and the old rules were grown until they passed)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CASES_FILE = Path(__file__).parent / "data" / "triage_cases.jsonl"


@cache
def load_cases(path: Path = CASES_FILE) -> tuple[list[tuple[str, str]], list[tuple[str, set[str]]]]:
    """``(vignettes, messages)``: vignettes as ``(em|ne|sc, text)``, patient messages as ``(text, allowed)``."""
    vignettes: list[tuple[str, str]] = []
    messages: list[tuple[str, set[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["set"] == "vignette":
            vignettes.append((case["label"], case["text"]))
        else:
            messages.append((case["text"], set(case["allowed"])))
    return vignettes, messages
