"""Vital signs stated in words: read, checked, and scored by triage the way the form's vitals are."""

import json

import pytest

from assistant.text_vitals import about_a_child, read_vitals
from assistant.triage import TriageEngine
from risk.news2 import components, news2
from tests.triage_fakes import FixedScorer


@pytest.mark.parametrize("text, want", [
    ("HR 128, BP 84/50, RR 28, sats 89% on room air, temp 39.6 C",
     {"hr": 128, "sbp": 84, "rr": 28, "spo2": 89, "o2": "air", "temp": 39.6}),
    ("Temperature: 101°F (38.3°C). Blood Pressure: 137/98 mmHg. Heart Rate: 120/min. Respiratory Rate: 23/min.",
     {"temp": 38.3, "sbp": 137, "hr": 120, "rr": 23}),
    ("Vital signs: T 38.9 C, pulse 118/min, respirations are 24/min, oxygen saturation 93% on 2 L nasal cannula",
     {"temp": 38.9, "hr": 118, "rr": 24, "spo2": 93, "o2": "oxygen"}),
    ("my temp is 102.2 and my heart is going at 130 bpm", {"temp": 39.0, "hr": 130}),
    ("her sats dropped to 85% and she is breathing 32 breaths per minute", {"spo2": 85, "rr": 32}),
    ("systolic pressure of 82", {"sbp": 82}),
    # home devices, after the device's name and "says" or "gave" (probe 78)
    ("home BP monitor reads 210/125 and I have a headache", {"sbp": 210}),
    ("my blood pressure machine says 78/40", {"sbp": 78}),
    ("my oximeter reads 97% and I have a mild cough", {"spo2": 97}),
    ("my watch says my heart rate is 34", {"hr": 34}),
])
def test_vitals_are_read_from_words(text, want):
    assert read_vitals(text).values == want


@pytest.mark.parametrize("text", [
    "fever of 10 days and a sore throat",       # a duration, not a temperature
    "he takes bp medication twice a day",
    "pulses 2+ in all four limbs",
    "pulse oximetry was normal",
    "on 2 L of oxygen at home for years",        # oxygen without a saturation says nothing to score
    "she is afebrile and her heart rate is regular",
])
def test_numbers_that_are_not_vitals_are_not_read(text):
    assert read_vitals(text).values == {}


def test_the_worst_of_several_readings_counts():
    stated = read_vitals("heart rate 88 on arrival, then heart rate 134 an hour later; BP 118/70 then BP 86/50")
    assert stated.values == {"hr": 134, "sbp": 86}


def test_impossible_numbers_are_set_aside_and_said():
    stated = read_vitals("heart rate 900, temp 37.1")
    assert stated.values == {"temp": 37.1}
    assert stated.set_aside == ["heart rate 900 beats/min is not possible: expected 10-300"]


@pytest.mark.parametrize("text, child", [("A 3-year-old boy", True), ("my 8 month old baby", True),
                                         ("a 15-year-old girl", True), ("A 16-year-old man", False),
                                         ("A 67-year-old woman whose symptoms began 3 years ago", False),
                                         ("newborn", True), ("a 30-year-old mother and her 2-year-old", True),
                                         ("A 31-year-old woman who delivered a baby 5 days ago", False),
                                         ("I had my baby last week and my BP is 170/115", False),
                                         ("I had a baby 3 weeks ago and now my baby has a fever", True)])
def test_children_are_told_apart(text, child):
    assert about_a_child(text) is child


def test_partial_components_are_a_lower_bound_of_news2():
    full = dict(rr=25, spo2=95, o2="air", sbp=105, hr=135, consciousness="A", temp=38.5)
    total = news2(**full).total
    for drop in full:
        assert sum(components(**{k: v for k, v in full.items() if k != drop}).values()) <= total
    assert sum(components(**full).values()) == total


def _engine(p_emergency: float = 0.0, p_self_care: float = 0.0) -> TriageEngine:
    """The floor and the vital signs with a model that says the same of every case."""
    return TriageEngine(emergency_model=FixedScorer(p_emergency, p_self_care))


def test_stated_vitals_raise_triage():
    # the model says nothing alarming of any case; the numbers do
    words = "I have had a cough for a few days and feel tired."
    assert _engine().assess(words).disposition == "routine"
    out = _engine().assess(words + " My heart rate is 135 and my temperature is 39.5.")
    assert out.disposition == "urgent" and out.scores["news2_partial"] == 5
    assert any(r.startswith("vital signs read from the text: heart rate 135") for r in out.reasons)
    out = _engine().assess(words + " HR 135, RR 26, BP 88/50, sats 90% on air, temp 39.5")
    assert out.disposition == "emergency" and out.scores["news2"] >= 7 and out.scores["qsofa"] >= 2


def test_a_single_parameter_scoring_three_needs_urgent_review():
    out = _engine().assess("I have had a cough for a few days. Breathing 26 breaths a minute.")
    assert out.disposition == "urgent" and out.scores["news2_partial"] == 3


def test_normal_stated_vitals_change_nothing():
    for text in ("A 28-year-old man has a runny nose and sneezing for 3 days.",
                 "A 69-year-old man has had pain in his left great toe for a week."):
        for engine in (_engine(), _engine(0.0, 0.9)):
            plain = engine.assess(text)
            stated = engine.assess(text + " Temperature 36.9 C, pulse 72, BP 122/78, RR 14.")
            assert stated.disposition == plain.disposition and stated.scores["news2_partial"] == 0


def test_a_measured_fever_is_a_fever_finding():
    out = _engine().assess("My temperature has been 38.4 for three days with a sore throat.")
    assert "fever" in out.findings["present"]
    assert "fever" not in _engine().assess("Temperature 37.2 and a sore throat.").findings["present"]


def test_form_vitals_win_over_the_text():
    out = _engine().assess("my pulse was 140 this morning", vitals={"hr": 80})
    assert "news2_partial" in out.scores and out.scores["news2_partial"] == 0
    assert not any("read from the text" in r for r in out.reasons)


def test_a_childs_stated_vitals_are_not_scored_as_an_adults():
    # 40 breaths a minute and a pulse of 140 are normal at 8 months; NEWS2 would score both 3
    out = _engine().assess("My 8-month-old has a runny nose. Heart rate 140, breathing 40 breaths a minute.")
    assert "news2_partial" not in out.scores and "news2" not in out.scores
    assert any("NEWS2 and qSOFA are for adults" in r for r in out.reasons)
    # nor are the adult danger thresholds applied to a newborn's pulse of 155 from the form
    assert _engine().assess("my newborn is feeding well", vitals={"hr": 155}).disposition != "emergency"
    assert _engine().assess("I feel fine", vitals={"hr": 155}).disposition == "emergency"
    # a low oxygen saturation is dangerous at any age
    out = _engine().assess("My 3-year-old has a cough and the nurse said his sats are 86%.")
    assert out.disposition == "emergency" and "danger sign: SpO2 86 (low at any age)" in out.reasons


def test_an_impossible_stated_value_is_said_and_the_text_still_triaged():
    out = _engine().assess("crushing chest pain radiating to my jaw, heart rate 900")
    assert out.disposition == "emergency"
    assert "vital signs in the text not used: heart rate 900 beats/min is not possible: expected 10-300" in out.reasons


def test_triage_cli_reads_vitals_from_the_message():
    from tests.conftest import run_cli

    p = run_cli("triage", "My mum is 77 and has a water infection; her BP just read 85 over 50 and pulse 118.",
                "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["disposition"] == "emergency"
    assert "danger sign: systolic blood pressure 85" in out["reasons"]
    assert any(r.startswith("vital signs read from the text: heart rate 118") for r in out["reasons"])


def test_the_emergency_answer_gives_the_decisive_findings_first():
    from assistant.triage import emergency_message

    out = _engine().assess("My mum is 77 and has a water infection; her BP just read 85 over 50 and pulse 118.")
    why = next(line for line in emergency_message(out.to_dict()).split("\n") if line.startswith("Why:"))
    assert why == "Why: systolic blood pressure 85."


def test_findings_come_before_notes_on_what_was_read():
    out = _engine().assess("I have had a cough for a few days. My heart rate is 135 and my temperature is 39.5.")
    notes = [i for i, r in enumerate(out.reasons) if r.startswith(("vital signs read", "NEWS2 not computed", "noted:"))]
    assert notes and min(notes) > 0 and out.reasons[0].startswith("NEWS2 at least 5")
    assert notes == list(range(len(out.reasons) - len(notes), len(out.reasons)))
