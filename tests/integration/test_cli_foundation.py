"""The medassist command as a user runs it: answers, and one-line errors for bad input."""

import json

import pytest

from tests.conftest import run_cli


def _one_line_error(p):
    assert p.returncode != 0
    assert "Traceback" not in p.stderr + p.stdout
    lines = [line for line in p.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    return lines[0]


def test_empty_message():
    assert "empty" in _one_line_error(run_cli("chat", "  "))


def test_unreachable_server_names_url():
    p = run_cli("chat", "hello", env={"MEDASSIST_LLM_BACKEND": "openai", "MEDASSIST_LLM_BASE_URL": "http://127.0.0.1:9/"
                                                                                                   "v1",
                                       "MEDASSIST_LLM_RETRIES": "0"})
    assert "127.0.0.1:9" in _one_line_error(p)


def test_unknown_backend():
    assert "llamacpp, openai" in _one_line_error(run_cli("chat", "hi", env={"MEDASSIST_LLM_BACKEND": "gpt9"}))


def test_missing_gguf(tmp_path):
    p = run_cli("chat", "hi", env={"MEDASSIST_LLM_MODEL": str(tmp_path / "x.gguf")})
    assert "x.gguf" in _one_line_error(p)


@pytest.mark.slow
def test_chat_json_on_embedded_model(tmp_path):
    p = run_cli("chat", "--json", "What are common symptoms of pneumonia?",
                env={"MEDASSIST_STATE_DIR": str(tmp_path), "MEDASSIST_INDEX_DIR": str(tmp_path / "none")})
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["answer"].strip()
    assert set(doc) >= {"answer", "citations", "tool_calls", "triage", "redactions"}
    assert "not a diagnosis" in doc["answer"]


@pytest.mark.slow
def test_models_reports_embedded():
    p = run_cli("models", "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["backend"] == "llamacpp" and doc["answers"] is True
