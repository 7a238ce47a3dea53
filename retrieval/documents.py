"""Typed records: documents from sources, chunks in the index, hits from a search."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """One source document: an abstract, a QA pair, a patient summary, an encounter, a note, a file."""

    id: str
    source: str
    title: str
    text: str
    url: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)  # pmid, patient_id, resource_type, date, license

    @property
    def patient_id(self) -> str | None:
        return self.metadata.get("patient_id")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(**d)

    def __repr__(self) -> str:  # record text may carry PHI: never in reprs
        return (f"Document(id={self.id!r}, source={self.source!r}, chars={len(self.text)}, "
                f"record={self.patient_id is not None})")


@dataclass
class Chunk:
    """A piece of a document sized for the embedder; its id is a content hash (incremental rebuilds)."""

    id: str
    doc_id: str
    source: str
    title: str
    text: str
    url: str
    patient_id: str | None
    position: int
    metadata: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(doc_id: str, text: str) -> str:
        return hashlib.sha256(f"{doc_id}\x00{text}".encode()).hexdigest()[:20]

    def __repr__(self) -> str:
        return f"Chunk(id={self.id!r}, doc={self.doc_id!r}, chars={len(self.text)})"


@dataclass
class SearchHit:
    """One search result, as the ``medassist search --json`` contract prints it."""

    id: str
    score: float
    source: str
    title: str
    text: str
    url: str
    patient_id: str | None
    doc_id: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(float(self.score), 6), "source": self.source, "title": self.title,
                "text": self.text, "url": self.url, "patient_id": self.patient_id, "doc_id": self.doc_id,
                "metadata": self.metadata}

    def __repr__(self) -> str:
        return f"SearchHit(id={self.id!r}, source={self.source!r}, score={self.score:.3f})"


def content_hash(parts: list[str]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode())
    return h.hexdigest()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)
