"""Red flags in patient messages: every emergency phrasing caught, negated and benign ones not."""

import pytest

from guards.safety.red_flags import detect

EMERGENCIES = [
    ("I have crushing chest pain going down my left arm", "chest_pain"),
    ("there's a heavy pressure in my chest and I'm sweating", "chest_pain"),
    ("chest pain and shortness of breath since an hour", "chest_pain"),
    ("my chest feels tight and the pain spreads to my jaw", "chest_pain"),
    ("I think I'm having a heart attack", "chest_pain"),
    ("severe chest pain that won't go away", "chest_pain"),
    ("chest discomfort with nausea and dizziness", "chest_pain"),
    ("my dad's face is drooping on one side", "stroke"),
    ("her speech is slurred and she can't lift her arm", "stroke"),
    ("sudden weakness on one side of my body", "stroke"),
    ("numbness in my left side, arm and leg", "stroke"),
    ("worst headache of my life, came on suddenly", "stroke"),
    ("I suddenly lost vision in one eye", "stroke"),
    ("I think my mom is having a stroke", "stroke"),
    ("he has trouble speaking all of a sudden", "stroke"),
    ("I can't breathe", "breathing"),
    ("my son is struggling to breathe", "breathing"),
    ("gasping for air and wheezing", "breathing"),
    ("his lips are turning blue", "breathing"),
    ("too breathless to speak", "breathing"),
    ("my inhaler is not helping at all and I'm wheezing badly", "breathing"),
    ("severe shortness of breath at rest", "breathing"),
    ("my throat is swelling after eating peanuts", "anaphylaxis"),
    ("lips swollen and hives after a bee sting", "anaphylaxis"),
    ("I used my epipen 10 minutes ago", "anaphylaxis"),
    ("tongue feels swollen and tight", "anaphylaxis"),
    ("hives all over and difficulty breathing", "anaphylaxis"),
    ("I want to kill myself", "suicidal"),
    ("i've been thinking about suicide", "suicidal"),
    ("I don't want to live anymore", "suicidal"),
    ("I took a bunch of pills to end it", "suicidal"),
    ("she overdosed on her medication", "suicidal"),
    ("everyone would be better off dead without me", "suicidal"),
    ("I want to end my life", "suicidal"),
    ("the cut is bleeding heavily and won't stop", "bleeding"),
    ("I'm vomiting blood", "bleeding"),
    ("coughing up blood this morning", "bleeding"),
    ("black tarry stools since yesterday", "bleeding"),
    ("soaking through a pad every hour", "bleeding"),
    ("there's a lot of blood in my vomit", "bleeding"),
    ("my husband passed out and is not waking up", "unconscious"),
    ("she fainted in the kitchen", "unconscious"),
    ("he is unresponsive", "unconscious"),
    ("I blacked out twice today", "unconscious"),
    ("my grandfather is suddenly disoriented and somnolent", "unconscious"),
    ("my child had a seizure for 5 minutes", "seizure"),
    ("he is convulsing", "seizure"),
    ("fever and he is confused and very unwell", "sepsis"),
    ("high temperature, mottled skin and racing heart", "sepsis"),
    ("I'm 30 weeks pregnant and bleeding", "pregnancy_bleeding"),
    ("pregnant with severe abdominal pain", "pregnancy_bleeding"),
    ("my 6 week old baby has a fever of 38.5", "infant_fever"),
    ("newborn with a temperature", "infant_fever"),
    ("2 month old has a fever", "infant_fever"),
    ("baby is 5 weeks, had a temp of 38.1 tonight", "infant_fever"),
    ("he hasn't hurt himself yet but he keeps saying he will", "suicidal"),
    ("she hasn't cut herself but she's talking about ending her life", "suicidal"),
    ("he wants to harm himself", "suicidal"),
    ("I don't want to hurt myself but I can't stop thinking about it", "suicidal"),
    ("I had a baby 3 weeks ago and now my baby has a temperature of 38.2", "infant_fever"),
    ("she was born 10 days ago and feels hot", "infant_fever"),
    ("stiff neck and fever and the light hurts", "meningitis"),
    ("a rash that doesn't fade when I press a glass on it", "meningitis"),
    ("purple spots appearing with fever", "meningitis"),
    ("he hit his head and now keeps vomiting", "head_injury"),
    ("head injury and he is confused", "head_injury"),
    ("my belly is rigid and extremely painful", "abdominal"),
    ("excruciating abdominal pain", "abdominal"),
    ("sudden severe testicle pain", "abdominal"),
    ("my toddler swallowed bleach", "poisoning"),
    ("we think it's carbon monoxide, all of us have headaches", "poisoning"),
    # preparations for suicide, told without the word (probe 49)
    ("I can't do this anymore, I've written letters to my family and I've got the tablets ready for tonight",
     "suicidal"),
    ("he's been saving up his tablets for weeks", "suicidal"),
    ("she wrote a goodbye note", "suicidal"),
    ("giving away all my things, I won't need them", "suicidal"),
    ("a headache that came on like a thunderclap", "stroke"),
]

BENIGN = [
    "no chest pain, just a mild cough",
    "I don't have any shortness of breath",
    "denies chest pain or palpitations",
    "she has not fainted and has no fever",
    "no blood in stool",
    "I have a runny nose and sneezing",
    "mild headache after a long day at work",
    "my knee hurts when I climb stairs",
    "how should I take my metformin?",
    "I feel a bit tired lately",
    "can I take ibuprofen for a sprained ankle?",
    "no seizures since last year",
    "without any rash or stiff neck",
    "the pain in my chest resolved, it was heartburn after pizza, no pain now",
    "my 10 year old has a low fever and a sore throat",
    "itchy eyes and sneezing in spring",
    "is it normal to feel sore after a flu shot?",
    "I'm not suicidal, just stressed about exams",
    "my tablets are ready for collection at the pharmacy",
    "I have my pills ready for the trip",
    "I left a note for my wife that I would be late",
    "giving away my things before I move house",
]


@pytest.mark.parametrize("text, kind", EMERGENCIES)
def test_emergency_phrasing_is_caught(text, kind):
    found = {f.name for f in detect(text)}
    assert kind in found, f"{text!r}: got {found}"


@pytest.mark.parametrize("text", BENIGN)
def test_negated_or_benign_phrasing_is_not_flagged(text):
    assert detect(text) == [], text


def test_table_size():
    assert len(EMERGENCIES) >= 60
