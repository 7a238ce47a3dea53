"""A real vLLM CPU server on loopback: chat, stream, concurrency, unknown model, tool schema accepted."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.llm import BadRequest, ChatOptions, ToolSpec, collect
from assistant.llm.openai_backend import OpenAICompatibleBackend

pytestmark = [pytest.mark.vllm, pytest.mark.slow]
Q = [{"role": "user", "content": "What are common symptoms of pneumonia?"}]


def test_model_from_models_endpoint_and_chat(vllm_url):
    b = OpenAICompatibleBackend(vllm_url)
    assert b.model_name() == "smollm2-135m"
    out = b.chat(Q, ChatOptions(max_tokens=32, logprobs=True, top_logprobs=2))
    assert out.content.strip() and out.usage.completion_tokens > 0
    assert out.logprobs and out.logprobs[0].top


def test_stream(vllm_url):
    deltas = list(OpenAICompatibleBackend(vllm_url).stream(Q, ChatOptions(max_tokens=32)))
    assert sum(1 for d in deltas if d.content) > 3
    res = collect(deltas)
    assert res.content.strip() and res.usage.completion_tokens > 0


def test_eight_concurrent_requests_all_succeed(vllm_url):
    b = OpenAICompatibleBackend(vllm_url)
    with ThreadPoolExecutor(8) as pool:
        outs = list(pool.map(lambda i: b.chat([{"role": "user", "content": f"Count to {i + 2}."}],
                                              ChatOptions(max_tokens=16)), range(8)))
    assert len(outs) == 8 and all(o.content.strip() for o in outs)


def test_unknown_model_is_a_clear_backend_error(vllm_url):
    with pytest.raises(BadRequest, match="nope"):
        OpenAICompatibleBackend(vllm_url, model="nope").chat(Q, ChatOptions(max_tokens=4))


def test_tool_schema_is_accepted(vllm_url):
    tool = ToolSpec(name="news2", description="NEWS2 score", parameters={
        "type": "object", "properties": {"rr": {"type": "number"}}, "required": ["rr"]})
    out = OpenAICompatibleBackend(vllm_url).chat(
        [{"role": "user", "content": "Compute NEWS2 for respiratory rate 22."}],
        ChatOptions(max_tokens=48, tools=[tool], tool_choice="auto"))
    assert out.finish_reason in ("stop", "length", "tool_calls")
    for call in out.tool_calls:  # a tiny model may or may not call; a call must be well formed
        assert call.name == "news2"
