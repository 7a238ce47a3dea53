"""PhiGuard: detect and anonymize in one call, as the turn loop and ``medassist redact`` use it."""

from __future__ import annotations

from dataclasses import dataclass

from guards.phi.analyzer import Entity, PhiAnalyzer
from guards.phi.anonymizer import Surrogates, anonymize


@dataclass
class Redaction:
    text: str
    entities: list[Entity]

    def __repr__(self) -> str:
        return f"Redaction(entities={len(self.entities)})"


class PhiGuard:
    """Detection plus anonymization; one analyzer shared, surrogates per conversation."""

    def __init__(self, surrogates: str = "tags", analyzer: PhiAnalyzer | None = None) -> None:
        self.mode = surrogates
        self.analyzer = analyzer or PhiAnalyzer()

    def load(self) -> PhiGuard:
        self.analyzer.load()
        return self

    def new_surrogates(self) -> Surrogates:
        """A fresh per-conversation surrogate table (kept in memory by the caller, never persisted)."""
        return Surrogates(self.mode)

    def redact(self, text: str, surrogates: Surrogates | None = None) -> Redaction:
        entities = self.analyzer.analyze(text)
        table = surrogates if surrogates is not None else Surrogates(self.mode)
        return Redaction(anonymize(text, entities, table), entities)
