"""Many triage cases from a JSONL file: ``medassist triage --jsonl IN --out OUT``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import UserInputError
from core.jsonl import read_records

BATCH = 64
TEXT_KEYS = ("text", "case_description")


def case_text(rec: dict[str, Any]) -> str | None:
    return next((rec[k] for k in TEXT_KEYS if isinstance(rec.get(k), str)), None)


def _problem(rec: dict[str, Any]) -> str | None:
    if not (case_text(rec) or "").strip():
        return 'each line must be an object with a non-empty "text" string'
    if rec.get("vitals") is not None and not isinstance(rec["vitals"], dict):
        return '"vitals" must be an object such as {"hr": 110}'
    return None


def read_cases(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file, each with a ``text`` (or ``case_description``) string and optional ``vitals``
    object; a UserInputError names the first bad line, before anything is triaged."""
    records = read_records(path, _problem)
    if not records:
        raise UserInputError(f"{path} holds no cases")
    return records


def triage_file(records: list[dict[str, Any]], target: Path, advance: Callable[[int], None] | None = None,
                engine: Any = None) -> int:
    """Each record with ``triage`` (disposition, reasons, red flags, scores, questions) added, in order; the file
    appears whole or not at all. Returns the count."""
    from assistant.triage import TriageEngine

    engine = engine or TriageEngine()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    with tmp.open("w", encoding="utf-8") as out:
        for start in range(0, len(records), BATCH):
            part = records[start:start + BATCH]
            results = engine.assess_many([case_text(r) or "" for r in part], [r.get("vitals") for r in part])
            for rec, res in zip(part, results, strict=True):
                out.write(json.dumps({**rec, "triage": res.to_dict()}, ensure_ascii=False) + "\n")
            if advance is not None:
                advance(len(part))
    os.replace(tmp, target)
    return len(records)
