"""Append-only, PHI-free audit log in SQLite: hashes, labels, counts and decisions, never text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from core.sqlite import connect

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, event TEXT NOT NULL,
  fields TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
"""
_ALLOWED = (int, float, bool, type(None))


def pseudonym(value: str) -> str:
    """A stable, non-reversible handle for an identifier (session or patient)."""
    return hashlib.sha256(("medassist-audit:" + value).encode()).hexdigest()[:16]


class AuditLog:
    """Only numbers, booleans, short labels and hashes are accepted; free text is refused by code."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path, _SCHEMA, SCHEMA_VERSION)
        return self._conn

    def record(self, event: str, **fields: Any) -> None:
        clean = {k: _clean(k, v) for k, v in fields.items()}
        with self._lock:
            self.conn.execute("INSERT INTO audit (ts, event, fields) VALUES (?,?,?)",
                              (time.time(), event, json.dumps(clean, sort_keys=True)))
            self.conn.commit()

    def rows(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self.conn.execute("SELECT id, ts, event, fields FROM audit ORDER BY id").fetchall()
        return [{"id": i, "ts": ts, "event": e, **json.loads(f)} for i, ts, e, f in rows]


def _clean(key: str, value: Any) -> Any:
    """Identifiers are hashed; labels must be short tokens; anything else is refused."""
    if key in ("session", "patient"):
        return None if value is None else pseudonym(str(value))
    if isinstance(value, _ALLOWED):
        return value
    if isinstance(value, str) and _is_label(value):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and _is_label(v) for v in value):
        return list(value)
    raise ValueError(f"audit field {key!r} must be a number, a flag or a short label, not free text")


def _is_label(value: str) -> bool:
    return len(value) <= 40 and all(c.isalnum() or c in "_-.:" for c in value)
