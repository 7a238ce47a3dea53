"""Red flags about the past, a worry or a supply request are not reports of an emergency; the same words with
anything happening now still are."""

from __future__ import annotations

import pytest

from guards.safety.context import is_history, is_hypothetical
from guards.safety.red_flags import detect


@pytest.mark.parametrize("text", [
    "I had a heart attack 5 years ago and I'm well now, I just need my statin prescription renewed",
    "My mum had a stroke last year and she's stable now, she's asking about getting a flu jab",
    "I'm worried about sepsis because my friend had it, but I just have a small cut that's healing well",
    "I read that chest pain can be a heart attack, but mine only hurts when I press on my ribs",
    "my husband had sepsis two years ago, he's fine now, can he have the flu vaccine?",
    "I had anaphylaxis to peanuts as a child, I need a new EpiPen prescription",
    "I had a stroke in 2019 and I want to know if I can drive again",
    "my son banged his head on the table an hour ago, he cried straight away, no vomiting, he's playing normally",
])
def test_no_red_flag_for_the_past_a_worry_or_a_supply_request(text: str) -> None:
    assert detect(text) == []


@pytest.mark.parametrize("text, flag", [
    ("I had a heart attack 5 years ago and now I have crushing chest pain going into my left arm", "chest_pain"),
    ("I had a heart attack 5 years ago, and I think it's happening again", "chest_pain"),
    ("my mother had a stroke this morning, her face is drooping", "stroke"),
    ("I had a stroke 3 years ago and since this morning my right arm is weak again", "stroke"),
    ("I had a seizure as a child and today I had another one that lasted 6 minutes", "seizure"),
    ("she had a seizure last year and is having another one right now", "seizure"),
    ("I'm scared of sepsis, she's confused and has a temperature of 39.5", "sepsis"),
    ("could this be a stroke? his face has dropped on one side", "stroke"),
    ("we used an epipen on him 10 minutes ago and his lips are still swelling", "anaphylaxis"),
    ("been feeling down, not sleeping, and honestly I've been thinking about ending it and I've looked up how",
     "suicidal"),
    ("my son banged his head an hour ago and has vomited twice", "head_injury"),
])
def test_red_flag_still_raised_when_something_is_happening_now(text: str, flag: str) -> None:
    assert flag in {f.name for f in detect(text)}


def test_a_duration_is_not_a_past_date() -> None:
    text = "up once a night to pass urine for the last year, which has not changed"
    start = text.index("has not changed")
    assert not is_history(text, start, start + len("has not changed"))


def test_only_a_worry_or_a_statement_makes_a_name_hypothetical() -> None:
    said = "my dad has chest pain, could it be a heart attack?"
    assert not is_hypothetical(said, said.index("heart attack"), said.index("heart attack") + 12)
    worry = "i'm worried about sepsis"
    assert is_hypothetical(worry, worry.index("sepsis"), len(worry))
