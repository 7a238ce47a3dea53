"""Replies composed by code on an extractive backend: patient replies, cited extracts, the record summary."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant import compose
from assistant.events import Citation
from assistant.llm.fake import FakeChatBackend
from assistant.loop import Assistant, TurnRequest
from core.llm_types import BackendProfile
from eval.run_answers import plain
from tests.unit.test_turn_loop import Hit

EXTRACTIVE = BackendProfile(trust="extractive")


def _cite(n, text, source="medquad", title="Page", url="https://example.org/p", patient_id=None):
    return Citation(n, f"id{n}", source, title, url, patient_id, text, 1.0)


class NeverCalled(FakeChatBackend):
    """An extractive backend that fails the test if the loop asks it to write anything."""

    def __init__(self):
        super().__init__(profile=EXTRACTIVE)

    def stream(self, messages, options=None):
        raise AssertionError("the model was asked to write a reply")

    def chat(self, messages, options=None):
        raise AssertionError("the model was asked to write a reply")


class Retriever:
    def __init__(self, hits, record=None):
        self.hits, self.record = hits, record

    def search(self, query, k=5, patient_id=None, sources=None):
        return [h for h in self.hits if h.patient_id in (None, patient_id)][:k]

    def patients(self):
        return [{"patient_id": "P1", "name": "Ann Alpha"}]

    def computed_record(self, patient_id):
        return self.record if patient_id == "P1" else None


NIH = Hit("m1", 0.9, "medquad", "What causes a sore throat?",
          "Most sore throats are caused by viruses, such as those that cause the common cold. A sore throat from a "
          "virus usually gets better on its own within a week.", "https://medlineplus.gov/sorethroat.html", None)
PAPER = Hit("p1", 0.8, "pubmedqa", "Antibiotics for sore throat",
            "Antibiotics shorten sore throat symptoms by about 16 hours in adults with pharyngitis.",
            "https://pubmed.ncbi.nlm.nih.gov/1/", None)

RECORD = {
    "patient": "Patient/P1",
    "conditions": [{"ref": "Condition/c1", "text": "Hypertension", "onset": "2018-05-28"}],
    "medications": [{"ref": "MedicationRequest/m1", "text": "lisinopril 10 MG Oral Tablet", "dose": "1 dose",
                     "since": "2022-06-20"}],
    "allergies": [{"ref": "AllergyIntolerance/a1", "text": "Latex allergy", "criticality": "low", "reaction": ""}],
    "vitals": [{"ref": "Observation/v1", "name": n, "value": v, "unit": u, "date": "2022-06-20"}
               for n, v, u in (("hr", 87, "/min"), ("rr", 12, "/min"), ("spo2", 97, "%"), ("temp", 37.1, "Cel"),
                               ("sbp", 119, "mm[Hg]"), ("dbp", 76, "mm[Hg]"))],
    "labs": [{"ref": "Observation/l1", "text": "Hemoglobin", "code": "718-7", "value": 10.2, "unit": "g/dL",
              "range": "12.1-15.1", "range_source": "x", "flag": "low", "date": "2021-06-14"}],
    "encounters": [{"ref": "Encounter/e1", "text": "General examination", "reason": "", "date": "2022-06-20"}],
    "resources": {},
}


def test_safety_net_names_the_complaint_area_and_always_the_general_signs():
    signs, pages = compose.safety_net("I've had a runny nose and a sore throat for two days")
    assert any("breath" in s for s in signs) and "you feel much worse, or new symptoms start" in signs
    assert pages == ["https://www.nhs.uk/conditions/common-cold/"]
    signs, pages = compose.safety_net("something odd is going on")
    assert signs == compose.safety_table()["general"]["watch_for"] and len(pages) == 1


def test_every_safety_net_row_names_a_source_and_plain_signs():
    table = compose.safety_table()
    for area in table["areas"]:
        assert area["source"].startswith("https://") and area["terms"] and area["watch_for"], area["area"]


def test_plain_reasons_leave_scores_out_and_use_plain_words():
    triage = {"reasons": ["reassuring: afebrile", "NEWS2 not computed: no respiratory rate", "red flag: chest pain",
                          'vital signs read from the text: temperature 38.5 ("fever of 38.5")']}
    assert compose.plain_reasons(triage) == ["no fever", "you describe chest pain",
                                            "the numbers you gave: temperature 38.5"]


@pytest.mark.parametrize("disposition", ["urgent", "routine", "self_care"])
def test_patient_reply_is_plain_and_quotes_only_consumer_pages(disposition):
    import textstat

    cites = [_cite(1, NIH.text), _cite(2, PAPER.text, source="pubmedqa")]
    triage = {"disposition": disposition, "reasons": ["reassuring: afebrile"]}
    text = compose.patient_reply("I have a sore throat, what causes it?", triage, cites)
    assert text.startswith(compose.HEADLINE[disposition])
    quotes = re.findall(r'^> "(.*)" \[(\d+)\]$', text, re.MULTILINE)
    assert quotes and all(n == "1" for _, n in quotes) and all(q in NIH.text for q, _ in quotes)
    written = "\n".join(line for line in text.splitlines() if not line.startswith(">") and "NHS advice" not in line)
    assert textstat.flesch_kincaid_grade(plain(written)) <= 8.0, written


def test_best_sentences_cite_their_source_and_bold_the_question_terms():
    cites = [_cite(1, "Signs and Symptoms Approximate Number Of Patients. Fever is common. "
                      "Pneumonia often causes cough with fever and shortness of breath in adults."),
             _cite(2, "The weather was pleasant in the afternoon and everyone went for a walk outside.")]
    picked = compose.best_sentences("What are the symptoms of pneumonia with fever?", cites)
    assert [c.n for c, _ in picked] == [1]
    assert "**Pneumonia**" in picked[0][1] and "**fever**" in picked[0][1]
    assert compose.best_sentences("quantum chromodynamics lattice", cites) == []


def test_extractive_answer_says_plainly_when_no_source_answers():
    text = compose.extractive_answer("quantum chromodynamics lattice", [_cite(1, PAPER.text)])
    assert "do not answer this question" in text


def test_record_summary_cites_a_resource_on_every_line():
    text, cites = compose.record_summary(RECORD, "P1", start=3)
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert all(re.search(r"\[\d+\]$", line) for line in items if not line.startswith("- NEWS2"))
    assert [c.n for c in cites] == list(range(3, 3 + len(cites)))
    assert {c.id for c in cites} >= {"Condition/c1", "MedicationRequest/m1", "AllergyIntolerance/a1",
                                      "Observation/l1", "Encounter/e1"}
    assert all(c.url == f"fhir://{c.id}" and c.patient_id == "P1" for c in cites)
    assert "blood pressure 119/76" in text and "NEWS2 " in text and "**LOW**" in text


def test_extractive_backend_never_writes_a_patient_reply():
    bot = Assistant(backend=NeverCalled(), retriever=Retriever([NIH, PAPER]))
    ans = bot.run(TurnRequest("I have a sore throat and a runny nose for two days, no fever", role="patient"))
    assert ans.text.startswith(tuple(compose.HEADLINE.values()))
    assert "Next step" in ans.text and "not a diagnosis" in ans.text


def test_extractive_backend_answers_a_clinician_with_quotes_and_the_record():
    bot = Assistant(backend=NeverCalled(), retriever=Retriever([NIH, PAPER], RECORD))
    ans = bot.run(TurnRequest("Do antibiotics shorten sore throat symptoms?", patient_id="P1"))
    assert ans.text.startswith("**Record summary**")
    summary_n = {c.n for c in ans.citations if c.source == "fhir"}
    assert min(summary_n) == 1 and "**Antibiotics shorten sore throat symptoms** by about 16 hours" in ans.text
    paper = next(c for c in ans.citations if c.id == "p1")
    assert paper.n > max(summary_n) and f"[{paper.n}]" in ans.text


def test_asking_for_the_record_quotes_no_literature_about_records():
    paper = replace(PAPER, text="Medical records of 7495 pregnancies were reviewed to summarise outcomes.")
    bot = Assistant(backend=NeverCalled(), retriever=Retriever([paper], RECORD))
    ans = bot.run(TurnRequest("Summarise the record", patient_id="P1"))
    assert ans.text.startswith("**Record summary**") and "From the sources" not in ans.text
    assert "do not answer" not in ans.text


def test_the_record_summary_comes_back_only_when_asked_about():
    from assistant.store import ConversationStore

    bot = Assistant(backend=NeverCalled(), retriever=Retriever([PAPER], RECORD), store=ConversationStore(":memory:"))
    first = bot.run(TurnRequest("Do antibiotics shorten sore throat symptoms?", patient_id="P1"))
    again = bot.run(TurnRequest("Do antibiotics shorten sore throat symptoms?", patient_id="P1",
                                session_id=first.session_id))
    meds = bot.run(TurnRequest("What medications is she on?", patient_id="P1", session_id=first.session_id))
    assert "Record summary" in first.text and "Record summary" not in again.text and "lisinopril" in meds.text


def test_a_generative_backend_still_writes_and_is_checked():
    backend = FakeChatBackend(["Antibiotics shorten symptoms [1] and cure it [7]."],
                              profile=replace(EXTRACTIVE, trust="generative"))
    ans = Assistant(backend=backend, retriever=Retriever([PAPER])).run(TurnRequest("Do antibiotics help?"))
    assert "Antibiotics shorten symptoms [1]" in ans.text and "[7]" not in ans.text


def test_backends_declare_their_trust_and_settings_override_it(settings):
    from assistant.wiring import build_backend

    assert build_backend(settings).profile.trust == "extractive"
    assert build_backend(settings.model_copy(update={"llm_backend": "openai"})).profile.trust == "generative"
    both = {"llm_backend": "openai", "llm_trust": "extractive"}
    assert build_backend(settings.model_copy(update=both)).profile.trust == "extractive"
    assert build_backend(settings.model_copy(update={"llm_trust": "generative"})).profile.trust == "generative"


def test_the_command_line_prints_what_the_stream_lacked():
    """Streamed tokens plus the final block hold every paragraph of the answer: the record summary streams first,
    the next step and the disclaimer (added after the stream) come in the final block."""
    from assistant.cli import _final_block
    from assistant.events import Answer, Token

    for req, retriever in ((TurnRequest("I have a sore throat", role="patient"), Retriever([NIH])),
                           (TurnRequest("Do antibiotics shorten sore throat symptoms?", patient_id="P1"),
                            Retriever([PAPER], RECORD))):
        events = list(Assistant(backend=NeverCalled(), retriever=retriever).turn(req))
        streamed = "".join(e.text for e in events if isinstance(e, Token))
        answer = next(e for e in events if isinstance(e, Answer))
        shown = streamed + _final_block(answer, streamed)
        assert all(p.strip() in shown for p in answer.text.split("\n\n")), answer.text
    assert streamed.startswith("**Record summary**")


def test_an_index_without_computed_records_says_to_rebuild():
    ans = Assistant(backend=NeverCalled(), retriever=Retriever([PAPER], record=None)).run(
        TurnRequest("Summarise the record", patient_id="P1"))
    assert "built without record summaries" in ans.text and "Record summary" not in ans.text
