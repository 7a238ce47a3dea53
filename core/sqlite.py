"""Opening the project's SQLite files: folder made, schema applied, schema version recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: str | Path, schema: str, version: int | None = None, **kwargs: object) -> sqlite3.Connection:
    """A connection shared across threads (callers hold their own lock) with ``schema`` applied; with a
    ``version``, ``meta.schema_version`` is recorded (the schema must create the ``meta`` table)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, **kwargs)  # type: ignore[arg-type]
    conn.executescript(schema)
    if version is not None:
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(version),))
        conn.commit()
    return conn
