"""MedQuAD: one document per NIH question-answer pair, linked to its NIH page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from retrieval.documents import Document
from retrieval.sources.base import LoadStats, locate

RELATIVE = "corpora/medquad.jsonl"


def load(mirror: Path | None, cache: Path, stats: LoadStats) -> Iterator[Document]:
    path = locate(RELATIVE, mirror, cache)
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh):
            try:
                rec = json.loads(line)
            except ValueError:
                stats.skip("broken JSON line")
                continue
            answer, question = (rec.get("answer") or "").strip(), (rec.get("question") or "").strip()
            if not answer or not question:
                stats.skip("missing question or answer")
                continue
            doc = rec.get("doc") or f"line{n}"
            stats.documents += 1
            yield Document(id=f"medquad:{doc}:{n}", source="medquad", title=question,
                           text=" ".join(answer.split()), url=rec.get("url") or "",
                           metadata={"focus": rec.get("focus"), "qtype": rec.get("qtype"),
                                     "site": rec.get("source"), "license": "CC BY 4.0 (MedQuAD)"})
