"""Clinical shorthand written out for the triage rules, and the negation scope around listed items."""

from __future__ import annotations

import pytest

from assistant.triage_shorthand import expand
from guards.safety.negation import is_negated


@pytest.mark.parametrize("short, written", [
    ("Pt 68M c/o central CP radiating to L arm x 30 min", "Pt 68 year old man complains of central chest pain "
                                                          "radiating to left arm for 30 min"),
    ("Caller (daughter): pt 81F found on floor", "Caller (daughter): pt 81 year old woman found on floor"),
    ("Mother calling: 3/12 old, floppy, T 38.5", "Mother calling: 3 months old, floppy, temperature 38.5"),
    ("36/40 pregnant, sudden severe abdo pain + PV bleeding", "36 weeks pregnant, sudden severe abdominal pain and "
                                                              "vaginal bleeding"),
    ("coryzal sx x 2/7, no loin pain, Hx gout", "coryzal symptoms for 2 days, no loin pain, history gout"),
    ("SOBOE increasing over 3/12", "short of breath on exertion increasing for 3 months"),
    ("'worst HA of life', vomited x2", "'worst headache of life', vomited twice"),
    ("T2DM, on chemo, R sided weakness", "type 2 diabetes, on chemotherapy, right sided weakness"),
    ("4yo swallowed a battery", "4 year old swallowed a battery"),
    ("Rt. side motor weakness, Lt arm numb", "right side motor weakness, left arm numb"),
])
def test_shorthand_is_written_out(short: str, written: str) -> None:
    assert expand(short) == written


@pytest.mark.parametrize("text", [
    "Follow up on 3/12 at the clinic.",              # a date, not three months
    "Vision 20/40 in the left eye.",                 # Snellen acuity, not a pregnancy
    "Her temperature was 101F this morning.",        # Fahrenheit, not an age and sex
    "I have had a cough for three days and a temperature of 38.",
    "Labs: HbA1c 8.1%, BP 150/90, K 4.1.",
    "We flew back from Rome on 7/12 and he feels fine.",
])
def test_text_without_shorthand_is_unchanged(text: str) -> None:
    assert expand(text) == text


@pytest.mark.parametrize("said, written", [
    ("a temperature of thirty eight point five", "a temperature of 38.5"),
    ("temp was thirty-nine", "temp was 39"),
    ("a fever of a hundred and two for a day", "a fever of 102 for a day"),
    ("Temperature is ninety nine point one", "Temperature is 99.1"),
])
def test_a_temperature_said_in_words_is_written_as_a_number(said: str, written: str) -> None:
    assert expand(said) == written


@pytest.mark.parametrize("text", ["we climbed thirty nine steps", "she is forty two", "a hundred and two people came"])
def test_numbers_in_words_without_a_temperature_word_stay_words(text: str) -> None:
    assert expand(text) == text


@pytest.mark.parametrize("said, written", [
    ("Me nan's gone off her legs", "my nan's gone off her legs"),
    ("stubbed me toe on the bed", "stubbed my toe on the bed"),
    ("she's 35 weeks gone", "she's 35 weeks pregnant"),
    ("he chundered twice", "he vomited twice"),
    ("been spewing all day", "been vomiting all day"),
])
def test_dialect_with_one_reading_is_written_in_the_tables_words(said: str, written: str) -> None:
    assert expand(said) == written


@pytest.mark.parametrize("text", ["can you ring me back", "give me back my phone", "tell me more", "gone 3 weeks ago"])
def test_me_after_a_verb_and_other_gone_stay_as_written(text: str) -> None:
    assert expand(text) == text


def test_a_young_baby_s_fever_said_in_words_reaches_the_floor() -> None:
    from assistant.findings import extractor
    from assistant.triage_features import add_vital_findings, floor, read_case_vitals

    text = expand("my 6 week old has a temperature of thirty eight point three")
    found = extractor()(text)
    add_vital_findings(found, read_case_vitals(text))
    assert "young_baby_fever" in {f.id for f in floor(found)}


def test_negation_written_without_apostrophes_still_negates() -> None:
    for text, word in (("i dont have a fever", "fever"), ("he isnt feverish", "feverish"), ("she doesnt have a rash",
                                                                                            "rash")):
        assert is_negated(text, text.index(word))
    assert not is_negated("my baby isnt waking up and is floppy",
                          "my baby isnt waking up and is floppy".index("floppy"))


def test_coping_and_danger_signs_after_a_comma_are_not_denied() -> None:
    text = "mild diarrhoea, no blood, tolerating fluids; not feeding since last night, floppy"
    assert not is_negated(text, text.index("tolerating"))
    assert not is_negated(text, text.index("floppy"))
    assert is_negated(text, text.index("blood"))
    listed = "no fever, vomiting or diarrhoea"
    assert is_negated(listed, listed.index("vomiting"))


@pytest.mark.parametrize("text, present", [
    ("Pt 68M, T2DM, c/o central CP radiating to L arm x 30 min, sweaty, nauseous.",
     {"chest_pain", "radiating_pain", "sweating", "nausea", "diabetes"}),
    ("Pt 60F, on chemo, T 38.9, rigors.", {"fever", "immunocompromised"}),
])
def test_shorthand_reaches_the_findings(text: str, present: set[str]) -> None:
    from assistant.findings import extractor

    assert present <= extractor()(expand(text)).present
