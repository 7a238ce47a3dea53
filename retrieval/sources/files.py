"""The user's own .txt, .md and .pdf files (a file or a directory, recursively)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from retrieval.documents import Document
from retrieval.sources.base import LoadStats

SUFFIXES = {".txt", ".md", ".pdf"}


def load(root: Path, stats: LoadStats) -> Iterator[Document]:
    if not root.exists():
        from core.errors import UserInputError

        raise UserInputError(f"files source: {root} does not exist")
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in paths:
        if path.suffix.lower() not in SUFFIXES:
            stats.skip(f"unsupported type {path.suffix or '(none)'}")
            continue
        text = _read(path, stats)
        if text is None:
            continue
        if not text.strip():
            stats.skip("empty file")
            continue
        stats.documents += 1
        yield Document(id=f"file:{path.resolve()}", source="files", title=path.stem.replace("_", " "),
                       text=text, url=path.resolve().as_uri(), metadata={"path": str(path)})


def _read(path: Path, stats: LoadStats) -> str | None:
    if path.suffix.lower() == ".pdf":
        try:
            from pypdf import PdfReader
            from pypdf.errors import PdfReadError
        except ImportError:
            stats.skip("pdf (pypdf not installed)")
            return None
        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
        except (PdfReadError, ValueError, OSError):
            stats.skip("unreadable pdf")
            return None
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        stats.skip("bad encoding (decoded as latin-1)")
        return raw.decode("latin-1")
