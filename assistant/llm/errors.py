"""BackendError hierarchy, mapped from transport failures, HTTP status codes and vLLM error bodies."""

from __future__ import annotations

from core.errors import MedassistError


class BackendError(MedassistError):
    """The LLM backend failed; the message says what to do."""

    retryable = False


class BackendUnreachable(BackendError):
    retryable = True


class BackendTimeout(BackendError):
    retryable = True


class BadRequest(BackendError):
    """The request was rejected (unknown model, invalid option)."""


class ContextTooLong(BadRequest):
    """The prompt plus answer exceed the model's context window."""


class ServerError(BackendError):
    retryable = True


def from_http(status: int, body: str, url: str) -> BackendError:
    """Map an HTTP error (and vLLM's JSON error body) to a BackendError."""
    detail = body.strip()
    try:
        import json

        parsed = json.loads(body)
        err = parsed.get("error", parsed) if isinstance(parsed, dict) else parsed
        if isinstance(err, dict):
            detail = str(err.get("message") or err)
        elif isinstance(parsed, dict) and "message" in parsed:
            detail = str(parsed["message"])
    except ValueError:
        pass
    detail = " ".join(detail.split())[:300]
    low = detail.lower()
    if status in (400, 413, 422) and ("context length" in low or "maximum context" in low or "too long" in low
                                      or "max_model_len" in low or "context window" in low):
        return ContextTooLong(f"prompt too long for the model at {url}: {detail}")
    if status == 404 and ("model" in low or "does not exist" in low):
        return BadRequest(f"unknown model at {url}: {detail}")
    if 400 <= status < 500:
        return BadRequest(f"LLM server at {url} rejected the request ({status}): {detail}")
    return ServerError(f"LLM server at {url} failed ({status}): {detail}")
