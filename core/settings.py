"""One typed settings object, read from ``MEDASSIST_*`` environment variables at the edge."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_mirror() -> Path | None:
    """``../shared/data`` beside the checkout, when it exists (tests and ``make demo``)."""
    here = Path(__file__).resolve().parent.parent
    for cand in (here.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"):
        if cand.is_dir():
            return cand
    return None


class Settings(BaseSettings):
    """Everything configurable, from ``MEDASSIST_*`` variables (e.g. ``MEDASSIST_LLM_BACKEND``)."""

    model_config = SettingsConfigDict(env_prefix="MEDASSIST_", extra="ignore")

    llm_backend: str = Field("llamacpp",
                             description="llamacpp (embedded) or openai (vLLM or any OpenAI-compatible server)")
    llm_base_url: str = Field("http://127.0.0.1:8000/v1", description="OpenAI-compatible base URL")
    llm_model: str | None = Field(None, description="model name (openai: taken from /v1/models when unset); "
                                                  "GGUF path (llamacpp)")
    llm_api_key: str | None = Field(None, description="API key for the OpenAI-compatible server")
    llm_timeout: float = Field(120.0, description="seconds per LLM request")
    llm_retries: int = Field(2, description="retries on connection errors and 5xx")
    llm_threads: int = Field(max(1, os.cpu_count() or 1), description="llama.cpp threads")
    llm_context: int = Field(4096, description="context window (tokens) of the embedded model")
    llm_max_tokens: int = Field(384, description="answer length cap (tokens)")
    llm_temperature: float = Field(0.0, description="sampling temperature")
    llm_trust: Literal["auto", "extractive", "generative"] = Field(
        "auto", description="what the model's text is trusted with: auto (embedded = extractive, served = "
                            "generative), extractive (replies composed by code from sources) or generative")

    data_mirror: Path | None = Field(default_factory=_default_mirror, description="offline copy of the datasets")
    cache_dir: Path = Field(Path.home() / ".cache" / "medassist", description="downloads and derived files")
    index_dir: Path = Field(Path(".index"), description="where the FAISS + SQLite index lives")
    embedder: str = Field("minilm", description="minilm (offline default) or any sentence-transformers name/path")
    embed_quantize: bool = Field(True, description="int8 dynamic quantization of the embedder on CPU")
    retrieval_k: int = Field(5, description="chunks retrieved per turn")

    phi_surrogates: Literal["tags", "fakes"] = Field("tags", description="[PATIENT_1] tags or realistic fakes")
    phi_to_llm_patient: bool = Field(False, description="send unredacted patient chat to the LLM")
    phi_to_llm_clinician: bool = Field(True, description="send bound-patient records unredacted (self-hosted model)")

    vision_backend: Literal["cnn", "xrv", "vlm"] = Field("cnn", description="cnn (trained here), xrv, or vlm")
    vision_heatmap_dir: Path = Field(Path(".medassist") / "heatmaps", description="where heatmap PNGs go")
    state_dir: Path = Field(Path(".medassist"), description="conversations and audit SQLite files")
    max_steps: int = Field(4, description="turn loop step cap")
    max_message_chars: int = Field(8000, description="longest accepted message")

    # who may see what (the UI's logins; the CLI runs as the server's own operator)
    session_secret: str | None = Field(None, description="signs session cookies; default: a random key kept in "
                                                         "the state dir")
    session_hours: float = Field(8.0, description="a login lasts this long")
    cookie_secure: bool = Field(False, description="send the session cookie over HTTPS only (set behind TLS)")
    oidc_discovery_url: str | None = Field(None, description="OpenID Connect provider's discovery URL (SSO)")
    oidc_client_id: str | None = Field(None, description="this app's client id at the provider")
    oidc_client_secret: str | None = Field(None, description="this app's client secret at the provider")
    oidc_role_claim: str = Field("medassist_role", description="ID-token claim holding the user's role")
    oidc_patient_claim: str = Field("fhir_patient_id", description="ID-token claim with a patient's own record id")

    @property
    def conversations_db(self) -> Path:
        return self.state_dir / "conversations.sqlite"

    @property
    def audit_db(self) -> Path:
        return self.state_dir / "audit.sqlite"

    @property
    def accounts_db(self) -> Path:
        """Accounts and clinician-patient assignments."""
        return self.state_dir / "accounts.sqlite"

    @property
    def access_log_db(self) -> Path:
        """Who accessed which record (hash-chained)."""
        return self.state_dir / "access_log.sqlite"


def load_settings() -> Settings:
    """Build the settings once, at the edge (CLI, UI, tests)."""
    return Settings()
