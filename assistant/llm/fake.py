"""A scripted backend implementing the real interface, for fast unit tests of orchestration."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from assistant.llm.errors import BackendError
from core.llm_types import BackendProfile, ChatDelta, ChatOptions, ChatResult, Message, ToolCall, Usage

Reply = str | list[ToolCall] | ChatResult | BackendError


class FakeChatBackend:
    """Returns scripted replies in order: text, a list of tool calls, a ChatResult, or an error to raise."""

    name = "fake"

    def __init__(self, replies: Iterable[Reply] = (), profile: BackendProfile | None = None) -> None:
        self.replies: deque[Reply] = deque(replies)
        self.requests: list[tuple[list[Message], ChatOptions]] = []
        self._profile = profile or BackendProfile(supports_tools=True, supports_logprobs=False, context_window=4096,
                                                        trust="generative")

    @property
    def profile(self) -> BackendProfile:
        return self._profile

    def model_name(self) -> str:
        return "fake-model"

    def count_tokens(self, text: str) -> int:
        return max(1, len(text.split()))

    def chat(self, messages: list[Message], options: ChatOptions | None = None) -> ChatResult:
        options = options or ChatOptions()
        self.requests.append(([dict(m) for m in messages], options))
        if not self.replies:
            raise AssertionError("FakeChatBackend ran out of scripted replies")
        reply = self.replies.popleft()
        if isinstance(reply, BackendError):
            raise reply
        if isinstance(reply, ChatResult):
            return reply
        if isinstance(reply, list):
            return ChatResult(content="", finish_reason="tool_calls", model="fake-model", tool_calls=reply)
        return ChatResult(content=reply, finish_reason="stop", model="fake-model",
                          usage=Usage(sum(self.count_tokens(str(m.get("content"))) for m in messages),
                                      self.count_tokens(reply)))

    def stream(self, messages: list[Message], options: ChatOptions | None = None) -> Iterator[ChatDelta]:
        result = self.chat(messages, options)
        words = result.content.split(" ")
        for i, word in enumerate(words):
            yield ChatDelta(content=word + (" " if i < len(words) - 1 else ""))
        yield ChatDelta(finish_reason=result.finish_reason, tool_calls=result.tool_calls, usage=result.usage)
