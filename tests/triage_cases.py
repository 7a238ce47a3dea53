"""Labelled triage cases written for this project: development data, never evidence (their rules were written
until they passed). The cases live in ``eval/data/triage_cases.jsonl``, one per line: a ``vignette`` with its
em/ne/sc ``label``, or a patient ``message`` with the dispositions ``allowed``, and the probe ``note`` it came with.
The unit tests check every case; ``eval.triage_train`` also learns the emergency model from them.
"""

from eval.triage_cases import load_cases

VIGNETTES, CHATS = load_cases()

# Probe 30's two emergencies the rules miss and the emergency model catches; left to the model, so that its tests
# go through a real case each time (rules for them would make the model's catch untestable)
MODEL_CATCHES = [
    "my son came off his motorbike and now his belly is hurting more and more and he looks washed out",
    "my mum's heart is going like the clappers and she feels like she's going to keel over",
]

# Messages the rules leave at routine and the emergency model's urgent tier sends to a same-day visit: the model alone
# scores them between its urgent threshold, 0.5, and its emergency threshold, 0.85 (0.64 and 0.63 with the fit of
# probe 84; chosen away from both thresholds, so that a refit does not move them across)
MODEL_URGENT = [
    "my son's asthma has been worse this week, he's using his blue inhaler 4 times a day but he's talking "
    "fine and playing",
    "my 11 month old is pulling at his ear, has a temperature of 38 and is crying at night",
]

# Labelled non-emergencies the model raises to emergency on top of the rules (it was trained on them, and still
# scores them above its threshold): over-triage it is known to make
MODEL_FALSE_ALARMS = {
    # 0.84 with the fit of probe 84 (urgent, which its label allows), above 0.85 in earlier fits
    "my daughter swallowed her chewing gum",
    # probe 69: low mood after a birth scores 0.97 even once labelled (its neighbours are postpartum crises); a
    # same-day review is the right level, an emergency the safe side
    "Had my baby 6 weeks ago and I've been crying a lot and feeling hopeless, no thoughts of harming anyone",
    # probe 70's contrast case: a 4-month-old 'not responding to my voice' (a hearing or development question) scores
    # 0.92 once labelled; 'not responding' is among its emergencies' commonest words
    "The baby is not responding to my voice like she used to, she's 4 months",
    # the negation audit after probe 77: 'injects drugs ... sore arm' scores 0.92 once labelled (its neighbours are
    # injecting emergencies); an arm that may hold an abscess wants a same-day look, an emergency the safe side
    "he injects drugs, no fever, just a sore arm",
    # an old case that crossed 0.85 (0.843 before) with probe 85's fit: a knee twisted so that he cannot walk, which the
    # rules now call urgent (an X-ray today); an emergency is the safe side
    "he is unable to walk after twisting his knee",
    # probe 82's contrast case: 'like a baby elephant sitting on me' scores 0.89 once labelled (an elephant sitting on
    # someone is how its emergencies put cardiac pain); the rules leave it routine
    "my toddler sits on me like a baby elephant sitting on me all day, I'm exhausted",
}

# Labelled non-emergencies the rules alone call emergency, left so: the safe side of a judgement call. Stable
# exertional angina trips the chat red flag for chest tightness, which is kept broad; bloody diarrhoea with dizziness
# on standing and a pulse of 104 trips "abdominal pain with dizziness on standing", which is how a bleed presents.
# A streak of blood coughed up once trips the red flag for coughed-up blood, which does not try to judge how much.
RULES_OVER_TRIAGE = {
    "A 48-year-old man who smokes has had a cough for 2 months and coughed up a streak of blood once.",
    "A 63-year-old man presents with 2 months of tightness in the center of his chest when he walks "
    "uphill or climbs two flights of stairs, which goes away within 5 minutes of resting. He has never "
    "had it at rest. He smokes and has high cholesterol. His exam and vital signs are normal today.",
    "A 31-year-old woman presents with 3 days of bloody diarrhea 8 times a day and crampy abdominal pain "
    "after eating chicken at a barbecue. Her temperature is 38.5 C. She feels dizzy when she stands up, "
    "her mouth is dry, and her heart rate is 104 with a blood pressure of 112/70.",
}
