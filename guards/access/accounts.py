"""Local accounts in SQLite: Argon2id password hashes (argon2-cffi), disabling, and lock-out after failures.

A failed login costs the same whether the user exists or not, and says only "wrong username or password";
``MAX_FAILURES`` failures in a row lock the account for ``LOCK_SECONDS``.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from core.sqlite import connect
from guards.access.identity import ROLES, Identity

SCHEMA_VERSION = 1
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
MIN_PASSWORD = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, role TEXT NOT NULL, patient_id TEXT,
  practitioner TEXT, pw_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,
  locked_until REAL NOT NULL DEFAULT 0, created REAL NOT NULL);
"""


class AccountError(ValueError):
    """Bad account input, or a refused login; the message is safe to show."""


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        from core.errors import SetupError

        raise SetupError("accounts need argon2-cffi: run `pip install 'medassist[ui]'`") from None
    return PasswordHasher()


class AccountStore:
    """Accounts of one site. ``practitioner`` links a clinician to the practitioner identifier (an NPI) that FHIR
    records name, so that patients whose records list them are theirs."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._dummy: str | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path, _SCHEMA, SCHEMA_VERSION)
        return self._conn

    def add(self, username: str, password: str | None, role: str, patient_id: str | None = None,
            practitioner: str | None = None) -> Identity:
        """A new account; ``password`` None makes a single-sign-on account that cannot log in locally."""
        if not _NAME.match(username):
            raise AccountError("usernames are 2-64 lower-case letters, digits, '.', '_', '@' or '-'")
        if role not in ROLES:
            raise AccountError(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
        if role == "patient" and not patient_id:
            raise AccountError("a patient account needs --patient (the FHIR Patient.id of its own record)")
        if role != "patient" and patient_id:
            raise AccountError("only a patient account is bound to a record; clinicians are assigned patients")
        pw_hash = self._hash(password) if password is not None else None
        with self._lock:
            try:
                self.conn.execute("INSERT INTO users (username, role, patient_id, practitioner, pw_hash, created) "
                                  "VALUES (?,?,?,?,?,?)", (username, role, patient_id, practitioner, pw_hash,
                                                           time.time()))
            except sqlite3.IntegrityError:
                raise AccountError(f"user {username} exists") from None
            self.conn.commit()
        return Identity(username, role, patient_id)  # type: ignore[arg-type]

    def upsert_sso(self, who: Identity) -> Identity:
        """A single-sign-on user as the provider's claims say at this login (role and record refreshed each time);
        a local account of the same name is not taken over."""
        row = self._row(who.username)
        if row is not None and row[4] is not None:
            raise AccountError(f"{who.username} is a local account; single sign-on cannot use it")
        if row is not None and row[5]:
            raise AccountError("this account is disabled; ask an administrator")
        with self._lock:
            self.conn.execute("INSERT INTO users (username, role, patient_id, created) VALUES (?,?,?,?) "
                              "ON CONFLICT(username) DO UPDATE SET role = excluded.role, "
                              "patient_id = excluded.patient_id", (who.username, who.role, who.patient_id, time.time()))
            self.conn.commit()
        return who

    def _hash(self, password: str) -> str:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"passwords need at least {MIN_PASSWORD} characters")
        return _hasher().hash(password)

    def _row(self, username: str) -> tuple[Any, ...] | None:
        with self._lock:
            return self.conn.execute("SELECT username, role, patient_id, practitioner, pw_hash, disabled, failures, "
                                     "locked_until FROM users WHERE username = ?", (username,)).fetchone()

    def get(self, username: str) -> Identity | None:
        """The enabled account's identity, or None."""
        row = self._row(username)
        if row is None or row[5]:
            return None
        return Identity(row[0], row[1], row[2])

    def empty(self) -> bool:
        """No account exists yet (a fresh install)."""
        with self._lock:
            return self.conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None

    def practitioner(self, username: str) -> str | None:
        row = self._row(username)
        return row[3] if row else None

    def set_password(self, username: str, password: str) -> None:
        pw_hash = self._hash(password)
        with self._lock:
            n = self.conn.execute("UPDATE users SET pw_hash = ?, failures = 0, locked_until = 0 WHERE username = ?",
                                  (pw_hash, username)).rowcount
            self.conn.commit()
        if not n:
            raise AccountError(f"no user {username}")

    def disable(self, username: str) -> None:
        with self._lock:
            n = self.conn.execute("UPDATE users SET disabled = 1 WHERE username = ?", (username,)).rowcount
            self.conn.commit()
        if not n:
            raise AccountError(f"no user {username}")

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self.conn.execute("SELECT username, role, patient_id, practitioner, disabled, pw_hash IS NOT NULL, "
                                     "locked_until FROM users ORDER BY username").fetchall()
        now = time.time()
        return [{"username": u, "role": r, "patient_id": p, "practitioner": pr, "disabled": bool(d),
                 "local_login": bool(local), "locked": lk > now} for u, r, p, pr, d, local, lk in rows]

    def verify(self, username: str, password: str, now: float | None = None) -> Identity:
        """The identity for a correct password; AccountError otherwise, counting the failure."""
        now = time.time() if now is None else now
        row = self._row(username)
        hasher = _hasher()
        if row is None or row[4] is None:
            # the same work as a real check, so timing does not tell which usernames exist
            self._dummy = self._dummy or hasher.hash("not-a-password-0")
            self._check(hasher, self._dummy, password)
            raise AccountError("wrong username or password")
        if row[5]:
            raise AccountError("this account is disabled; ask an administrator")
        if row[7] > now:
            raise AccountError(f"too many failed logins: try again in {int(row[7] - now) // 60 + 1} minutes")
        if not self._check(hasher, row[4], password):
            failures = row[6] + 1
            locked = now + LOCK_SECONDS if failures >= MAX_FAILURES else 0
            with self._lock:
                self.conn.execute("UPDATE users SET failures = ?, locked_until = ? WHERE username = ?",
                                  (0 if locked else failures, locked, username))
                self.conn.commit()
            raise AccountError("wrong username or password")
        with self._lock:
            self.conn.execute("UPDATE users SET failures = 0 WHERE username = ?", (username,))
            self.conn.commit()
        return Identity(row[0], row[1], row[2])

    @staticmethod
    def _check(hasher: Any, pw_hash: str, password: str) -> bool:
        from argon2.exceptions import VerificationError

        try:
            return bool(hasher.verify(pw_hash, password))
        except VerificationError:
            return False
