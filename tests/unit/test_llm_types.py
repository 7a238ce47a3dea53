"""Request validation, error mapping, and the SSE parser of the OpenAI-compatible backend."""

import httpx
import pytest
from pydantic import ValidationError

from assistant.llm import BadRequest, ChatOptions, ContextTooLong, ServerError, ToolCall
from assistant.llm.errors import from_http
from assistant.llm.openai_backend import OpenAICompatibleBackend, _parse_sse


def test_options_reject_unknown_keys():
    with pytest.raises(ValidationError):
        ChatOptions(temprature=0.2)
    with pytest.raises(ValidationError):
        ChatOptions(max_tokens=0)


@pytest.mark.parametrize("status, body, kind", [
    (400, '{"object":"error","message":"This model\'s maximum context length is 2048 tokens. However, you requested '
          '4000 tokens","type":"BadRequestError","code":400}', ContextTooLong),
    (404, '{"error":{"message":"The model `nope` does not exist.","type":"NotFoundError","code":404}}', BadRequest),
    (422, "unprocessable", BadRequest),
    (500, "boom", ServerError),
    (503, '{"error": {"message": "overloaded"}}', ServerError),
])
def test_http_errors_map_to_hierarchy(status, body, kind):
    err = from_http(status, body, "http://x/v1")
    assert type(err) is kind
    assert "http://x/v1" in str(err)


def test_sse_assembles_streamed_tool_calls():
    lines = [
        'data: {"choices":[{"delta":{"content":"Hel"}}]}',
        'data: {"choices":[{"delta":{"content":"lo"}}]}',
        'data: {"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c1","function":{"name":"news2","arguments":"{\\"rr'
        '\\":"}}]}}]}',
        'data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"22}"}}]},"finish_reason":"'
        'tool_calls"}]}',
        'data: {"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5}}',
        "data: [DONE]",
    ]
    deltas = list(_parse_sse(iter(lines)))
    assert "".join(d.content for d in deltas) == "Hello"
    last = deltas[-1]
    assert last.finish_reason == "tool_calls"
    assert last.tool_calls == [ToolCall("c1", "news2", '{"rr":22}')]
    assert last.usage.total_tokens == 15


def _backend(handler, retries=2):
    b = OpenAICompatibleBackend("http://test/v1", model="m", retries=retries, backoff=0.0)
    b._client = httpx.Client(base_url="http://test/v1", transport=httpx.MockTransport(handler))
    return b


def test_retries_5xx_then_succeeds():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) < 3:
            return httpx.Response(503, json={"error": {"message": "busy"}})
        return httpx.Response(200, json={"model": "m",
                                         "choices": [{"message": {"content": "ok"}, "finish_reason": "stop"}],
                                         "usage": {"prompt_tokens": 3, "completion_tokens": 1}})

    out = _backend(handler).chat([{"role": "user", "content": "hi"}])
    assert out.content == "ok" and len(calls) == 3 and out.usage.total_tokens == 4


def test_bad_request_is_not_retried():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(400, json={"error": {"message": "bad option"}})

    with pytest.raises(BadRequest):
        _backend(handler).chat([{"role": "user", "content": "hi"}])
    assert len(calls) == 1


def test_model_taken_from_models_endpoint():
    def handler(request):
        assert request.url.path == "/v1/models"
        return httpx.Response(200, json={"data": [{"id": "served-model"}]})

    b = OpenAICompatibleBackend("http://test/v1", backoff=0.0)
    b._client = httpx.Client(base_url="http://test/v1", transport=httpx.MockTransport(handler))
    assert b.model_name() == "served-model"


def test_unreachable_server_names_url():
    from assistant.llm import BackendUnreachable

    b = OpenAICompatibleBackend("http://127.0.0.1:9/v1", model="m", retries=1, backoff=0.0, timeout=3)
    with pytest.raises(BackendUnreachable, match="127.0.0.1:9"):
        b.chat([{"role": "user", "content": "hi"}])
    with pytest.raises(BackendUnreachable, match="127.0.0.1:9"):
        list(b.stream([{"role": "user", "content": "hi"}]))
