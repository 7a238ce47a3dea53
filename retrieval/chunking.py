"""Chunking by the embedder's tokens, with overlap and provenance; chunk ids are content hashes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from retrieval.documents import Chunk, Document

_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def chunk_documents(docs: Iterable[Document], count_tokens: Callable[[str], int], max_tokens: int = 240,
                    overlap_tokens: int = 40) -> Iterator[Chunk]:
    """Split each document at sentence boundaries into pieces of at most ``max_tokens`` (title included)."""
    for doc in docs:
        budget = max(32, max_tokens - count_tokens(doc.title) - 2)
        for pos, text in enumerate(_pieces(doc.text, count_tokens, budget, overlap_tokens)):
            yield Chunk(id=Chunk.make_id(doc.id, text), doc_id=doc.id, source=doc.source, title=doc.title,
                        text=text, url=doc.url, patient_id=doc.patient_id, position=pos,
                        metadata=_chunk_metadata(doc.metadata, first=pos == 0))


def _chunk_metadata(meta: dict[str, Any], first: bool) -> dict[str, Any]:
    """The first chunk carries the document's metadata (not the MeSH terms or the computed record), later ones
    only what filters need."""
    if first:
        return {k: v for k, v in meta.items() if k not in ("meshes", "record")}
    return {k: v for k, v in meta.items() if k in ("patient_id", "pmid", "resource_type", "date")}


def _pieces(text: str, count: Callable[[str], int], budget: int, overlap: int) -> list[str]:
    sentences = [s.strip() for s in _SENT.split(text) if s and s.strip()]
    if not sentences:
        return []
    sized: list[tuple[str, int]] = []
    for s in sentences:
        n = count(s)
        if n <= budget:
            sized.append((s, n))
            continue
        words = s.split()  # a very long "sentence": cut by words
        step = max(1, int(len(words) * budget / n))
        for i in range(0, len(words), step):
            part = " ".join(words[i:i + step])
            sized.append((part, count(part)))
    chunks: list[str] = []
    cur: list[tuple[str, int]] = []
    total = 0
    for s, n in sized:
        if cur and total + n > budget:
            chunks.append(" ".join(x for x, _ in cur))
            keep: list[tuple[str, int]] = []
            kept = 0
            for x, m in reversed(cur):  # carry the last sentences over as overlap
                if kept + m > overlap:
                    break
                keep.insert(0, (x, m))
                kept += m
            cur, total = keep, kept
        cur.append((s, n))
        total += n
    if cur:
        chunks.append(" ".join(x for x, _ in cur))
    return chunks
