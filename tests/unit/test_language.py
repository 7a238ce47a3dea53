"""Messages in other languages: recognised, never cleared by the English rules, Spanish emergencies escalated."""

from __future__ import annotations

import pytest

from assistant.triage import TriageEngine, emergency_message, next_step_line
from eval.triage_data import load_triage
from guards.safety.language import guess_language
from guards.safety.spanish import detect
from tests.conftest import SHARED_DATA
from tests.triage_cases import CHATS, VIGNETTES

RULES = TriageEngine(emergency_model=False)


@pytest.mark.parametrize("code, text", [
    ("es", "mi esposo tiene un dolor muy fuerte en el pecho y está sudando mucho"),
    ("es", "mi bebé de dos meses tiene fiebre de 38.5 y no quiere comer"),
    ("es", "Mi hermano está vomitando sangre y está muy pálido"),
    ("es", "my mom tiene dolor en el pecho y no puede respirar bien"),
    ("fr", "mon mari a une douleur très forte dans la poitrine depuis une heure"),
    ("de", "mein Mann hat seit einer Stunde starke Schmerzen in der Brust"),
    ("pt", "meu marido tem uma dor forte no peito e está suando muito"),
    ("it", "mio marito ha un forte dolore al petto da un'ora"),
    ("nl", "mijn man heeft sinds een uur hevige pijn op de borst"),
    ("ru", "у моего мужа сильная боль в груди уже час"),
    ("ar", "زوجي يعاني من ألم شديد في الصدر منذ ساعة"),
    ("zh", "我丈夫胸口剧烈疼痛一个小时了"),
])
def test_the_language_of_a_message_is_recognised(code: str, text: str) -> None:
    assert guess_language(text) == code


@pytest.mark.parametrize("text", [
    "help me", "my abuela has chest pain and is sweating", "Patient José García, 67, has chest pain radiating",
    "Pt 68M T2DM CKD3 AF on DOAC, c/o SOB, CXR ?LRTI, NEWS 5", "omg my chest 😩😩 its sooo tight cant breathe",
])
def test_english_with_names_shorthand_or_text_speak_is_english(text: str) -> None:
    assert guess_language(text) is None


def test_no_english_case_of_the_labelled_sets_is_taken_for_another_language() -> None:
    texts = [t for _, t in VIGNETTES] + [t for t, _ in CHATS]
    for name in ("avey_vignettes.jsonl", "agentclinic_medqa_extended.jsonl", "triage_semigran_dev.jsonl"):
        rows, _ = load_triage(SHARED_DATA / "benchmarks" / name)
        texts += [r["case_description"] for r in rows]
    assert [t for t in texts if guess_language(t)] == []


@pytest.mark.parametrize("text, flag", [
    ("Mi papá de 70 años tiene dolor en el pecho que le baja al brazo izquierdo y está sudando frío", "chest_pain"),
    ("Mi hija de 4 años no puede respirar bien y tiene los labios morados", "breathing"),
    ("Mi esposa se desmayó en la cocina y no responde cuando le hablo", "collapse"),
    ("Mi mamá de repente tiene la boca torcida y no puede mover el brazo derecho", "stroke"),
    ("Mi bebé de 3 semanas tiene calentura de 38.3 y no quiere comer", "infant_fever"),
    ("Ya no quiero vivir, tengo las pastillas listas para esta noche", "suicidal"),
    ("Mi hijo comió cacahuate, se le está hinchando la lengua y le cuesta respirar", "anaphylaxis"),
    ("Estoy embarazada de 30 semanas y estoy sangrando mucho", "pregnancy_bleeding"),
    ("Mi hermano está vomitando sangre y está muy pálido", "bleeding"),
])
def test_spanish_emergencies_are_red_flags_and_emergencies(text: str, flag: str) -> None:
    assert flag in {f.name for f in detect(text)}
    out = RULES.assess(text)
    assert out.disposition == "emergency" and flag in out.red_flags


@pytest.mark.parametrize("text", [
    "No tengo dolor en el pecho ni falta de aire, solo un poco de tos seca desde ayer",
    "Mi hijo tuvo una convulsión hace dos años y necesito una receta nueva de su medicina",
    "Tengo miedo de tener un infarto porque mi papá tuvo uno, pero me siento bien",
])
def test_denied_past_or_feared_findings_in_spanish_are_not_emergencies(text: str) -> None:
    assert RULES.assess(text).disposition == "urgent"


def test_a_new_event_after_a_past_one_is_still_an_emergency() -> None:
    text = "Mi papá tuvo un infarto hace dos años y ahora tiene dolor en el pecho otra vez"
    assert RULES.assess(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "Tengo gripa, mocos y estornudos desde hace dos días, no tengo fiebre y estoy comiendo bien",
    "j'ai de la fièvre et mal à la gorge depuis deux jours",
    "у меня болит горло и небольшая температура",
])
def test_english_rules_never_clear_a_message_in_another_language(text: str) -> None:
    out = RULES.assess(text)
    assert out.disposition == "urgent"
    assert any("read in English only" in r for r in out.reasons)


def test_the_patient_is_told_in_their_language_what_to_do_in_an_emergency() -> None:
    urgent = RULES.assess("Tengo gripa, mocos y estornudos desde hace dos días, no tengo fiebre").to_dict()
    line = next_step_line(urgent)
    assert "looks like Spanish" in line and "Si es una emergencia, llame ahora" in line
    emergency = RULES.assess("mi esposo tiene un dolor muy fuerte en el pecho y está sudando mucho").to_dict()
    text = emergency_message(emergency)
    assert text.startswith("**This may be an emergency.**") and "Si es una emergencia" in text
    assert "looks like Spanish" not in text  # no "a clinician should read it today" under an emergency
    english = RULES.assess("I have had a runny nose for two days").to_dict()
    assert "looks like" not in next_step_line(english)
