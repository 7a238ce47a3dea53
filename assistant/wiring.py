"""Builds concrete backends, indexes, guards and tools from Settings (used only by the CLI and tests)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from assistant.llm.protocol import ChatBackend
from core.errors import SetupError
from core.settings import Settings

log = logging.getLogger(__name__)

BACKENDS = ("llamacpp", "openai")


def build_backend(settings: Settings, logits_all: bool = False) -> ChatBackend:
    """The configured ChatBackend; an unknown name is a SetupError listing the choices."""
    name = settings.llm_backend.strip().lower()
    if name == "llamacpp":
        from assistant.llm.llamacpp_backend import LlamaCppBackend

        if settings.llm_model and not Path(settings.llm_model).is_file():
            raise SetupError(f"GGUF model not found at {settings.llm_model}: set MEDASSIST_LLM_MODEL to a .gguf file")
        return LlamaCppBackend(settings.llm_model, n_ctx=settings.llm_context, n_threads=settings.llm_threads,
                               logits_all=logits_all,
                               trust="extractive" if settings.llm_trust == "auto" else settings.llm_trust)
    if name == "openai":
        from dataclasses import replace

        from assistant.llm.openai_backend import VLLM_PROFILE, OpenAICompatibleBackend

        profile = VLLM_PROFILE if settings.llm_trust == "auto" else replace(VLLM_PROFILE, trust=settings.llm_trust)
        return OpenAICompatibleBackend(settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key,
                                       timeout=settings.llm_timeout, retries=settings.llm_retries, profile=profile)
    raise SetupError(f"unknown LLM backend {settings.llm_backend!r}: set MEDASSIST_LLM_BACKEND to one of "
                     f"{', '.join(BACKENDS)}")


def build_retriever(settings: Settings, required: bool = False) -> Any:
    """The hybrid index at ``settings.index_dir`` (None when absent and not required)."""
    try:
        from retrieval.store import IndexNotFound, open_index
    except ImportError as exc:
        if required:
            raise SetupError(f"retrieval is not installed ({exc.name}): "
                             "run `pip install 'medassist[retrieval]'`") from None
        return None
    try:
        return open_index(settings.index_dir, settings)
    except IndexNotFound as exc:
        if required:
            raise SetupError(str(exc)) from None
        log.info("%s; answering without retrieval", exc)
        return None


def build_phi(settings: Settings) -> Any:
    try:
        from guards.phi.redactor import PhiGuard
    except ImportError:
        return None
    return PhiGuard(surrogates=settings.phi_surrogates)


def build_tools(settings: Settings, retriever: Any = None, backend: ChatBackend | None = None) -> Any:
    from assistant.toolbox import default_tools

    return default_tools(settings, retriever, backend)


def build_access(settings: Settings) -> tuple[Any, Any]:
    """The account store and the access policy (assignments and the hash-chained access log) of this site."""
    from guards.access.access_log import AccessLog
    from guards.access.accounts import AccountStore
    from guards.access.assignments import Assignments
    from guards.access.policy import AccessPolicy

    phi = build_phi(settings)
    redact = (lambda text: phi.redact(text).text) if phi is not None else None
    log = AccessLog(settings.access_log_db, redact=redact)
    return AccountStore(settings.accounts_db), AccessPolicy(Assignments(settings.accounts_db), log)


def build_assistant(settings: Settings, backend: ChatBackend | None = None, retriever: Any = "auto",
                    access: Any = None) -> Any:
    """The Assistant with everything the settings name; ``access`` decides records for signed-in users."""
    from assistant.loop import Assistant, Policy
    from assistant.store import ConversationStore

    backend = backend or build_backend(settings)
    if retriever == "auto":
        retriever = build_retriever(settings)
    audit = None
    try:
        from guards.audit import AuditLog

        audit = AuditLog(settings.audit_db)
    except ImportError:
        pass
    return Assistant(backend=backend, retriever=retriever, tools=build_tools(settings, retriever, backend),
                     access=access,
                     phi=build_phi(settings), store=ConversationStore(settings.conversations_db), audit=audit,
                     policy=Policy({"patient": settings.phi_to_llm_patient,
                                    "clinician": settings.phi_to_llm_clinician}),
                     k=settings.retrieval_k, max_steps=settings.max_steps, max_tokens=settings.llm_max_tokens,
                     temperature=settings.llm_temperature, max_message_chars=settings.max_message_chars)
