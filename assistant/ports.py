"""The seams the assistant depends on; concrete implementations live in retrieval/, guards/, vision/, risk/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class Hit(Protocol):
    """One retrieved chunk."""

    id: str
    score: float
    source: str
    title: str
    text: str
    url: str
    patient_id: str | None


class Retriever(Protocol):
    def search(self, query: str, k: int = 5, patient_id: str | None = None,
               sources: Sequence[str] | None = None) -> Sequence[Hit]:
        """Top-k chunks: literature always, records only of ``patient_id``."""
        ...


class Entity(Protocol):
    start: int
    end: int
    label: str
    score: float


class Redaction(Protocol):
    text: str
    entities: Sequence[Entity]


class PhiRedactor(Protocol):
    def redact(self, text: str, surrogates: Any | None = None) -> Redaction:
        """A redacted copy of ``text`` (surrogates consistent within one conversation)."""
        ...


class AuditLog(Protocol):
    def record(self, event: str, **fields: Any) -> None:
        """Append one PHI-free record."""
        ...


class AccessControl(Protocol):
    """Who may see which record (``guards.access.policy.AccessPolicy``): decided and logged at the server."""

    def decide(self, who: Any, patient_id: str | None, action: str = "chat",
               break_glass_reason: str | None = None) -> Any:
        """The decision for ``patient_id``; raises an exception with a ``status`` attribute when refused."""
        ...

    def record_resources(self, who: Any, decision: Any, resources: list[str], action: str = "read") -> None:
        """Which resources of the record a turn returned to ``who``."""
        ...
