"""LLM backends behind one Protocol: vLLM / OpenAI-compatible, llama.cpp in-process, and a fake for tests."""

from assistant.llm.errors import (
    BackendError,
    BackendTimeout,
    BackendUnreachable,
    BadRequest,
    ContextTooLong,
    ServerError,
)
from assistant.llm.protocol import ChatBackend
from core.llm_types import (
    BackendProfile,
    ChatDelta,
    ChatOptions,
    ChatResult,
    Message,
    ToolCall,
    ToolSpec,
    Usage,
    collect,
)

__all__ = [
    "BackendError", "BackendTimeout", "BackendUnreachable", "BadRequest", "ContextTooLong", "ServerError",
    "ChatBackend", "BackendProfile", "ChatDelta", "ChatOptions", "ChatResult", "Message", "ToolCall",
    "ToolSpec", "Usage", "collect",
]
