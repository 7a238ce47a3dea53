"""The real embedded model (SmolLM2-135M GGUF in llama.cpp): chat, stream, tokens, likelihoods, errors."""

import pytest

from assistant.llm import ChatOptions, ContextTooLong, collect
from core.errors import SetupError

pytestmark = pytest.mark.slow


def test_chat_answers(embedded):
    out = embedded.chat([{"role": "user", "content": "Name one symptom of pneumonia."}], ChatOptions(max_tokens=40))
    assert out.content.strip()
    assert out.usage.prompt_tokens > 5 and out.usage.completion_tokens > 0
    assert out.finish_reason in ("stop", "length")


def test_stream_matches_chat_deterministically(embedded):
    msgs = [{"role": "user", "content": "What organ does asthma affect? One word."}]
    opts = ChatOptions(max_tokens=16, temperature=0.0, seed=1)
    deltas = list(embedded.stream(msgs, opts))
    assert len(deltas) > 2  # really streamed, piece by piece
    streamed = collect(deltas)
    assert streamed.content == embedded.chat(msgs, opts).content
    assert deltas[-1].usage.completion_tokens > 0


def test_logprobs_and_likelihood(embedded):
    out = embedded.chat([{"role": "user", "content": "Say yes."}],
                        ChatOptions(max_tokens=3, logprobs=True, top_logprobs=3))
    assert out.logprobs and all(t.logprob <= 0 for t in out.logprobs)
    prompt = "Question: Is the heart a muscle? Answer:"
    assert embedded.sequence_logprob(prompt, " yes") > embedded.sequence_logprob(prompt, " banana")


def test_context_too_long_is_a_clear_error(embedded):
    with pytest.raises(ContextTooLong):
        embedded.chat([{"role": "user", "content": "word " * 6000}], ChatOptions(max_tokens=8))


def test_missing_gguf_path_is_setup_error(tmp_path):
    from assistant.llm.llamacpp_backend import LlamaCppBackend

    with pytest.raises(SetupError, match="not found"):
        LlamaCppBackend(tmp_path / "missing.gguf").load()


def _repeated_4grams(text: str) -> float:
    words = text.split()
    grams = [" ".join(words[i:i + 4]) for i in range(len(words) - 3)]
    return 1 - len(set(grams)) / max(1, len(grams))


def test_repeat_penalty_stops_greedy_loops(embedded):
    """Greedy decoding made the 135M model repeat itself on this prompt; the backend's repeat penalty stops it."""
    from assistant import prompts

    msgs = [{"role": "system", "content": prompts.system_prompt("patient", bound=False)},
            {"role": "user", "content": "How is type 2 diabetes treated?"}]
    opts = ChatOptions(max_tokens=160)
    shipped = embedded.chat(msgs, opts).content
    penalty, embedded.repeat_penalty = embedded.repeat_penalty, 1.0
    try:
        plain = embedded.chat(msgs, opts).content
    finally:
        embedded.repeat_penalty = penalty
    assert penalty > 1.0 and _repeated_4grams(plain) > 0.3 and _repeated_4grams(shipped) < 0.05


def test_extra_weight_buffers_are_off_only_while_loading_on_amx(monkeypatch):
    """On CPUs with AMX the model loads without llama.cpp's extra buffers (their AMX kernels crashed every decode
    here); the library's default parameters are restored afterwards, and other CPUs keep them."""
    import llama_cpp.llama_cpp as lib

    from assistant.llm import llamacpp_backend as backend

    default = lib.llama_model_default_params
    for amx in (True, False):
        monkeypatch.setattr(backend, "_cpu_has_amx", lambda amx=amx: amx)
        with backend._without_extra_buffers():
            assert lib.llama_model_default_params().use_extra_bufts is (not amx)
        assert lib.llama_model_default_params is default and default().use_extra_bufts
