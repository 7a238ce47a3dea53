"""Request and response records with OpenAI chat-completions semantics.

Messages are OpenAI-format dicts (``{"role", "content", "tool_calls"?, "tool_call_id"?}``), where content is
a string or a list of parts (``{"type": "text"}``, ``{"type": "image_url"}``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Message = dict[str, Any]


class ToolSpec(BaseModel):
    """A function tool as JSON schema (OpenAI ``tools`` entry)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    description: str
    parameters: dict[str, Any]

    def to_openai(self) -> dict[str, Any]:
        return {"type": "function", "function": {"name": self.name, "description": self.description,
                                                  "parameters": self.parameters}}


class ChatOptions(BaseModel):
    """Per-request options; unknown keys are rejected, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(384, ge=1, le=32768)
    top_p: float = Field(1.0, gt=0.0, le=1.0)
    seed: int | None = 0
    stop: list[str] | None = None
    tools: list[ToolSpec] | None = None
    tool_choice: Literal["auto", "none", "required"] | str | None = None
    logprobs: bool = False
    top_logprobs: int = Field(0, ge=0, le=20)


@dataclass
class ToolCall:
    """One function call requested by the model."""

    id: str
    name: str
    arguments: str  # JSON text, as the model produced it

    def parsed_arguments(self) -> dict[str, Any]:
        """Arguments as a dict; raises ValueError when the model wrote invalid JSON."""
        value = json.loads(self.arguments or "{}")
        if not isinstance(value, dict):
            raise ValueError("tool arguments must be a JSON object")
        return value

    def to_openai(self) -> dict[str, Any]:
        return {"id": self.id, "type": "function", "function": {"name": self.name, "arguments": self.arguments}}


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass
class TokenLogprob:
    token: str
    logprob: float
    top: dict[str, float] = field(default_factory=dict)


@dataclass
class ChatDelta:
    """One streamed piece: text, or (at the end) finish reason, tool calls and usage."""

    content: str = ""
    finish_reason: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)
    usage: Usage | None = None


@dataclass
class ChatResult:
    """A whole completion."""

    content: str
    finish_reason: str
    model: str
    tool_calls: list[ToolCall] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    logprobs: list[TokenLogprob] | None = None

    def to_message(self) -> Message:
        msg: Message = {"role": "assistant", "content": self.content}
        if self.tool_calls:
            msg["tool_calls"] = [t.to_openai() for t in self.tool_calls]
        return msg


@dataclass(frozen=True)
class BackendProfile:
    """What a backend can do; quirks live here as named flags, not as isinstance checks."""

    supports_tools: bool = False
    supports_images: bool = False
    supports_logprobs: bool = False
    supports_seed: bool = True
    strong_reasoning: bool = False  # trusted for triage judgement and clinical reasoning
    #: What its text may be trusted with: ``extractive`` (pick, order and shorten sources; replies are composed by
    #: code) or ``generative`` (may write the answer from the sources; the citation guards check it).
    trust: Literal["extractive", "generative"] = "extractive"
    context_window: int = 2048
    source_budget: int = 3000  # tokens of retrieved sources per prompt (small CPU models: keep TTFT low)


def collect(deltas: Any) -> ChatResult:
    """Fold a stream of ChatDelta into one ChatResult."""
    text: list[str] = []
    finish, calls, usage = "stop", [], Usage()
    for d in deltas:
        text.append(d.content)
        if d.finish_reason:
            finish = d.finish_reason
        if d.tool_calls:
            calls = d.tool_calls
        if d.usage:
            usage = d.usage
    return ChatResult(content="".join(text), finish_reason=finish, model="", tool_calls=calls, usage=usage)
