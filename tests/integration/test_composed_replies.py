"""On an extractive backend no patient-facing sentence comes from the model: every patient message of the project's
triage case file gets the reply composed by code (the emergency message, or headline, reasons, safety-netting and
quotes), and the model is never asked to write."""

from __future__ import annotations

import re

import pytest

from assistant import compose
from assistant.loop import Assistant, TurnRequest
from tests.triage_cases import CHATS
from tests.unit.test_compose import NIH, PAPER, NeverCalled, Retriever

pytestmark = pytest.mark.slow


def test_every_patient_message_of_the_case_file_gets_the_composed_reply():
    bot = Assistant(backend=NeverCalled(), retriever=Retriever([NIH, PAPER]))
    emergency_start = "**This may be an emergency.**"
    seen = {"emergency": 0, "composed": 0}
    for message, _allowed in CHATS:
        ans = bot.run(TurnRequest(message, role="patient"))
        if ans.triage["disposition"] == "emergency":
            assert ans.text.startswith(emergency_start), message
            seen["emergency"] += 1
            continue
        assert ans.text.startswith(compose.HEADLINE[ans.triage["disposition"]]), message
        assert "**Get help sooner if:**" in ans.text and "**Next step (" in ans.text, message
        # every quoted line is a sentence of a consumer-health source, cited by its number
        for quote, n in re.findall(r'^> "(.*)" \[(\d+)\]$', ans.text, re.MULTILINE):
            assert n == "1" and quote in NIH.text, message
        seen["composed"] += 1
    assert seen["emergency"] > 100 and seen["composed"] > 300, seen
