"""Typed events of one turn; the CLI, the UI and the eval runner consume the same stream."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Citation:
    """A numbered source shown to the model and the user."""

    n: int
    id: str
    source: str
    title: str
    url: str
    patient_id: str | None
    text: str = ""
    score: float = 0.0

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not with_text:
            d.pop("text")
            d.pop("score")
        return d


@dataclass
class ToolRecord:
    """A tool call as it happened: who asked (code or model), with what, and what came back."""

    name: str
    arguments: dict[str, Any]
    result: Any
    error: str | None = None
    called_by: str = "code"

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "arguments": self.arguments, "result": self.result}
        if self.error:
            d["error"] = self.error
        return d


@dataclass
class GuardFired:
    guard: str  # "phi_in", "red_flag", "citation", "phi_out", "disclaimer", "injection"
    detail: str
    count: int = 1


@dataclass
class Retrieved:
    citations: list[Citation]


@dataclass
class ToolCalled:
    record: ToolRecord


@dataclass
class Token:
    text: str


@dataclass
class TriageDecided:
    triage: dict[str, Any]


@dataclass
class Answer:
    """The final, guarded answer of the turn."""

    text: str
    citations: list[Citation]
    tool_calls: list[ToolRecord]
    triage: dict[str, Any] | None
    redactions: int
    session_id: str
    best_effort: bool = False
    usage: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The ``medassist chat --json`` contract."""
        return {"answer": self.text, "citations": [c.to_dict() for c in self.citations],
                "tool_calls": [t.to_dict() for t in self.tool_calls], "triage": self.triage,
                "redactions": self.redactions, "session_id": self.session_id, "best_effort": self.best_effort,
                "usage": self.usage, "timings": {k: round(v, 3) for k, v in self.timings.items()}}


@dataclass
class ErrorEvent:
    """A failure the user should see inline (server down, bad image); the turn ends after it."""

    message: str
    kind: str = "error"


Event = GuardFired | Retrieved | ToolCalled | Token | TriageDecided | Answer | ErrorEvent
