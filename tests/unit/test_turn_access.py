"""The turn loop with an identity: the role and the record come from it, the access policy decides, the access
log records what was returned, and a conversation resumes only for its owner."""

from __future__ import annotations

import pytest

from assistant.events import Answer, ErrorEvent
from assistant.llm.fake import FakeChatBackend
from assistant.loop import Assistant, TurnRequest
from assistant.store import ConversationStore
from guards.access.access_log import AccessLog
from guards.access.assignments import Assignments
from guards.access.identity import Identity
from guards.access.policy import AccessPolicy
from tests.unit.test_turn_loop import LIT, REC_A, REC_B, FakeRetriever

DR = Identity("dr.ada", "clinician")
PAT_B = Identity("pat.b", "patient", "B")


@pytest.fixture
def bot(tmp_path):
    assignments = Assignments(tmp_path / "acc.db")
    assignments.assign("dr.ada", ["A"])
    access = AccessPolicy(assignments, AccessLog(tmp_path / "log.db"))
    return Assistant(backend=FakeChatBackend(["Asthma is treated with inhalers [1]."] * 10),
                     retriever=FakeRetriever([LIT, REC_A, REC_B]), access=access,
                     store=ConversationStore(tmp_path / "conv.db"))


def _events(bot, **kw):
    # a complaint, so that the patient turn is triaged as one (a bare question sits near the emergency threshold)
    return list(bot.turn(TurnRequest(message="I have had a mild cough for two days. What treats this?", **kw)))


def test_an_assigned_patient_is_read_and_the_returned_resources_are_logged(bot):
    answer = _events(bot, patient_id="A", identity=DR)[-1]
    assert isinstance(answer, Answer) and any(c.patient_id == "A" for c in answer.citations)
    log = bot.access.log.entries(patient_id="A")
    assert [e["outcome"] for e in log] == ["allowed", "allowed"] and log[-1]["resources"] == ["recA"]


def test_an_unassigned_patient_is_refused_before_anything_is_retrieved(bot):
    events = _events(bot, patient_id="B", identity=DR)
    assert len(events) == 1 and isinstance(events[0], ErrorEvent) and events[0].kind == "access"
    assert bot.retriever.calls == [] and bot.access.log.entries()[0]["outcome"] == "denied"


def test_break_the_glass_opens_the_record_and_flags_it(bot):
    answer = _events(bot, patient_id="B", identity=DR, break_glass_reason="cross-cover, acute deterioration")[-1]
    assert isinstance(answer, Answer)
    assert all(e["break_glass"] for e in bot.access.log.entries(patient_id="B"))


def test_a_patient_identity_is_bound_to_its_own_record_whatever_the_client_says(bot):
    own = _events(bot, identity=PAT_B, role="clinician")[-1]
    assert isinstance(own, Answer) and own.triage is not None  # patient mode, not the clinician's
    assert bot.retriever.calls[-1][1] == "B"
    other = _events(bot, identity=PAT_B, patient_id="A")
    assert isinstance(other[-1], ErrorEvent) and "own record" in other[-1].message
    assert bot.access.log.entries(patient_id="A")[-1]["outcome"] == "denied"


def test_without_access_control_an_identity_gets_no_record(tmp_path):
    bot = Assistant(backend=FakeChatBackend(["ok"]), retriever=FakeRetriever([LIT, REC_A]))
    events = list(bot.turn(TurnRequest(message="x", patient_id="A", identity=DR)))
    assert isinstance(events[-1], ErrorEvent) and events[-1].kind == "access"


def test_a_conversation_resumes_only_for_its_owner(bot):
    first = _events(bot, patient_id="A", identity=DR)[-1]
    again = _events(bot, patient_id="A", identity=DR, session_id=first.session_id)[-1]
    assert again.session_id == first.session_id
    intruder = Identity("dr.bob", "clinician")
    stolen = _events(bot, identity=intruder, session_id=first.session_id)[-1]
    assert stolen.session_id != first.session_id and bot.store.owner(first.session_id) == "dr.ada"
