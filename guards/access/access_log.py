"""Who accessed which record: an append-only, PHI-free log whose entries are chained by SHA-256.

Each entry stores the hash of the previous entry and its own hash over its fields, so editing or deleting any
entry (even with the file opened outside medassist, triggers dropped) breaks the chain at that point, and
``verify`` says where. Entries hold user names, roles, FHIR patient ids, resource ids, a purpose and a
break-the-glass reason (free text the user typed, kept as the law asks; it is run through the PHI redactor
before it is written when one is given), never record content.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.sqlite import connect

SCHEMA_VERSION = 1
GENESIS = "0" * 64
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS access (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, username TEXT NOT NULL,
  role TEXT NOT NULL, patient_id TEXT, action TEXT NOT NULL, outcome TEXT NOT NULL, purpose TEXT,
  reason TEXT, break_glass INTEGER NOT NULL, resources TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS access_patient ON access (patient_id);
CREATE INDEX IF NOT EXISTS access_user ON access (username);
CREATE TRIGGER IF NOT EXISTS access_no_update BEFORE UPDATE ON access
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS access_no_delete BEFORE DELETE ON access
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
"""
FIELDS = ("ts", "username", "role", "patient_id", "action", "outcome", "purpose", "reason", "break_glass",
          "resources")


def entry_hash(prev: str, entry: dict[str, Any]) -> str:
    body = json.dumps({k: entry[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode()).hexdigest()


class AccessLog:
    def __init__(self, path: str | Path, redact: Callable[[str], str] | None = None) -> None:
        self.path = Path(path)
        self.redact = redact
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path, _SCHEMA, SCHEMA_VERSION, isolation_level="IMMEDIATE")
        return self._conn

    def append(self, username: str, role: str, patient_id: str | None, action: str, outcome: str,
               purpose: str | None = None, reason: str | None = None, break_glass: bool = False,
               resources: list[str] | None = None) -> dict[str, Any]:
        """One access attempt (``outcome``: "allowed" or "denied"), chained to the last entry."""
        if reason and self.redact is not None:
            reason = self.redact(reason)
        entry: dict[str, Any] = {"ts": round(time.time(), 3), "username": username, "role": role,
                                 "patient_id": patient_id, "action": action, "outcome": outcome, "purpose": purpose,
                                 "reason": reason, "break_glass": int(break_glass),
                                 "resources": json.dumps(sorted(set(resources or [])))}
        with self._lock:
            last = self.conn.execute("SELECT hash FROM access ORDER BY id DESC LIMIT 1").fetchone()
            prev = last[0] if last else GENESIS
            entry["prev"], entry["hash"] = prev, entry_hash(prev, entry)
            self.conn.execute(f"INSERT INTO access ({', '.join(FIELDS)}, prev, hash) VALUES "
                              f"({', '.join('?' * (len(FIELDS) + 2))})", [entry[k] for k in (*FIELDS, "prev", "hash")])
            self.conn.commit()
        return entry

    def entries(self, patient_id: str | None = None, username: str | None = None) -> list[dict[str, Any]]:
        """Entries in order, for one patient or one user (or all)."""
        where, args = [], []
        if patient_id is not None:
            where.append("patient_id = ?")
            args.append(patient_id)
        if username is not None:
            where.append("username = ?")
            args.append(username)
        sql = f"SELECT id, {', '.join(FIELDS)}, prev, hash FROM access"
        sql += f" WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        out = []
        for row in rows:
            entry = dict(zip(("id", *FIELDS, "prev", "hash"), row))
            entry["resources"] = json.loads(entry["resources"])
            entry["break_glass"] = bool(entry["break_glass"])
            out.append(entry)
        return out

    def verify(self) -> dict[str, Any]:
        """``{"ok", "entries", "first_bad"}``: walks the chain; an edited entry fails its own hash, a deleted one
        the next entry's link (and the id sequence)."""
        with self._lock:
            rows = self.conn.execute(f"SELECT id, {', '.join(FIELDS)}, prev, hash FROM access ORDER BY id").fetchall()
        prev, expected_id = GENESIS, None
        for row in rows:
            entry = dict(zip(("id", *FIELDS, "prev", "hash"), row))
            gap = expected_id is not None and entry["id"] != expected_id
            if gap or entry["prev"] != prev or entry_hash(prev, entry) != entry["hash"]:
                return {"ok": False, "entries": len(rows), "first_bad": entry["id"]}
            prev, expected_id = entry["hash"], entry["id"] + 1
        return {"ok": True, "entries": len(rows), "first_bad": None}
