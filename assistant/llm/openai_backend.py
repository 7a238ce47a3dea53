"""OpenAI-compatible chat backend for vLLM (and any server speaking /v1/chat/completions)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx

from assistant.llm.errors import BackendError, BackendTimeout, BackendUnreachable, BadRequest, from_http
from core.llm_types import (
    BackendProfile,
    ChatDelta,
    ChatOptions,
    ChatResult,
    Message,
    TokenLogprob,
    ToolCall,
    Usage,
)

log = logging.getLogger(__name__)

#: vLLM's quirks in one place: tool calls need --enable-auto-tool-choice and a parser on the server;
#: ``seed`` and logprobs are honoured; images work for multimodal models only.
VLLM_PROFILE = BackendProfile(supports_tools=True, supports_images=True, supports_logprobs=True,
                              supports_seed=True, strong_reasoning=True, context_window=8192,
                              trust="generative")


class OpenAICompatibleBackend:
    """Talks HTTP to an OpenAI-compatible server, with timeouts and retry with backoff."""

    name = "openai"

    def __init__(self, base_url: str, model: str | None = None, api_key: str | None = None,
                 timeout: float = 120.0, retries: int = 2, profile: BackendProfile = VLLM_PROFILE,
                 backoff: float = 0.5) -> None:
        self.base_url = base_url.rstrip("/")
        self._model = model
        self._profile = profile
        self.retries = retries
        self.backoff = backoff
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=self.base_url, headers=headers,
                                    timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)))

    @property
    def profile(self) -> BackendProfile:
        return self._profile

    def close(self) -> None:
        self._client.close()

    # -- transport -----------------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        url = f"{self.base_url}{path}"
        for attempt in range(self.retries + 1):
            try:
                resp = self._client.request(method, path, json=body)
            except httpx.TimeoutException as exc:
                err: BackendError = BackendTimeout(f"LLM server at {url} timed out ({type(exc).__name__})")
            except httpx.TransportError as exc:
                err = BackendUnreachable(f"cannot reach the LLM server at {url}: {exc or type(exc).__name__}")
            else:
                if resp.status_code < 400:
                    return resp
                err = from_http(resp.status_code, resp.text, url)
            if not err.retryable or attempt == self.retries:
                raise err
            log.info("LLM request failed (%s), retry %d/%d", err, attempt + 1, self.retries)
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def list_models(self) -> list[str]:
        data = self._request("GET", "/models").json()
        return [m["id"] for m in data.get("data", [])]

    def model_name(self) -> str:
        if self._model is None:
            models = self.list_models()
            if not models:
                raise BadRequest(f"the LLM server at {self.base_url} serves no model")
            self._model = models[0]
        return self._model

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 4)

    # -- chat ----------------------------------------------------------------------------------------
    def _body(self, messages: list[Message], options: ChatOptions, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model_name(), "messages": messages,
                                "temperature": options.temperature, "max_tokens": options.max_tokens,
                                "top_p": options.top_p, "stream": stream}
        if options.seed is not None and self.profile.supports_seed:
            body["seed"] = options.seed
        if options.stop:
            body["stop"] = options.stop
        if options.tools and self.profile.supports_tools:
            body["tools"] = [t.to_openai() for t in options.tools]
            if options.tool_choice:
                body["tool_choice"] = (options.tool_choice if options.tool_choice in ("auto", "none", "required")
                                       else {"type": "function", "function": {"name": options.tool_choice}})
        if options.logprobs and self.profile.supports_logprobs:
            body["logprobs"] = True
            if options.top_logprobs:
                body["top_logprobs"] = options.top_logprobs
        if stream:
            body["stream_options"] = {"include_usage": True}
        return body

    def chat(self, messages: list[Message], options: ChatOptions | None = None) -> ChatResult:
        options = options or ChatOptions()
        data = self._request("POST", "/chat/completions", self._body(messages, options, stream=False)).json()
        choice = data["choices"][0]
        msg = choice.get("message") or {}
        calls = [ToolCall(id=c.get("id") or f"call_{i}", name=c["function"]["name"],
                          arguments=c["function"].get("arguments") or "{}")
                 for i, c in enumerate(msg.get("tool_calls") or [])]
        usage = data.get("usage") or {}
        return ChatResult(content=msg.get("content") or "", finish_reason=choice.get("finish_reason") or "stop",
                          model=data.get("model", self.model_name()), tool_calls=calls,
                          usage=Usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
                          logprobs=_logprobs(choice.get("logprobs")))

    def stream(self, messages: list[Message], options: ChatOptions | None = None) -> Iterator[ChatDelta]:
        options = options or ChatOptions()
        body = self._body(messages, options, stream=True)
        url = f"{self.base_url}/chat/completions"
        try:
            with self._client.stream("POST", "/chat/completions", json=body) as resp:
                if resp.status_code >= 400:
                    raise from_http(resp.status_code, resp.read().decode("utf-8", "replace"), url)
                yield from _parse_sse(resp.iter_lines())
        except httpx.TimeoutException as exc:
            raise BackendTimeout(f"LLM server at {url} timed out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise BackendUnreachable(f"cannot reach the LLM server at {url}: {exc or type(exc).__name__}") from None


def _logprobs(raw: dict[str, Any] | None) -> list[TokenLogprob] | None:
    if not raw or not raw.get("content"):
        return None
    return [TokenLogprob(token=t["token"], logprob=t["logprob"],
                         top={x["token"]: x["logprob"] for x in t.get("top_logprobs") or []})
            for t in raw["content"]]


def _parse_sse(lines: Iterator[str]) -> Iterator[ChatDelta]:
    """Server-sent events to deltas; tool-call fragments are assembled and emitted with the finish."""
    partial: dict[int, dict[str, str]] = {}
    finish: str | None = None
    usage: Usage | None = None
    for line in lines:
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            break
        chunk = json.loads(payload)
        if chunk.get("usage"):
            usage = Usage(chunk["usage"].get("prompt_tokens", 0), chunk["usage"].get("completion_tokens", 0))
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            for tc in delta.get("tool_calls") or []:
                slot = partial.setdefault(tc.get("index", 0), {"id": "", "name": "", "arguments": ""})
                slot["id"] = tc.get("id") or slot["id"]
                fn = tc.get("function") or {}
                slot["name"] += fn.get("name") or ""
                slot["arguments"] += fn.get("arguments") or ""
            if delta.get("content"):
                yield ChatDelta(content=delta["content"])
            finish = choice.get("finish_reason") or finish
    calls = [ToolCall(id=s["id"] or f"call_{i}", name=s["name"], arguments=s["arguments"] or "{}")
             for i, s in sorted(partial.items())]
    yield ChatDelta(finish_reason=finish or ("tool_calls" if calls else "stop"), tool_calls=calls, usage=usage)
