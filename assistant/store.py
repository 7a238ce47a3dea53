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

from core.sqlite import connect

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, role TEXT NOT NULL, patient_id TEXT, created REAL NOT NULL, owner TEXT);
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
            self._conn = connect(self.path, _SCHEMA)
            columns = {r[1] for r in self._conn.execute("PRAGMA table_info(sessions)")}
            if "owner" not in columns:  # schema 1 stores had no owner: their sessions belong to the CLI
                self._conn.execute("ALTER TABLE sessions ADD COLUMN owner TEXT")
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._conn.commit()
        return self._conn

    def open(self, session_id: str | None, role: str, patient_id: str | None, owner: str | None = None) -> Session:
        """Resume ``session_id`` if it exists (its role and patient win), else start a new session.

        With an ``owner`` (a signed-in user), a session resumes only for the same owner, role and patient; any
        other id starts a new session, so a guessed or stale id never opens someone else's conversation.
        """
        with self._lock:
            if session_id:
                row = self.conn.execute("SELECT id, role, patient_id, owner FROM sessions WHERE id=?",
                                        (session_id,)).fetchone()
                if row and (owner is None or (row[3], row[1], row[2]) == (owner, role, patient_id)):
                    return Session(row[0], row[1], row[2])
                if row:
                    session_id = None
            sid = session_id or uuid.uuid4().hex[:12]
            self.conn.execute("INSERT INTO sessions (id, role, patient_id, created, owner) VALUES (?,?,?,?,?)",
                              (sid, role, patient_id, time.time(), owner))
            self.conn.commit()
            return Session(sid, role, patient_id)

    def owner(self, session_id: str) -> str | None:
        """Who opened a session (None for the CLI's)."""
        with self._lock:
            row = self.conn.execute("SELECT owner FROM sessions WHERE id=?", (session_id,)).fetchone()
        return row[0] if row else None

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
