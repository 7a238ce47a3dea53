"""Which patients each clinician may see: assignments made with the CLI, and those the records themselves state
(FHIR CareTeam participants and Encounter participants naming the clinician's practitioner identifier)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from core.sqlite import connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS assignments (clinician TEXT NOT NULL, patient_id TEXT NOT NULL, source TEXT NOT NULL,
  created REAL NOT NULL, PRIMARY KEY (clinician, patient_id));
"""


class Assignments:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path, _SCHEMA)
        return self._conn

    def assign(self, clinician: str, patient_ids: Iterable[str], source: str = "cli") -> int:
        """Add assignments (``source``: "cli" or "records"); returns how many were new."""
        rows = [(clinician, pid, source, time.time()) for pid in patient_ids]
        with self._lock:
            before = self.conn.total_changes
            self.conn.executemany("INSERT OR IGNORE INTO assignments VALUES (?,?,?,?)", rows)
            self.conn.commit()
            return self.conn.total_changes - before

    def unassign(self, clinician: str, patient_id: str) -> bool:
        with self._lock:
            n = self.conn.execute("DELETE FROM assignments WHERE clinician = ? AND patient_id = ?",
                                  (clinician, patient_id)).rowcount
            self.conn.commit()
        return bool(n)

    def patients(self, clinician: str) -> list[str]:
        with self._lock:
            rows = self.conn.execute("SELECT patient_id FROM assignments WHERE clinician = ? ORDER BY patient_id",
                                     (clinician,)).fetchall()
        return [r[0] for r in rows]

    def is_assigned(self, clinician: str, patient_id: str) -> bool:
        with self._lock:
            return self.conn.execute("SELECT 1 FROM assignments WHERE clinician = ? AND patient_id = ?",
                                     (clinician, patient_id)).fetchone() is not None
