"""Triage vignettes from three formats: Semigran-style rows, Avey diagnostic vignettes and AgentClinic OSCE cases.

Semigran rows carry their urgency. The other two carry a diagnosis; its urgency comes from medassist's own labels in
``eval/data/<dataset>_urgency.json``, and a diagnosis without a clear urgency leaves its case out (and counted).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from eval.datasets import load_jsonl

_AVEY_FIELDS = ("presentation", "absent_findings", "physical_history", "family_history", "social_history")
_AVEY_TITLES = {"physical_history": "Medical history", "family_history": "Family history",
                "social_history": "Social history"}


@cache
def urgency_labels(dataset: str) -> dict[str, str]:
    """Diagnosis (lower case) -> em / ne / sc for ``avey`` or ``agentclinic``."""
    data = json.loads((Path(__file__).parent / "data" / f"{dataset}_urgency.json").read_text(encoding="utf-8"))
    return {d.lower(): level for level in ("em", "ne", "sc") for d in data[level]}


def avey_case(row: dict[str, Any]) -> str:
    """One Avey vignette as a case description: who, complaints, story, absent findings one per sentence, histories."""
    parts = [str(row.get("demographics", "")).strip(), f"Complaints: {row.get('chief_complaints', '')}".strip()]
    for key in _AVEY_FIELDS:
        value = str(row.get(key) or "").strip()
        if value in ("", "-"):
            continue
        if key == "absent_findings":
            # "No fever, No cough" -> one sentence each, so a negation never reaches past its own finding
            value = ". ".join(p.strip() for p in re.split(r"\s*[,.]\s*(?=(?:no|not|normal)\b)", value, flags=re.I))
        parts.append(f"{_AVEY_TITLES[key]}: {value}" if key in _AVEY_TITLES else value)
    return ". ".join(p.rstrip(". ") for p in parts if p) + "."


def _sentences(value: Any, title: str = "") -> list[str]:
    """Nested OSCE fields as plain sentences: "Heart Rate: 116 bpm." and lists joined with commas."""
    if isinstance(value, dict):
        return [s for key, v in value.items() for s in _sentences(v, key.replace("_", " "))]
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value).strip().rstrip(".")
    if not text:
        return []
    return [f"{title}: {text}." if title else f"{text}."]


def osce_case(row: dict[str, Any]) -> str:
    """An AgentClinic case as the triage sees it: the patient's story, symptoms, history and examination."""
    case = row.get("OSCE_Examination", row)
    actor = case.get("Patient_Actor", {})
    parts = _sentences(actor.get("Demographics", "")) + _sentences(actor.get("History", ""))
    parts += _sentences(actor.get("Symptoms", {})) + _sentences(actor.get("Past_Medical_History", ""),
                                                                "Past medical history")
    parts += _sentences(actor.get("Review_of_Systems", ""), "Review of systems")
    parts += _sentences(case.get("Physical_Examination_Findings", {}))
    return " ".join(parts)


def _labelled(row: dict[str, Any]) -> tuple[str, str, str] | None:
    """(dataset, diagnosis, case text) for an Avey or AgentClinic row, or None for other rows."""
    if "presentation" in row:
        return "avey", str(row.get("correct_diagnosis", "")), avey_case(row)
    case = row.get("OSCE_Examination")
    if isinstance(case, dict) and "Patient_Actor" in case:
        return "agentclinic", str(case.get("Correct_Diagnosis", "")), osce_case(row)
    return None


def load_triage(path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """Vignettes with ``urgency_level`` and ``case_description`` (and ``correct_diagnosis``), and how many were
    left out."""
    rows, skipped = [], 0
    for row in load_jsonl(path):
        if "case_description" in row:
            rows.append(row)
            continue
        found = _labelled(row)
        level = urgency_labels(found[0]).get(found[1].lower()) if found else None
        if found is None or level is None:
            skipped += 1
            continue
        rows.append({"urgency_level": level, "case_description": found[2], "correct_diagnosis": found[1]})
    return rows, skipped
