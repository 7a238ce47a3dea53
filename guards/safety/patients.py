"""Output check: an answer must not name any indexed patient other than the one the conversation is bound to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    patient_id: str


def _variants(name: str) -> set[str]:
    """The name as written, and without Synthea's numeric suffixes ("Agustin437 Schiller186" -> "Agustin Schiller")."""
    plain = re.sub(r"\d+", "", name).strip()
    return {v for v in (name.strip(), " ".join(plain.split())) if len(v) > 3 and " " in v}


def other_patient_mentions(text: str, patients: Iterable[dict[str, str]], bound: str | None) -> list[Mention]:
    """Spans of ``text`` that name an indexed patient who is not ``bound`` (full names only)."""
    found = []
    for p in patients:
        if p.get("patient_id") == bound or not p.get("name"):
            continue
        for v in _variants(p["name"]):
            for m in re.finditer(r"\b" + re.escape(v) + r"\b", text, flags=re.IGNORECASE):
                found.append(Mention(m.start(), m.end(), p["patient_id"]))
    return sorted(found, key=lambda m: m.start)


def remove_mentions(text: str, mentions: list[Mention]) -> str:
    out, last = [], 0
    for m in mentions:
        if m.start < last:
            continue
        out.append(text[last:m.start])
        out.append("[another patient]")
        last = m.end
    out.append(text[last:])
    return "".join(out)
