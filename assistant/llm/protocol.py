"""The one seam every LLM backend implements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from core.llm_types import BackendProfile, ChatDelta, ChatOptions, ChatResult, Message


@runtime_checkable
class ChatBackend(Protocol):
    """OpenAI chat-completions semantics: messages in, a completion or a stream of deltas out."""

    name: str

    @property
    def profile(self) -> BackendProfile: ...

    def model_name(self) -> str:
        """The served model's name (may contact the server)."""
        ...

    def chat(self, messages: list[Message], options: ChatOptions | None = None) -> ChatResult:
        """One whole completion."""
        ...

    def stream(self, messages: list[Message], options: ChatOptions | None = None) -> Iterator[ChatDelta]:
        """Text deltas as they are generated; the last delta carries finish reason, tool calls and usage."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` for this model (an estimate where the tokenizer is remote)."""
        ...
