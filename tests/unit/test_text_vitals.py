"""Vital signs stated in words: read, checked, and scored by triage the way the form's vitals are."""

import json

import pytest

from assistant.text_vitals import about_a_child, read_vitals
from assistant.triage import TriageEngine
from risk.news2 import components, news2

WANT = {"em": {"emergency"}, "ne": {"urgent", "routine"}, "sc": {"self_care"}}


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


def test_stated_vitals_raise_triage():
    # the words alone say nothing alarming; the numbers do
    words = "I have had a cough for a few days and feel tired."
    assert TriageEngine().assess(words).disposition in ("routine", "self_care")
    out = TriageEngine().assess(words + " My heart rate is 135 and my temperature is 39.5.")
    assert out.disposition == "urgent" and out.scores["news2_partial"] == 5
    assert any(r.startswith("vital signs read from the text: heart rate 135") for r in out.reasons)
    out = TriageEngine().assess(words + " HR 135, RR 26, BP 88/50, sats 90% on air, temp 39.5")
    assert out.disposition == "emergency" and out.scores["news2"] >= 7 and out.scores["qsofa"] >= 2


def test_a_single_parameter_scoring_three_needs_urgent_review():
    out = TriageEngine().assess("I have had a cough for a few days. Breathing 26 breaths a minute.")
    assert out.disposition == "urgent" and out.scores["news2_partial"] == 3


def test_normal_stated_vitals_change_nothing():
    # normal numbers are not taken as reassurance either: on AgentClinic's cases that credit turned 9 of 133
    # "see a doctor" cases into self-care
    for text in ("A 28-year-old man has a runny nose and sneezing for 3 days. He is afebrile and feels otherwise well.",
                 "A 69-year-old man has had pain in his left great toe for a week.",
                 "A 30-year-old office worker has a band-like headache at the end of the day, relieved by rest."):
        plain = TriageEngine().assess(text)
        stated = TriageEngine().assess(text + " Temperature 36.9 C, pulse 72, BP 122/78, RR 14.")
        assert stated.disposition == plain.disposition and stated.scores["news2_partial"] == 0


def test_form_vitals_win_over_the_text():
    out = TriageEngine().assess("my pulse was 140 this morning", vitals={"hr": 80})
    assert "news2_partial" in out.scores and out.scores["news2_partial"] == 0
    assert not any("read from the text" in r for r in out.reasons)


def test_a_childs_stated_vitals_are_not_scored_as_an_adults():
    # 40 breaths a minute and a pulse of 140 are normal at 8 months; NEWS2 would score both 3
    out = TriageEngine().assess("My 8-month-old has a runny nose. Heart rate 140, breathing 40 breaths a minute.")
    assert "news2_partial" not in out.scores and "news2" not in out.scores
    assert any("NEWS2 and qSOFA are for adults" in r for r in out.reasons)
    # nor are the adult danger thresholds applied to a newborn's pulse of 155 from the form
    assert TriageEngine().assess("my newborn is feeding well", vitals={"hr": 155}).disposition != "emergency"
    assert TriageEngine().assess("I feel fine", vitals={"hr": 155}).disposition == "emergency"
    # a low oxygen saturation is dangerous at any age
    out = TriageEngine().assess("My 3-year-old has a cough and the nurse said his sats are 86%.")
    assert out.disposition == "emergency" and "danger sign: SpO2 86 (low at any age)" in out.reasons


def test_an_impossible_stated_value_is_said_and_the_text_still_triaged():
    out = TriageEngine().assess("crushing chest pain radiating to my jaw, heart rate 900")
    assert out.disposition == "emergency"
    assert "vital signs in the text not used: heart rate 900 beats/min is not possible: expected 10-300" in out.reasons

# Written on 2026-12-01 to probe vitals stated in words (16 cases, then 16 more before any fix they led to).
# First pass: the second 16 scored 9/16 and 2/8 emergencies without reading numbers, 12/16 and 5/8 with the
# first reader; 'BP 85 over 50', 'heart beating at 170' and 'temp 38.7 after chemo' were then added.
STATED = [
    ('em', "A 71-year-old woman from a care home has been more tired and off her food for two days. Her carer measured "
           "a temperature of 38.9, pulse 124, breathing 26 a minute and blood pressure 92/58."),
    ('em', "A 54-year-old man had a kidney stone procedure yesterday and now has rigors. Observations: T 39.4 C, HR "
           "130, BP 86/52, RR 28, SpO2 93% on air."),
    ('em', "My dad is 80 and has a chest infection. The nurse says his oxygen is 86% and he's breathing 30 times a "
           "minute."),
    ('em', "A 45-year-old with a wound infection on her leg: temperature 39.8, heart rate 138, systolic 84."),
    ('em', "I'm 33 and have the flu. My smartwatch says my heart rate is 145 and my oxygen is 88 percent, and I feel "
           "awful."),
    ('em', "A 62-year-old man with pneumonia has a respiratory rate of 34, saturations of 84% on room air and a pulse "
           "of 120."),
    ('ne', "A 38-year-old woman has had burning when she passes urine for two days. Temperature 37.9 C, pulse 96."),
    ('ne', "A 50-year-old man has a painful swollen knee after a fall yesterday; he can bear weight with difficulty. "
           "BP 138/84, HR 82."),
    ('ne', "My temperature has been 38.4 for three days with a sore throat and swollen glands. Heart rate 98."),
    ('ne', "A 44-year-old woman has had a productive cough for a week. Temp 38.2, RR 20, sats 96% on air, pulse 100."),
    ('ne', "A 29-year-old man has had ear pain for 2 days; temperature 37.8 C, pulse 88, BP 124/80."),
    ('sc', "I've had a runny nose and a mild sore throat for two days. My temperature is 37.1 and my pulse is 70."),
    ('sc', "A 26-year-old woman has a mild headache after a long day at the computer; it eased with rest. BP 118/76, "
           "HR 68."),
    ('sc', "A 40-year-old man has muscle soreness after his first gym session in years. Temperature 36.8 C, pulse 64."),
    ('em', "A 19-year-old student has a fever and a headache and is getting sleepier. Her temperature is 40.1 and her "
           "heart rate 132; blood pressure 88/50."),
    ('em', "A 75-year-old man is breathless at rest with oxygen saturation 87% on 2 L and a respiratory rate of 29."),
    ('em', "My mum is 77, she's had a UTI and now she's muddled. Her BP just read 85 over 50 and pulse 118."),
    ('em', "I have COVID, day 8. Pulse ox reading 87, I get out of breath walking to the bathroom."),
    ('em', "A 58-year-old with cellulitis of the arm: febrile at 39.6°C, HR 126, respirations 27, BP 96/60."),
    ('em', "Husband, 66, after chemo last week: temp 38.7 and shivering, heart rate 112."),
    ('em', "My heart has been beating at 170 for the last half hour and I feel dizzy. I'm 45."),
    ('em', "A 35-year-old man found drowsy after a night out; respiratory rate 8, saturations 90%."),
    ('em', "A 68-year-old woman, heart rate 36, feels faint and has nearly blacked out twice today."),
    ('ne', "I've had a chesty cough for a week. Temperature 37.6, oxygen 97%, pulse 84. Just feel run down."),
    ('ne', "A 47-year-old man has had a painful ear and fever of 38.1 C since yesterday, pulse 92."),
    ('ne', "Painful red swollen ankle after twisting it, I can hobble on it. BP 130/85, heart rate 78."),
    ('ne', "A 33-year-old woman with frequency and stinging when peeing for 3 days; T 37.4, HR 80."),
    ('ne', "A 52-year-old man with a rash on his back for a week that itches. Vitals: BP 142/90, pulse 76, temp 36.9."),
    ('sc', "I pulled a muscle in my shoulder lifting my toddler yesterday; pulse 70, no fever."),
    ('sc', "A 22-year-old has a small cut on her finger from chopping vegetables; it stopped bleeding. Pulse 76."),
    ('em', "I'm 29 weeks pregnant with a headache and my blood pressure is 168/112."),
    # A third probe, of temperatures given only as numbers (first pass 8/9: 'back from Ghana' was not read as travel).
    ('em', "A 30-year-old man back from Ghana two weeks ago has a temperature of 39.5 C and chills."),
    ('em', "A 24-year-old woman has a temp of 39.1, a bad headache and she is getting drowsy."),
    ('em', "A 60-year-old man has a temperature of 38.8, shaking rigors and pain in his right flank."),
    ('em', "A 35-year-old who injects drugs has a temperature of 39 and a new heart murmur."),
    ('em', "A 70-year-old woman who had her spleen removed has a temperature of 38.9 C and feels very unwell."),
    ('em', "My 6-week-old daughter has a temperature of 38.2 and isn't feeding."),
    ('ne', "A 25-year-old has a sore throat and T 38.4 C for 2 days; she is eating and drinking."),
    ('ne', "A 40-year-old man has a cough and a temperature of 38.6 for 3 days."),
    ('ne', "A 33-year-old woman has burning on urination and a temperature of 38.1 C."),
]


@pytest.mark.parametrize("level, text", STATED)
def test_cases_with_stated_vitals(level, text):
    assert TriageEngine().assess(text).disposition in WANT[level]


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

    out = TriageEngine().assess("My mum is 77 and has a water infection; her BP just read 85 over 50 and pulse 118.")
    why = next(line for line in emergency_message(out.to_dict()).split("\n") if line.startswith("Why:"))
    assert why == "Why: systolic blood pressure 85."


def test_findings_come_before_notes_on_what_was_read():
    out = TriageEngine().assess("I have had a cough for a few days. My heart rate is 135 and my temperature is 39.5.")
    notes = [i for i, r in enumerate(out.reasons) if r.startswith(("vital signs read", "NEWS2 not computed"))]
    assert notes and min(notes) > 0 and out.reasons[0].startswith("NEWS2 at least 5")
    assert notes == list(range(len(out.reasons) - len(notes), len(out.reasons)))
