"""Benchmark items from MIRAGE JSON, PubMedQA PQA-L (with its abstracts), triage JSONL and HealthBench JSONL."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.errors import UserInputError


@dataclass
class McqItem:
    """One multiple-choice question; ``context`` is given text (PQA-L abstracts), not retrieval."""

    qid: str
    dataset: str
    question: str
    options: dict[str, str]
    answer: str
    context: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise UserInputError(f"no such file: {path}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserInputError(f"{path.name} is not valid JSON: {exc}") from None


def _mcq_problem(q: Any) -> str | None:
    """Why a MIRAGE item cannot be asked (no question, options or answer; an answer that is not an option), or None."""
    if not isinstance(q, dict) or not {"question", "options", "answer"} <= q.keys():
        return "lacks question, options or answer"
    if not isinstance(q["options"], dict) or not q["options"]:
        return "options are not a letter-to-text object"
    if str(q["answer"]) not in {str(k) for k in q["options"]}:
        return f"answer {q['answer']!r} is not one of its options"
    return None


def load_mcq(path: str | Path, dataset: str, skipped: list[str] | None = None) -> list[McqItem]:
    """Items of ``dataset`` from a MIRAGE-format file, or ``pqal`` from a PubMedQA PQA-L file.

    An item that cannot be asked is left out and described in ``skipped`` (id and why), for the run to report.
    """
    path = Path(path)
    data = _read_json(path)
    if isinstance(data, dict) and dataset in data and isinstance(data[dataset], dict):
        items = []
        for qid, q in data[dataset].items():
            problem = _mcq_problem(q)
            if problem:
                if skipped is not None:
                    skipped.append(f"{qid}: {problem}")
                continue
            items.append(McqItem(str(qid), dataset, q["question"], dict(q["options"]), str(q["answer"]),
                                 meta={"pmid": q.get("PMID")}))
        return items
    first = list(data.values())[:5] if isinstance(data, dict) else []
    if first and all(isinstance(v, dict) and "QUESTION" in v for v in first):
        letters = {"yes": "A", "no": "B", "maybe": "C"}
        return [McqItem(pmid, "pqal", v["QUESTION"], {"A": "yes", "B": "no", "C": "maybe"},
                        letters.get(v.get("final_decision", ""), "?"), context="\n".join(v.get("CONTEXTS", [])))
                for pmid, v in data.items()]
    subsets = ", ".join(sorted(k for k, v in data.items() if isinstance(v, dict))) if isinstance(data, dict) else "none"
    raise UserInputError(f"{path.name} has no subset {dataset!r} (MIRAGE subsets here: {subsets}; PQA-L files: pqal)")


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise UserInputError(f"no such file: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError:
                raise UserInputError(f"{path.name} line {n} is not JSON") from None
    return rows
