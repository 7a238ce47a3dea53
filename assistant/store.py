"""Conversations in SQLite: sessions and their turns, stored redacted, with a schema version."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, role TEXT NOT NULL, patient_id TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
  session_id TEXT NOT NULL REFERENCES sessions(id), n INTEGER NOT NULL, role TEXT NOT NULL,
  content TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}', created REAL NOT NULL, PRIMARY KEY (session_id, n));
"""


@dataclass
class Session:
    id: str
    role: str
    patient_id: str | None

    def __repr__(self) -> str:  # the patient id stays out of logs
        return f"Session(id={self.id!r}, role={self.role!r}, bound={self.patient_id is not None})"


class ConversationStore:
    """Sessions and redacted turns; ``--session`` resumes one."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False)
            self._conn.executescript(_SCHEMA)
            self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._conn.commit()
        return self._conn

    def open(self, session_id: str | None, role: str, patient_id: str | None) -> Session:
        """Resume ``session_id`` if it exists (its role and patient win), else start a new session."""
        with self._lock:
            if session_id:
                row = self.conn.execute("SELECT id, role, patient_id FROM sessions WHERE id=?",
                                        (session_id,)).fetchone()
                if row:
                    return Session(row[0], row[1], row[2])
            sid = session_id or uuid.uuid4().hex[:12]
            self.conn.execute("INSERT INTO sessions VALUES (?,?,?,?)", (sid, role, patient_id, time.time()))
            self.conn.commit()
            return Session(sid, role, patient_id)

    def add(self, session_id: str, role: str, content: str, data: dict[str, Any] | None = None) -> None:
        with self._lock:
            n = self.conn.execute("SELECT COALESCE(MAX(n), 0) + 1 FROM turns WHERE session_id=?",
                                  (session_id,)).fetchone()[0]
            self.conn.execute("INSERT INTO turns VALUES (?,?,?,?,?,?)",
                              (session_id, n, role, content, json.dumps(data or {}), time.time()))
            self.conn.commit()

    def history(self, session_id: str, limit: int = 20) -> list[dict[str, Any]]:
        """The last ``limit`` turns as ``{"role", "content", "data"}``, oldest first."""
        with self._lock:
            rows = self.conn.execute("SELECT role, content, data FROM turns WHERE session_id=? ORDER BY n DESC LIMIT ?",
                                     (session_id, limit)).fetchall()
        return [{"role": r, "content": c, "data": json.loads(d)} for r, c, d in reversed(rows)]
