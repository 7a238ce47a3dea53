"""Anonymization: an operator per label, surrogates consistent within a conversation, mapping kept in memory."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from guards.phi.analyzer import Entity

_FAKE_FIRST = ["Alex", "Jordan", "Casey", "Riley", "Morgan", "Taylor", "Jamie", "Avery", "Quinn", "Rowan"]
_FAKE_LAST = ["Smith", "Lane", "Reyes", "Moore", "Clark", "Hayes", "Ward", "Brooks", "Fox", "Gray"]
_KEEP_FORMAT = {"PHONE": "555-0100", "FAX": "555-0199", "EMAIL": "redacted@example.org", "URL": "https://example.org",
                "IP": "192.0.2.1", "ZIP": "00000", "CITY": "Springfield", "ADDRESS": "1 Main Street"}


@dataclass
class Surrogates:
    """Per-conversation surrogate table: the same original always maps to the same surrogate.

    The reverse mapping lives only in this object, in memory, for the clinician's view; it is never persisted.
    """

    mode: str = "tags"  # "tags" -> [PATIENT_1]; "fakes" -> realistic values with one date shift
    seed: int = 0
    _forward: dict[tuple[str, str], str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self.date_shift = timedelta(days=self._rng.randint(-365, -30))

    def __repr__(self) -> str:
        return f"Surrogates(mode={self.mode!r}, items={len(self._forward)})"

    def surrogate(self, label: str, original: str) -> str:
        key = (label, " ".join(original.lower().split()))
        if key not in self._forward:
            n = self._counts[label] = self._counts.get(label, 0) + 1
            self._forward[key] = self._tag(label, n) if self.mode == "tags" else self._fake(label, original, n)
        return self._forward[key]

    def reverse(self) -> dict[str, str]:
        """surrogate -> original (first spelling seen), for the clinician's view only."""
        return {v: k[1] for k, v in self._forward.items()}

    @staticmethod
    def _tag(label: str, n: int) -> str:
        return f"[{'PATIENT' if label == 'NAME' else label}_{n}]"

    def _fake(self, label: str, original: str, n: int) -> str:
        h = int(hashlib.sha256(original.encode()).hexdigest(), 16)
        if label == "NAME":
            parts = original.split()
            first = _FAKE_FIRST[h % len(_FAKE_FIRST)]
            return first if len(parts) == 1 else f"{first} {_FAKE_LAST[(h // 7) % len(_FAKE_LAST)]}"
        if label == "DATE":
            shifted = _shift_date(original, self.date_shift)
            return shifted or self._tag(label, n)
        if label == "AGE":
            return "90+"
        return _KEEP_FORMAT.get(label, self._tag(label, n))


def _shift_date(text: str, shift: timedelta) -> str | None:
    """Shift a numeric date by the conversation's offset, keeping its format; None when not numeric."""
    m = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})", text.strip())
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    try:
        if m:
            mo, sep, d, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
            year = int(y) + (2000 if len(y) == 2 and int(y) < 50 else 1900 if len(y) == 2 else 0)
            new = date(year, mo, d) + shift
            return f"{new.month:02d}{sep}{new.day:02d}{sep}{new.year if len(y) == 4 else str(new.year)[2:]}"
        if iso:
            new = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))) + shift
            return new.isoformat()
    except ValueError:
        return None
    return None


def anonymize(text: str, entities: Sequence[Entity], surrogates: Surrogates) -> str:
    """Replace every entity span (non-overlapping, sorted) by its surrogate."""
    out, last = [], 0
    for e in sorted(entities, key=lambda e: e.start):
        out.append(text[last:e.start])
        out.append(surrogates.surrogate(e.label, text[e.start:e.end]))
        last = e.end
    out.append(text[last:])
    return "".join(out)
