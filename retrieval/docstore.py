"""The SQLite docstore: one row per chunk (row = FAISS id), document metadata, schema version and hashes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.documents import Chunk, Document, SearchHit

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE chunks (row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL, source TEXT NOT NULL,
  title TEXT NOT NULL, text TEXT NOT NULL, url TEXT NOT NULL, patient_id TEXT, position INTEGER NOT NULL,
  metadata TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
  patient_id TEXT, metadata TEXT NOT NULL);
CREATE INDEX chunks_patient ON chunks(patient_id);
CREATE INDEX documents_patient ON documents(patient_id);
"""


class DocStore:
    """Read side (and the writer used by the build) of ``docstore.sqlite``."""

    def __init__(self, path: Path, create: bool = False) -> None:
        self.path = path
        uri = f"file:{path}?mode={'rwc' if create else 'ro'}"
        self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        if create:
            self.conn.executescript(_SCHEMA)
            self.set_meta("schema_version", str(SCHEMA_VERSION))

    def close(self) -> None:
        self.conn.close()

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def add_chunks(self, chunks: Iterable[Chunk], start_row: int) -> int:
        rows = [(start_row + i, c.id, c.doc_id, c.source, c.title, c.text, c.url, c.patient_id, c.position,
                 json.dumps(c.metadata, ensure_ascii=False, default=str)) for i, c in enumerate(chunks)]
        self.conn.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def add_documents(self, docs: Iterable[Document]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?)",
                              [(d.id, d.source, d.title, d.url, d.patient_id,
                                json.dumps(d.metadata, ensure_ascii=False, default=str)) for d in docs])

    def commit(self) -> None:
        self.conn.commit()

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def ids_to_rows(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT id, row FROM chunks").fetchall())

    def row_attributes(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row: source name and patient id ('' for literature), for filtering before ranking."""
        rows = self.conn.execute("SELECT source, COALESCE(patient_id, '') FROM chunks ORDER BY row").fetchall()
        return (np.array([r[0] for r in rows], dtype=object), np.array([r[1] for r in rows], dtype=object))

    def hits(self, rows: Sequence[int], scores: Sequence[float]) -> list[SearchHit]:
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        query = ("SELECT row, id, doc_id, source, title, text, url, patient_id, metadata FROM chunks "
                 f"WHERE row IN ({marks})")
        found = {r[0]: r for r in self.conn.execute(query, [int(r) for r in rows])}
        out = []
        for row, score in zip(rows, scores):
            r = found.get(int(row))
            if r:
                out.append(SearchHit(id=r[1], score=float(score), source=r[3], title=r[4], text=r[5], url=r[6],
                                     patient_id=r[7], doc_id=r[2], metadata=json.loads(r[8])))
        return out

    def document(self, doc_id: str) -> dict[str, Any] | None:
        r = self.conn.execute("SELECT id, source, title, url, patient_id, metadata FROM documents WHERE id=?",
                              (doc_id,)).fetchone()
        if r is None:
            return None
        return {"id": r[0], "source": r[1], "title": r[2], "url": r[3], "patient_id": r[4],
                "metadata": json.loads(r[5])}

    def patients(self) -> list[dict[str, Any]]:
        """Every indexed patient: id, name, source (from summary documents or record metadata)."""
        rows = self.conn.execute("SELECT patient_id, source, metadata FROM documents WHERE patient_id IS NOT NULL "
                                 "GROUP BY patient_id ORDER BY patient_id").fetchall()
        return [{"patient_id": p, "source": s, "name": json.loads(m).get("name", "")} for p, s, m in rows]

    def patient_documents(self, patient_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT id, title, url, metadata FROM documents WHERE patient_id=? ORDER BY id",
                                 (patient_id,)).fetchall()
        return [{"id": i, "title": t, "url": u, "metadata": json.loads(m)} for i, t, u, m in rows]

    def document_text(self, doc_id: str) -> str:
        """A document's text as indexed: its chunks in order (neighbouring chunks overlap by a few sentences)."""
        rows = self.conn.execute("SELECT text FROM chunks WHERE doc_id=? ORDER BY position", (doc_id,)).fetchall()
        return "\n".join(r[0] for r in rows)
