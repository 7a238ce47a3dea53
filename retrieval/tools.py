"""Retrieval as tools: scoped literature/record search and the bound patient's record summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def make_search_tool(retriever: Any) -> Callable[..., Any]:
    def search_literature(query: str, k: int = 5, patient_id: str | None = None) -> list[dict[str, Any]]:
        """Search medical literature (and the bound patient's records) for passages relevant to the query."""
        hits = retriever.search(query, k=max(1, min(k, 10)), patient_id=patient_id)
        return [{"id": h.id, "title": h.title, "source": h.source, "url": h.url, "text": h.text[:600]} for h in hits]

    return search_literature


def make_record_tool(retriever: Any) -> Callable[..., Any]:
    def patient_record(patient_id: str) -> dict[str, Any]:
        """Latest vital signs, active conditions, medications and allergies of the bound patient."""
        record = retriever.patient_record(patient_id)
        if record is None:
            raise ValueError(f"no indexed records for patient {patient_id}")
        return record

    return patient_record
