"""Triage engine: vignettes in the Semigran style written for these tests, and patient-chat phrasings."""

import json

import pytest

from assistant.triage import TriageEngine

WANT = {"em": {"emergency"}, "ne": {"urgent", "routine"}, "sc": {"self_care"}}

VIGNETTES = [
("em","A 62-year-old man with hypertension presents with 1 hour of substernal chest pressure radiating to his left arm, with diaphoresis and nausea."),
("em","A 34-year-old woman on oral contraceptives presents with sudden pleuritic chest pain and shortness of breath after a long flight. Heart rate 118."),
("em","A 70-year-old woman is brought in with sudden onset of right-sided weakness and slurred speech that started 45 minutes ago."),
("em","A 19-year-old college student presents with fever, severe headache, neck stiffness and photophobia since this morning. A petechial rash is noted on his legs."),
("em","A 22-year-old with type 1 diabetes presents with 2 days of vomiting, abdominal pain, deep rapid breathing and fruity breath. Glucose 540."),
("em","A 68-year-old man with COPD presents with 3 days of increasing shortness of breath, productive cough with green sputum and he is unable to complete sentences."),
("em","A 45-year-old woman presents with a swollen, painful left calf for 3 days after knee surgery. The calf is warm and tender."),
("em","A 30-year-old man returned from a trip to Nigeria 10 days ago and presents with high fevers, chills and headache."),
("em","A 9-year-old boy presents with fever, headache and a rash that started on his wrists and ankles and spread to his palms and soles, 5 days after a tick bite while camping in North Carolina."),
("em","A 4-year-old girl presents with bloody diarrhea for 5 days, now pale and lethargic with decreased urine output."),
("em","A 3-year-old boy has had fever for 6 days, red eyes without discharge, cracked red lips, a strawberry tongue and a rash on his trunk."),
("ne","A 25-year-old woman presents with 2 days of burning on urination, urinary frequency and urgency. She is afebrile with no flank pain."),
("ne","A 67-year-old man presents with a painful band-like rash with blisters on the left side of his chest for 2 days."),
("ne","A 52-year-old man wakes with a red, hot, swollen big toe that is exquisitely painful. He drank heavily last night."),
("ne","A 40-year-old woman presents with an expanding red rash with central clearing on her thigh one week after hiking, with fatigue and mild fever."),
("ne","A 17-year-old presents with a week of sore throat, fever, fatigue and tender swollen lymph nodes in the neck; splenomegaly is noted."),
("ne","A 45-year-old woman has episodes of room spinning vertigo lasting less than a minute when she rolls over in bed."),
("ne","A 38-year-old man has a red, warm, tender area of swelling on his lower leg that has been spreading for 2 days, with a low-grade fever."),
("sc","A 28-year-old man has a runny nose, sneezing, mild sore throat and nasal congestion for 3 days. He is afebrile and feels otherwise well."),
("sc","A 32-year-old woman has itchy watery eyes, sneezing and clear rhinorrhea every spring. Vital signs are normal."),
("sc","A 35-year-old man has low back pain after lifting boxes 2 days ago. No numbness, weakness or bladder problems. Normal examination."),
("sc","A 24-year-old woman has had 1 day of watery diarrhea and mild cramps after eating at a restaurant. She is drinking fluids well, afebrile, with normal vital signs."),
("sc","A 30-year-old office worker has a band-like headache at the end of the day, relieved by rest. Neurological examination is normal."),
("sc","A 10-year-old was stung by a bee on the arm and has local redness and swelling at the site. No trouble breathing, no hives elsewhere."),
# written on 2026-11-30 to probe phrasings beyond the ones above (word order, trauma, pregnancy, minor complaints)
("em","A 67-year-old man has sudden weakness of his right arm and leg and slurred speech that began 40 minutes ago."),
("em","A 24-year-old woman with a peanut allergy ate a cookie and now has lip swelling, hives and wheezing."),
("em","A 55-year-old woman has had tearing pain between her shoulder blades for an hour; her blood pressure differs between her arms."),
("em","A 30-year-old woman who is 7 weeks pregnant has severe one-sided lower abdominal pain and felt faint when standing."),
("em","A 72-year-old man vomited material that looked like coffee grounds and has black tarry stools; he feels dizzy."),
("em","A 19-year-old man has had severe testicular pain and swelling on the left for 2 hours with nausea."),
("ne","A 35-year-old woman has burning when passing urine and needs to urinate often for 2 days; no fever or back pain."),
("ne","A 45-year-old man has had a painful, red, swollen big toe since last night; he can walk."),
("ne","A 28-year-old woman has had ear pain and fever of 38.2 C for 3 days after a cold."),
("ne","A 60-year-old man has had a cough with green sputum and a temperature of 38 C for 5 days; he is breathing normally."),
("ne","A 50-year-old woman noticed a painless lump in her left breast a week ago."),
("sc","A 22-year-old man has had a runny nose, sneezing and a mild sore throat for 2 days; no fever."),
("sc","A 40-year-old woman has a mild tension-type headache after a long day at work that eased with rest."),
("sc","A 33-year-old man rolled his ankle playing football; it is mildly swollen but he can walk on it without much pain."),
("sc","A 27-year-old woman has had mild heartburn after large spicy meals for a week; no trouble swallowing, no weight loss."),
("sc","A 12-year-old boy has a small scrape on his knee from a fall off his bike; it bled briefly and has stopped."),
("em","A 58-year-old man with diabetes has had pain in the centre of his chest for 30 minutes with nausea and sweating."),
("em","A 3-year-old girl has a fever and a rash of small purple spots that do not fade when a glass is pressed on them."),
("em","A 45-year-old woman has the sudden onset of the worst headache of her life while lifting weights, then vomited."),
("em","A 26-year-old man was stabbed in the abdomen and is pale and sweaty."),
("em","A 70-year-old woman fell and now cannot move her leg; her right leg is shortened and rotated outward."),
("sc","A 52-year-old man has had low back pain for 10 days after lifting boxes; no leg weakness, no bladder problems."),  # first written as "ne"; mechanical back pain without red flags is self-care
("ne","A 31-year-old woman has a red, itchy eye with sticky yellow discharge since this morning."),
("ne","A 66-year-old woman has had increasing swelling of both ankles over a month and gets breathless climbing stairs."),
("ne","A 38-year-old man has a painful rash of blisters in a band on the right side of his chest."),
("sc","A 29-year-old woman has had a blocked nose and a mild cough for 3 days; she is eating and drinking normally."),
("sc","A 45-year-old man has a mosquito bite on his arm that is itchy with a small red bump."),
("sc","A 36-year-old woman has a mild sunburn on her shoulders after a day at the beach."),
# a second probe written the same day, triaged once before the rules it led to (12/17 right, emergencies 3/7)
("em","A 63-year-old woman has had crushing pressure in her chest for 20 minutes that spreads to her jaw; she is short of breath."),
("em","A 41-year-old man has sudden severe pain in his right flank and groin, is vomiting, and has a temperature of 39.1 C with shaking chills."),
("em","A 16-month-old boy has had 3 days of vomiting and diarrhoea, has not had a wet nappy since yesterday and is very sleepy."),
("em","A 78-year-old man on warfarin fell and hit his head and now has a worsening headache and has vomited twice."),
("em","A 29-year-old woman took 40 paracetamol tablets four hours ago after an argument."),
("em","A 50-year-old man has a sudden severe headache, double vision and a drooping eyelid."),
("em","A 35-year-old man has swelling of the tongue and difficulty swallowing an hour after starting a new blood pressure medicine."),
("ne","A 27-year-old woman has had a sore throat, fever of 38.5 C and swollen tonsils with white spots for 2 days."),
("ne","A 58-year-old man has noticed blood in his urine twice this week without pain."),
("ne","A 33-year-old woman has had itchy, thick white vaginal discharge for 4 days."),
("ne","A 70-year-old woman has had gradually worsening pain and stiffness in both knees over several months."),
("ne","A 46-year-old man has had heartburn most days for three months and has lost 5 kg without trying."),
("sc","A 31-year-old man has a mild sore throat and a dry cough for 2 days; he has no fever and is otherwise well."),
("sc","A 25-year-old woman has a few itchy mosquito bites on her legs after a camping trip."),
("sc","A 52-year-old woman has mild stiffness in her lower back after gardening yesterday; it eases when she moves around."),
("sc","A 6-year-old girl has a runny nose and a mild cough for 3 days; she is playing normally and eating well."),
("sc","A 38-year-old man has a small paper cut on his finger that stopped bleeding after a minute of pressure."),
# a third probe, likewise triaged once before its rules (13/18 right, emergencies 5/8)
("em","A 66-year-old man with a history of smoking has sudden severe back pain and feels faint; his blood pressure is 84/50."),
("em","A 23-year-old woman with asthma is wheezing and can only speak a few words at a time despite using her inhaler every 20 minutes."),
("em","A 7-year-old boy was stung by a wasp and within minutes developed hives all over his body and noisy breathing."),
("em","A 59-year-old woman has had black, sticky stools for two days and fainted this morning."),
("em","A 44-year-old man has a severe headache, fever of 39.5 C and is confused; his neck is stiff."),
("em","A 2-week-old baby has a temperature of 38.2 C."),
("em","A 52-year-old man suddenly cannot see out of his right eye; it is painless."),
("em","A 37-year-old woman has sudden shortness of breath and sharp chest pain when breathing in, two weeks after a hip operation."),
("ne","A 48-year-old woman has a painful, swollen red area on her forearm around a scratch from her cat two days ago; no fever."),
("ne","A 62-year-old man has been more tired than usual for two months and has noticed his skin looks pale."),
("ne","A 19-year-old woman has had a painful lump on her eyelid for 5 days that is slowly getting bigger."),
("ne","A 41-year-old man has had pain on the outside of his elbow for 6 weeks that is worse when gripping."),
("ne","A 30-year-old woman has missed her period and has had nausea in the mornings for a week."),
("sc","A 34-year-old woman has had a blocked nose, sneezing and a mild headache for 2 days; no fever."),
("sc","A 55-year-old man has a bruise on his shin after bumping into a table; he can walk normally."),
("sc","A 21-year-old student has mild indigestion after a late-night pizza; no vomiting."),
("sc","A 40-year-old woman has dry, itchy skin on her hands in the winter."),
("sc","A 27-year-old man has a mild hangover headache after a party; he is drinking water and feels better by the afternoon."),
# a fourth probe, likewise triaged once before its rules (6/20 right, emergencies 2/12)
("em","A 71-year-old woman has had a fast, irregular heartbeat for 2 hours with chest discomfort and light-headedness."),
("em","A 48-year-old man's heart rate is 38 and he feels dizzy and has nearly fainted twice."),
("em","A 26-year-old woman who is 30 weeks pregnant has noticed her baby is moving much less than usual since yesterday."),
("em","A 15-year-old boy has severe pain in his left testicle that started suddenly while he was asleep."),
("em","A 35-year-old woman cut her wrist on broken glass; the wound is spurting bright red blood."),
("em","A 60-year-old man with diabetes has a foot wound that has turned black and smells bad, with a temperature of 38.8 C."),
("em","A 33-year-old man was in a car crash at high speed and now has abdominal pain."),
("em","A 80-year-old woman has become suddenly very confused over the past day and is seeing things that are not there."),
("em","An 18-month-old girl is breathing fast, with her ribs sucking in with each breath, and has a fever."),
("em","A 44-year-old woman has vomited repeatedly for 24 hours and cannot keep any fluids down; she is dizzy when she stands."),
("em","A 57-year-old man has sudden numbness of the left side of his face and his left arm."),
("em","A 24-year-old woman has a severe headache after a blow to the head playing rugby and keeps asking the same questions."),
("ne","A 36-year-old man has pain and swelling behind his knee after a long run, no calf swelling."),
("ne","A 54-year-old woman has had a persistent dry cough for 4 weeks after a cold."),
("ne","A 22-year-old man has a painful swelling near the base of his spine that is red and leaking pus."),
("sc","A 29-year-old woman has mild nausea after a long car journey; it settled after she stopped and had some fresh air."),
("sc","A 45-year-old man has a cold sore on his lip, the same as he gets every winter."),
("sc","A 8-year-old boy has head lice; he is otherwise well."),
("sc","A 33-year-old woman has sore muscles the day after her first gym session."),
("sc","A 50-year-old man has mild constipation for 2 days after changing his diet; no pain, no blood."),
# a fifth probe in the clinical-vignette style, likewise triaged once before its rules (7/18 right, emergencies 2/10)
("em","A 54-year-old man presents with 2 hours of epigastric pain and nausea; he has a history of hypertension and high cholesterol and is sweating profusely."),
("em","A 32-year-old woman presents with a severe headache, neck pain and vomiting that began abruptly during sex."),
("em","A 68-year-old woman with atrial fibrillation presents with sudden severe abdominal pain that is much worse than the examination findings suggest."),
("em","A 21-year-old man with type 1 diabetes has been vomiting since last night, is breathing deeply and his glucose meter reads HIGH."),
("em","A 40-year-old woman presents with fever, flank pain and vomiting; her blood pressure is 88/52 and heart rate 124."),
("em","A 3-week-old baby is vomiting green fluid."),
("em","A 75-year-old man presents with sudden loss of speech and inability to move his right hand that started 1 hour ago."),
("em","A 28-year-old woman presents with a sudden onset of wheezing, widespread hives and a feeling of faintness after eating shrimp."),
("em","A 65-year-old smoker presents with coughing up large amounts of bright red blood."),
("em","A 17-year-old girl presents after swallowing an unknown number of her mother's antidepressant pills."),
("ne","A 42-year-old woman presents with intermittent right upper quadrant pain after fatty meals for 2 months; she is afebrile."),
("ne","A 23-year-old man presents with a painless sore on his penis that appeared a week ago."),
("ne","A 60-year-old woman presents with new, persistent hoarseness for 5 weeks."),
("ne","A 36-year-old woman presents with 3 weeks of increased thirst and urination and a 4 kg weight loss."),
("sc","A 26-year-old woman presents with a runny nose, sneezing and a scratchy throat for 1 day. She is afebrile and well-appearing."),
("sc","A 47-year-old man presents with a mild ache in his shoulder after painting a ceiling all weekend; full range of motion."),
("sc","A 19-year-old woman presents with a few small pimples on her forehead."),
("sc","A 55-year-old man presents with occasional mild heartburn after coffee, relieved by antacids."),
# a sixth probe, likewise triaged once before its rules (12/20 right, emergencies 4/10)
("em","A 62-year-old woman presents with sudden shortness of breath, a heart rate of 128 and oxygen saturation of 86% on room air."),
("em","A 70-year-old man presents with a painful, pale, cold left leg that started suddenly 3 hours ago; he cannot feel his foot."),
("em","A 34-year-old woman presents 5 days after giving birth with heavy vaginal bleeding, soaking a pad every 30 minutes."),
("em","A 9-month-old infant has a seizure lasting 10 minutes with a fever of 39.8 C."),
("em","A 45-year-old man presents with severe upper abdominal pain radiating to his back and repeated vomiting after a night of heavy drinking."),
("em","A 58-year-old woman with lung cancer presents with new weakness in both legs and back pain."),
("em","A 27-year-old man presents with a painful erection that has lasted 5 hours."),
("em","A 66-year-old man presents with a fever of 38.9 C, a productive cough and a respiratory rate of 32 and he is confused."),
("em","A 4-year-old boy presents with a barking cough and noisy breathing at rest, and he is agitated."),
("em","A 39-year-old woman presents with severe eye pain, redness and blurred vision after a chemical splashed into her eye at work."),
("ne","A 30-year-old man presents with a tender lump at the edge of his anus for 3 days; it is painful to sit."),
("ne","A 72-year-old woman presents with a gradual decline in vision in both eyes over a year, worse at night."),
("ne","A 25-year-old woman presents with painful periods that have become heavier over 6 months."),
("ne","A 50-year-old man presents with a mole on his back that has changed shape and started to itch."),
("ne","A 8-year-old girl presents with ear pain and a temperature of 38.3 C since yesterday."),
("sc","A 36-year-old man presents with a mild cold: stuffy nose, slight cough, no fever, eating and sleeping well."),
("sc","A 22-year-old woman presents with a small blister on her heel from new shoes."),
("sc","A 44-year-old woman presents with mild bloating after eating beans; otherwise well."),
("sc","A 61-year-old man presents with occasional difficulty falling asleep after drinking coffee in the evening."),
("sc","A 29-year-old man presents with a stiff neck after sleeping in an awkward position; no fever, no headache."),
# a seventh probe, likewise triaged once before its rules (13/20 right, emergencies 6/10)
("em","A 52-year-old woman presents with chest tightness and shortness of breath on minimal exertion that began this morning; she looks grey and sweaty."),
("em","A 30-year-old man presents with a severe sore throat, muffled voice and inability to open his mouth fully; he is drooling."),
("em","A 76-year-old woman presents after a fall with a headache; she takes apixaban and is now drowsy."),
("em","A 2-year-old boy presents with sudden coughing and choking while eating peanuts, and now has wheezing on one side."),
("em","A 42-year-old woman presents with a rash of purple blotches, fever of 40 C and cold hands and feet."),
("em","A 63-year-old man presents with sudden tearing chest pain radiating through to his back."),
("em","A 25-year-old woman presents with severe lower abdominal pain, a positive pregnancy test and shoulder tip pain."),
("em","A 38-year-old man presents with confusion, a temperature of 41 C and hot dry skin after working outdoors in a heatwave."),
("em","A 19-year-old woman with type 1 diabetes is shaking, sweaty and confused and her sugar is 2.1 mmol/L."),
("em","A 55-year-old man presents with crushing central chest pain for 40 minutes."),
("ne","A 33-year-old woman presents with a burning pain in her upper stomach that is worse at night, for 3 weeks."),
("ne","A 47-year-old man presents with a swollen, tender testicle that has developed gradually over 4 days with burning urination."),
("ne","A 65-year-old woman presents with new headaches at her temples and pain in her jaw when chewing."),
("ne","A 20-year-old man presents with a painful ingrown toenail that is red at the edge."),
("ne","A 58-year-old man presents with a blood pressure of 162/98 at a pharmacy check; he has no symptoms."),
("sc","A 30-year-old woman presents with a mild sore throat for 2 days, no fever, no difficulty swallowing."),
("sc","A 41-year-old man presents with itchy feet with peeling skin between the toes."),
("sc","A 26-year-old man presents with a mild headache after a night of poor sleep; it improved after a nap."),
("sc","A 35-year-old woman presents with mild nausea in the first trimester of an uncomplicated pregnancy; she is keeping fluids down."),
("sc","A 12-year-old girl presents with a few warts on her fingers."),
# an eighth probe, likewise triaged once before its rules (11/20 right, emergencies 5/10)
("em","A 46-year-old man presents with vomiting blood after several days of heavy alcohol use; he is light-headed."),
("em","A 60-year-old woman presents with right-sided facial droop and difficulty finding words that began 30 minutes ago."),
("em","A 5-year-old girl presents with swelling around both eyes, wheeze and difficulty breathing after eating a cashew."),
("em","A 35-year-old man presents with sudden sharp chest pain on the left and breathlessness; he is tall and thin and smokes."),
("em","A 70-year-old woman presents with a temperature of 35.0 C, confusion and a heart rate of 118 two days after starting antibiotics for a urine infection."),
("em","A 23-year-old woman presents after deliberately cutting her forearms; she says she wants to die."),
("em","A 50-year-old man presents with a severe, constant pain in his lower abdomen and he has not passed urine for 12 hours."),
("em","A 6-week-old baby presents with a temperature of 38.0 C and irritability."),
("em","A 31-year-old woman, 36 weeks pregnant, presents with a headache, swelling of her face and hands and flashing lights in her vision."),
("em","A 40-year-old man presents after a fall from a ladder with severe neck pain and tingling in both arms."),
("ne","A 28-year-old woman presents with a painful, swollen lump in her armpit for 4 days."),
("ne","A 55-year-old man presents with episodes of his heart racing for a few minutes at a time over several weeks; he feels well between them."),
("ne","A 44-year-old woman presents with a red, painful eye with sensitivity to light for one day."),
("ne","A 67-year-old man presents with needing to urinate at night 4 times and a weak stream for 6 months."),
("ne","A 16-year-old boy presents with a painful swelling of his jaw below the ear and fever for 2 days."),
("sc","A 24-year-old man presents with a mild sprain of his wrist from a fall on grass; he can move it fully with little pain."),
("sc","A 37-year-old woman presents with mild hay fever symptoms in May."),
("sc","A 52-year-old man presents with a small itchy rash on his forearm after gardening, no swelling."),
("sc","A 18-year-old woman presents with period cramps on the first day of her period, as usual."),
("sc","A 43-year-old man presents with a dry cough for 4 days after a cold; he is well and has no fever."),
]


CHATS = [
    ("I have a cold with a runny nose and sneezing, no fever", {"self_care"}),
    ("it burns when I pee and I need to go all the time since 2 days", {"urgent", "routine"}),
    ("my 2 month old has a fever of 38.4", {"emergency"}),
    ("I want to end my life", {"emergency"}),
    ("my knee has been sore for 3 months when I run", {"routine", "urgent"}),
    ("my 4 month old has a temperature of 38.6 and is feeding poorly", {"urgent", "emergency"}),
    ("I'm 7 weeks pregnant and have severe pain low on one side of my belly", {"emergency"}),
    ("she has stopped taking her tablets and feels a bit low", {"routine", "urgent"}),
    ("he is unable to walk after twisting his knee", {"routine", "urgent"}),
    ("I have been feeling lethargic and tired for a few weeks", {"routine", "urgent"}),
    ("my dad has back pain and since this morning he cannot pass urine and is numb between his legs", {"emergency"}),
    ("sudden flashes and floaters and now a dark curtain over the vision in my left eye", {"emergency"}),
    ("my toddler swallowed a button battery an hour ago", {"emergency"}),
    ("I'm on chemotherapy and my temperature is 38.5", {"emergency"}),
    ("my son is drooling and cannot swallow his own saliva and makes a high pitched noise breathing", {"emergency"}),
    ("pain around my belly button that moved to the right lower quadrant, now with fever and vomiting", {"emergency"}),
    ("I'm 34 weeks pregnant with a severe headache and blurred vision", {"emergency"}),
    ("I have hay fever every spring, sneezing and itchy eyes", {"self_care"}),
    ("my period pain is the same as usual and eases with ibuprofen", {"self_care"}),
    ("no stridor, no drooling; a mild sore throat and a runny nose for two days", {"self_care"}),
    ("I took 2 paracetamol tablets for a headache and it has eased", {"self_care", "routine"}),
    ("my 3 year old is very sleepy after a long day at the beach", {"self_care", "routine", "urgent"}),
    ("my baby has had diarrhoea all day and no wet nappy since this morning", {"emergency"}),
    ("my new doctor confused me about the dose of my tablets", {"routine", "self_care", "urgent"}),
    ("my heart rate is 72 and I feel fine, I just want advice about my cholesterol", {"routine", "self_care"}),
    ("I was cycling at high speed and scraped my knee, it is a small graze and stopped bleeding", {"self_care", "routine"}),
    ("my pulse is 40 and I feel faint", {"emergency"}),
    ("I have a stiff neck and a fever and the light hurts my eyes", {"emergency"}),
    ("stiff neck since yesterday, and a temperature of 39", {"emergency"}),
    ("my feet are cold in the winter", {"routine", "self_care"}),
    ("I take warfarin and my INR check is due next week", {"routine", "self_care"}),
    ("my blood sugar is 120 before breakfast", {"routine", "self_care"}),
    ("I cut my finger while cooking, a small cut, and it stopped bleeding", {"self_care", "routine"}),
    ("my temperature is 36.5 C and I feel fine", {"self_care", "routine"}),
    ("I want to die", {"emergency"}),
    # a probe of patient messages, triaged once before their rules (10/20 right, emergencies 5/10)
    ("i cant stop shaking and my heart is pounding, i took way too many of my sleeping tablets", {"emergency"}),
    ("my dad is sweating buckets and says his chest feels like an elephant is sitting on it", {"emergency"}),
    ("my wife suddenly can't lift her left arm and her words are coming out jumbled", {"emergency"}),
    ("help my son ate some of grandma's pills we don't know how many", {"emergency"}),
    ("I'm 8 months pregnant and I'm bleeding a lot", {"emergency"}),
    ("my throat is closing up after I ate shrimp", {"emergency"}),
    ("my baby is 6 weeks old and feels really hot, 38.5", {"emergency"}),
    ("i feel like ending it all tonight", {"emergency"}),
    ("my husband collapsed and isn't breathing properly", {"emergency"}),
    ("blood is pouring out of a cut on my leg and won't stop even with pressure", {"emergency"}),
    ("I've had a sore ear for 3 days and now there's some yellow stuff coming out", {"urgent", "routine"}),
    ("it hurts when i pee and i have a fever and my back hurts on one side", {"urgent", "routine"}),
    ("i've had a rash on my arm for two weeks that keeps spreading", {"urgent", "routine"}),
    ("my ankle is really swollen after I twisted it and I can't put weight on it", {"urgent", "routine"}),
    ("I've been feeling down and not sleeping for a month", {"urgent", "routine"}),
    ("i have a bit of a cold, sniffles and a scratchy throat, no fever", {"self_care"}),
    ("got stung by a bee, just a little red bump where it stung, I'm fine otherwise", {"self_care"}),
    ("I bumped my knee on the table, it has a small bruise and I can walk fine", {"self_care"}),
    ("I have a mild headache from staring at my screen all day", {"self_care"}),
    ("my lips are chapped from the cold weather", {"self_care"}),
    ("my nose is not breathing well through the left side", {"routine", "self_care", "urgent"}),
    ("I'm not breathing as well as usual when I climb stairs", {"routine", "urgent"}),
    # a last mixed probe, triaged once before its rules (13/20 right, emergencies 3/10)
    ("A 64-year-old man presents with sudden onset of severe dizziness, vomiting and inability to walk straight; he has a history of hypertension.", {"emergency"}),
    ("A 29-year-old woman presents with a fever of 39.4 C, a new heart murmur and she injects drugs.", {"emergency"}),
    ("A 12-year-old boy with sickle cell disease presents with chest pain and a cough.", {"emergency"}),
    ("A 53-year-old woman presents with sudden painless loss of vision in one eye like a curtain coming down.", {"emergency"}),
    ("A 36-year-old man presents with a swollen, tense calf after a crush injury, with pain on moving his toes.", {"emergency"}),
    ("my grandad is really confused today and doesn't know where he is, he was fine yesterday", {"emergency"}),
    ("my 3 year old swallowed a coin and now keeps drooling and won't eat", {"emergency"}),
    ("I was bitten by a snake about an hour ago and my leg is swelling up", {"emergency"}),
    ("i've got the worst headache of my life, it came on like a thunderclap", {"emergency"}),
    ("my friend took some pills and drank vodka and we can't wake him", {"emergency"}),
    ("A 48-year-old woman presents with a lump in her neck that has grown over 2 months.", {"urgent", "routine"}),
    ("A 30-year-old man presents with a dog bite on his hand that broke the skin yesterday.", {"urgent", "routine"}),
    ("i've had diarrhoea for 10 days and i'm losing weight", {"urgent", "routine"}),
    ("my toddler has had a cough and fever of 38.5 for 3 days but is drinking", {"urgent", "routine"}),
    ("I think I have a chest infection, coughing green phlegm for a week, no breathing problems", {"urgent", "routine"}),
    ("A 27-year-old woman presents with a mild sore throat and hoarse voice after cheering at a concert.", {"self_care"}),
    ("A 40-year-old man presents with a mild, itchy, scaly patch of dandruff on his scalp.", {"self_care"}),
    ("i have a little cold sore on my lip starting", {"self_care"}),
    ("I have mild hiccups that keep coming back after fizzy drinks", {"self_care"}),
    ("my 7 year old has a loose baby tooth that is wobbly, no pain", {"self_care"}),
]


@pytest.mark.parametrize("level, text", VIGNETTES)
def test_vignette_disposition(level, text):
    assert TriageEngine().assess(text).disposition in WANT[level]


@pytest.mark.parametrize("text, allowed", CHATS)
def test_patient_chat_disposition(text, allowed):
    assert TriageEngine().assess(text).disposition in allowed


def test_vitals_raise_the_disposition():
    calm = "I feel a bit tired"
    assert TriageEngine().assess(calm).disposition in ("routine", "self_care")
    sick = dict(rr=26, spo2=90, o2="air", sbp=88, hr=125, consciousness="A", temp=39.4)
    out = TriageEngine().assess(calm, vitals=sick)
    assert out.disposition == "emergency" and out.scores["news2"] >= 7 and out.scores["qsofa"] >= 2


def test_emergency_is_never_downgraded_by_the_model():
    from assistant.llm.fake import FakeChatBackend
    from assistant.llm.types import BackendProfile

    strong = FakeChatBackend(["self_care"] * 3, profile=BackendProfile(strong_reasoning=True))
    out = TriageEngine().assess("crushing chest pain radiating to my jaw", backend=strong)
    assert out.disposition == "emergency"
    out = TriageEngine().assess("mild sore throat, otherwise well, normal temperature", backend=FakeChatBackend(
        ["emergency"], profile=BackendProfile(strong_reasoning=True)))
    assert out.disposition == "emergency"  # a strong model may raise urgency


def test_invalid_vitals_are_reported_not_fatal():
    out = TriageEngine().assess("I feel unwell", vitals={"rr": 900, "spo2": 97, "sbp": 120, "hr": 80, "temp": 37})
    assert "vital signs not used: respiratory rate 900 breaths/min is not possible: expected 0-80" in out.reasons
    assert "news2" not in out.scores and "qsofa" not in out.scores
    # the text is still triaged: impossible vitals never hide an emergency
    out = TriageEngine().assess("crushing chest pain radiating to my jaw", vitals={"hr": 900})
    assert out.disposition == "emergency" and any("vital signs not used" in r for r in out.reasons)


def test_partial_vitals_say_what_news2_lacks_and_qsofa_still_counts():
    out = TriageEngine().assess("I feel unwell", vitals={"hr": 90, "rr": 24, "sbp": 95})
    assert "NEWS2 not computed: no SpO2, temperature given" in out.reasons
    assert "news2" not in out.scores and out.scores["qsofa"] == 2 and out.disposition == "emergency"


def test_unstated_oxygen_and_consciousness_are_assumed_and_said():
    vitals = {"rr": 16, "spo2": 97, "sbp": 125, "hr": 72, "temp": 36.8}
    out = TriageEngine().assess("I feel a bit tired", vitals=vitals)
    assert out.scores["news2"] == 0 and "NEWS2 assumes breathing air and alert (not given)" in out.reasons
    stated = TriageEngine().assess("I feel a bit tired", vitals={**vitals, "o2": "oxygen", "consciousness": "A"})
    assert stated.scores["news2"] == 2 and not any("assumes" in r for r in stated.reasons)


@pytest.mark.parametrize("vitals, message", [('{hr: 90', "--vitals: vital signs are not valid JSON"),
                                             ('[90]', "must be an object")])
def test_triage_cli_refuses_vitals_that_are_not_a_json_object(vitals, message):
    from tests.conftest import run_cli

    p = run_cli("triage", "I feel unwell", "--vitals", vitals, "--json")
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr and not p.stdout
    assert len(p.stderr.strip().splitlines()) == 1


def test_triage_cli_sets_impossible_vitals_aside_and_still_escalates():
    from tests.conftest import run_cli

    p = run_cli("triage", "crushing chest pain radiating to my jaw", "--vitals", '{"hr": 900, "heart": 1}', "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["disposition"] == "emergency"
    assert any(r.startswith("vital signs not used: unknown vital signs ['heart']") for r in out["reasons"])
