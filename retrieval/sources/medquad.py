"""MedQuAD: one document per NIH question-answer pair, linked to its NIH page."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

from retrieval.documents import Document
from retrieval.sources.base import LoadStats
from retrieval.sources.upstream import Upstream, extract_archive

log = logging.getLogger(__name__)
RELATIVE = "corpora/medquad.jsonl"
COMMIT = "7e94c7b336f1f8e010c03091df691c8bea014399"
#: GitHub regenerates archive bytes, so the commit pins the content and the first download's checksum is recorded.
UPSTREAM = Upstream(f"https://github.com/abachaa/MedQuAD/archive/{COMMIT}.zip")


def _path(mirror: Path | None, cache: Path) -> Path:
    """The JSONL of question-answer pairs: the mirror's, or one converted from the upstream XML archive."""
    if mirror is not None and (mirror / RELATIVE).exists():
        return mirror / RELATIVE
    target = cache / RELATIVE
    if not target.exists():
        root = extract_archive(UPSTREAM, cache, f"medquad-{COMMIT[:12]}")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        with open(tmp, "w", encoding="utf-8") as out:
            for rec in records_from_xml(root):
                out.write(json.dumps(rec) + "\n")
        tmp.replace(target)
    return target


def records_from_xml(root: Path) -> Iterator[dict[str, str]]:
    """MedQuAD's XML (one file per topic, several QAPairs) as flat records, the mirror's JSONL layout."""
    from xml.etree import ElementTree

    for path in sorted(root.rglob("*.xml")):
        try:
            doc = ElementTree.parse(path).getroot()
        except ElementTree.ParseError:
            log.warning("skipping unparsable MedQuAD file %s", path.name)
            continue
        folder = path.parent.name
        for pair in doc.iter("QAPair"):
            q, a = pair.find("Question"), pair.find("Answer")
            yield {"source": folder, "doc": f"{folder}/{path.stem}_{pair.get('pid', '')}.xml",
                   "url": doc.get("url", ""), "focus": (doc.findtext("Focus") or "").strip(),
                   "qtype": q.get("qtype", "") if q is not None else "",
                   "question": (q.text or "").strip() if q is not None else "",
                   "answer": (a.text or "").strip() if a is not None else ""}


def load(mirror: Path | None, cache: Path, stats: LoadStats) -> Iterator[Document]:
    path = _path(mirror, cache)
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
