"""Whole turns through the real stack: index, guards, tools, and the embedded model or the CPU vLLM server."""

from __future__ import annotations

import json
import re

import pytest

from assistant.events import Answer
from assistant.loop import TurnRequest
from tests.conftest import SHARED_DATA, run_cli

pytestmark = pytest.mark.slow


def _bot(small_index, backend=None):
    from assistant.wiring import build_assistant

    settings, _ = small_index
    return build_assistant(settings, backend=backend)


def _patient(bot):
    return next(p["patient_id"] for p in bot.retriever.patients() if p["source"] == "synthea")


def _check_citations(ans: Answer, patient_id: str | None):
    assert ans.citations, "no sources were retrieved"
    assert all(c.patient_id in (None, patient_id) for c in ans.citations)
    cited = {int(n) for group in re.findall(r"\[(\d+(?:,\s*\d+)*)\]", ans.text) for n in group.split(",")}
    assert cited <= {c.n for c in ans.citations}


def test_clinician_turn_on_embedded_model(small_index):
    bot = _bot(small_index)
    pid = _patient(bot)
    ans = bot.run(TurnRequest("Summarise this patient's active problems and suggest what to monitor.", patient_id=pid))
    _check_citations(ans, pid)
    assert any(c.patient_id == pid for c in ans.citations)
    assert any(t.name == "patient_record" and t.result["patient_id"] == pid for t in ans.tool_calls)
    assert "not a diagnosis" in ans.text


def test_patient_triage_over_two_turns_on_embedded_model(small_index):
    bot = _bot(small_index)
    first = bot.run(TurnRequest("I have had a sore throat and a runny nose for two days.", role="patient"))
    assert first.triage["disposition"] in ("self_care", "routine") and "Next step" in first.text
    second = bot.run(TurnRequest("Now my lips are swelling and my throat feels tight.", role="patient",
                                 session_id=first.session_id))
    assert second.triage["disposition"] == "emergency" and "emergency" in second.text.lower()


def test_vitals_written_over_two_turns_are_scored_together(small_index):
    """A temperature in one message and a pulse in the next (the first stored redacted) add up to NEWS2 5. The
    disposition model is held at 'nothing alarming' so that the vital signs alone decide."""
    from assistant.triage import TriageEngine
    from tests.triage_fakes import FixedScorer

    bot = _bot(small_index)
    bot.triage = TriageEngine(emergency_model=FixedScorer())
    first = bot.run(TurnRequest("I'm Dana Whitfield. I've had a cough for three days and my temperature is 39.4.",
                                role="patient"))
    assert first.triage["disposition"] == "routine" and first.triage["scores"]["news2_partial"] == 2
    second = bot.run(TurnRequest("Now my heart rate is 135.", role="patient", session_id=first.session_id))
    assert second.triage["disposition"] == "urgent" and second.triage["scores"]["news2_partial"] == 5, second.triage
    assert "See a doctor today" in second.text
    third = bot.run(TurnRequest("My watch says my oxygen is 86 percent.", role="patient", session_id=first.session_id))
    assert third.triage["disposition"] == "emergency" and "SpO2 86" in third.text


def test_image_and_vitals_call_tools_by_code(small_index):
    bot = _bot(small_index)
    ans = bot.run(TurnRequest("Please review this X-ray and these observations.",
                              image_path=str(SHARED_DATA / "images" / "cxr_samples" / "00000001_000.png"),
                              vitals={"rr": 24, "spo2": 93, "o2": "air", "sbp": 100, "hr": 112, "consciousness": "A",
                                      "temp": 38.6}))
    names = {t.name: t for t in ans.tool_calls}
    assert names["vision_classify"].result["label"] in ("pneumonia", "normal")
    assert names["news2"].result["total"] == 2 + 2 + 2 + 2 + 1
    assert names["qsofa"].result["score"] == 2


def test_chat_cli_contract_with_redaction(small_index, tmp_path):
    settings, _ = small_index
    p = run_cli("chat", "--json", "--role", "patient",
                "Hi, I'm Dana Whitfield, call me at 617-555-0134. I have a mild cough.",
                env={"MEDASSIST_INDEX_DIR": str(settings.index_dir), "MEDASSIST_STATE_DIR": str(tmp_path)})
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["redactions"] >= 2 and doc["triage"]["disposition"] in ("self_care", "routine", "urgent")
    stored = (tmp_path / "conversations.sqlite").read_bytes()
    assert b"Whitfield" not in stored and b"617-555-0134" not in stored


@pytest.mark.vllm
def test_clinician_turn_on_vllm(small_index, vllm_url):
    from assistant.llm.openai_backend import OpenAICompatibleBackend
    from core.llm_types import BackendProfile

    backend = OpenAICompatibleBackend(vllm_url,
                                      profile=BackendProfile(supports_tools=True, context_window=2048,
                                                             supports_logprobs=True))
    bot = _bot(small_index, backend=backend)
    bot.max_tokens = 200
    pid = _patient(bot)
    ans = bot.run(TurnRequest("What conditions does this patient have?", patient_id=pid))
    _check_citations(ans, pid)
    assert ans.text.strip()


@pytest.mark.vllm
def test_the_same_questions_on_a_generative_vllm_backend_pass_the_citation_guards(small_index, vllm_url):
    """A served model writes (trust: generative); what it cites is only what was shown, and the record summary is
    still computed by code above its answer."""
    from assistant.llm.openai_backend import OpenAICompatibleBackend
    from core.llm_types import BackendProfile

    backend = OpenAICompatibleBackend(vllm_url, profile=BackendProfile(context_window=2048, trust="generative"))
    bot = _bot(small_index, backend=backend)
    bot.max_tokens = 120
    pid = _patient(bot)
    for question, patient in (("What are the symptoms of leukemia?", None),
                              ("How is hypertension treated?", None),
                              ("Summarise this patient's active problems.", pid)):
        ans = bot.run(TurnRequest(question, patient_id=patient))
        _check_citations(ans, patient)
        assert "From the sources (quoted" not in ans.text  # the model wrote this answer
        if patient:
            assert ans.text.startswith("**Record summary**")
            assert any(c.url.startswith("fhir://") and c.patient_id == pid for c in ans.citations)
