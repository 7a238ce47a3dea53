"""PubMedQA PQA-L: the 1000 expert-labelled abstracts, one document each, section labels kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from retrieval.documents import Document
from retrieval.sources.base import LoadStats, locate
from retrieval.sources.upstream import Upstream

RELATIVE = "benchmarks/pubmedqa_pqal.json"
UPSTREAM = Upstream("https://raw.githubusercontent.com/pubmedqa/pubmedqa/master/data/ori_pqal.json",
                    sha256="8b3276be8942ebbd77f3ddcda12c1749bf0e490045a736fd8438ee40cf37a41d")


def load(mirror: Path | None, cache: Path, stats: LoadStats) -> Iterator[Document]:
    path = locate(RELATIVE, mirror, cache, UPSTREAM)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        stats.skip("unreadable file")
        return
    for pmid, item in data.items():
        contexts, labels = item.get("CONTEXTS"), item.get("LABELS") or []
        if not isinstance(contexts, list) or not contexts:
            stats.skip("no abstract")
            continue
        parts = [f"{labels[i].title() if i < len(labels) else 'Text'}: {c}" for i, c in enumerate(contexts)]
        meshes = [m for m in item.get("MESHES") or [] if isinstance(m, str)]
        if meshes:
            # PubMed's own subject headings: they name the disease an abstract abbreviates ("PMR")
            parts.append("MeSH terms: " + "; ".join(meshes))
        # The question and its long answer are benchmark labels, not the abstract: indexing them would leak
        # answers into retrieval-augmented evaluation, so only the labelled abstract sections go in.
        title = f"PubMed {pmid}" + (f" ({item['YEAR']})" if item.get("YEAR") else "")
        stats.documents += 1
        yield Document(id=f"pubmed:{pmid}", source="pubmedqa", title=title, text="\n".join(parts),
                       url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
                       metadata={"pmid": pmid, "year": item.get("YEAR"), "meshes": item.get("MESHES", []),
                                 "license": "MIT (PubMedQA); abstract text from PubMed"})
