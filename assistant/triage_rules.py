"""Clinical feature tables for triage: what in a case description raises or lowers urgency.

Every pattern is matched on lower-cased text and ignored when negated ("no neck stiffness").
"""

from __future__ import annotations

# Danger signs: any one, stated and not negated, means emergency care now.
EMERGENCY = {
    "altered mental status": r"altered mental status|(doesn'?t|does not|didn'?t) know where (he|she|they) (is|are|was)|disorientated|confused today|(was|were) fine yesterday[\w\s,;.-]{0,40}confus\w*|(sudden(ly)?|acute(ly)?) (very |more |become |became |becoming |got |gotten )*confus\w+|new (onset )?confusion|hallucinat\w+|seeing (things|people) (that|who) (are not|aren'?t|were not|weren'?t) there|keeps asking the same (questions?|thing)|(cannot|can'?t) remember (what happened|the accident|the injury)|acutely (disoriented|confused)|disorient\w*|somnolen\w*|obtunded|asterixis|unresponsive|new confusion|(is|became|becoming|seems?) confused",
    "respiratory distress": r"respiratory distress|ribs? (are |is )?sucking in|(chest|ribs?)[\w\s]{0,20}sucks? in|intercostal recession|subcostal recession|retractions|\bgrunting|nasal flaring|head bobbing|(severe|worsening|progressive\w*|increasing) (worsening of )?(shortness of breath|dyspnea|breathlessness)|progressive worsening of shortness of breath|difficulty breathing at rest|short of breath at rest|accessory muscle|unable to (complete|speak in full) sentences|(can|could) (only )?(speak|say|talk in) (only )?(a few|few|single|one or two|two or three) words|(wheez\w*|breathless\w*|short of breath)[\w\s,;-]{0,60}despite (using |taking )?(her |his |my |their )?(inhaler|nebuli\w+|albuterol|salbutamol)|cyanosis|hypoxi\w*|oxygen saturation (of )?(8\d|7\d)",
    "no relief from rescue treatment": r"(did not|didn'?t|no|without) (receive )?(significant )?relief from (her |his |the |their )?(rescue )?(inhaler|nebuli\w+|albuterol)",
    "acute abdomen": r"tense abdomen|abdomen is tense|rigid abdomen|guarding|rebound|no bowel sounds|absent bowel sounds|peritoni\w+",
    "looks seriously ill": r"appears (ill|toxic|very ill|unwell)|ill[- ]appearing|toxic[- ]appearing|looks (very )?(ill|unwell)",
    "liver failure signs": r"scleral icterus[\w\s,]{0,80}(confus|disorient|somnol|asterixis)|inr (of )?([3-9]|\d\d)",
    "acute chest pain": r"(crushing|squeezing|substernal|pressure-like|radiat\w+)[\w\s,]{0,40}chest|chest (pain|pressure|tightness|discomfort)[\w\s,]{0,80}(radiat\w+|diaphore\w+|sweat\w*|arm|jaw|exertion)|pleuritic chest pain|chest pain[\w\s,]{0,40}(short(ness)? of breath|dyspnea)",
    "focal neurology": r"(sudden\w*|abrupt\w*)[\w\s,;-]{0,30}(loss of speech|unable to (speak|talk)|(cannot|can'?t) (speak|talk)|trouble speaking|weakness|numbness|paralysis|inability to move)|(inability|unable) to move (his|her|my|their|the) (right|left) (hand|arm|leg|side|foot)|loss of speech|(facial|face) droop|slurred speech|aphasia|hemipar\w+|hemipleg\w+|(unilateral|one-sided|left-sided|right-sided) (weakness|numbness)|weakness (of|in) the (left|right) (arm|leg|side)|sudden(ly)? (onset of )?(severe headache|vision loss)|worst headache",
    "meningism": r"(neck stiffness|stiff neck)(?![\w\s,]{0,40}(after sleeping|slept|awkward|pillow|after (the )?gym|after gardening|whiplash))|nuchal rigidity|photophobia[\w\s,]{0,40}fever|kernig|brudzinski|petechia\w*|purpur\w*|non-?blanching",
    "haemodynamic instability": r"hypotensi\w+|\bshock\b|(blood pressure|\bbp\b) (of |is |was )?([4-8]\d)/|systolic (blood pressure )?(of |is |was )?([4-8]\d)\b|cold,? clammy|pale (and|,) (sweaty|clammy)|mottl\w+",
    "haemoptysis or haematemesis": r"hemoptysis|haemoptysis|hematemesis|vomiting blood|melena|melaena|cough\w* up[\w\s,]{0,40}blood|spitting up[\w\s,]{0,20}blood",
    "leg swelling with calf pain": r"(swollen|swelling)[\w\s,]{0,40}(calf|leg)[\w\s,]{0,60}(pain|tender)|(calf|leg) (pain|tenderness)[\w\s,]{0,60}swell\w*|unilateral (leg|calf) swelling",
    "fever after tropical travel": r"(travel\w*|returned|trip)[\w\s,]{0,80}(africa|asia|india|tropic\w*|malaria|endemic)[\w\s,]{0,120}fever|fever[\w\s,]{0,120}(travel\w*|returned)[\w\s,]{0,60}(africa|asia|india|tropic\w*)",
    "tick-borne fever with rash": r"tick[\w\s,]{0,120}(fever|rash)[\w\s,]{0,80}(rash|fever)[\w\s,]{0,80}(palm|sole|wrist|ankle|petech)",
    "bloody diarrhoea with low urine": r"(bloody|blood in)[\w\s,]{0,40}(diarrh\w+|stool)[\w\s,]{0,160}(decreased|reduced|little|no|low) urin\w*|(pale|pallor)[\w\s,]{0,60}(decreased|reduced|little) urin\w*",
    "prolonged fever in a child with mucocutaneous signs": r"fever (for|of) ([5-9]|five|six|seven) days[\w\s,]{0,200}(conjunctiv|strawberry|cracked lips|rash|swollen hands)",
    "diabetic emergency": r"ketoacidosis|\bdka\b|fruity breath|kussmaul",
    "exacerbation of chronic lung disease": r"(copd|emphysema)[\w\s,]{0,120}(worsen\w*|increas\w*) (shortness of breath|dyspnea|breathlessness)",
    "seizure": r"seizure|convuls\w+",
    "syncope": r"syncope|syncopal|passed out|lost consciousness|loss of consciousness",
    "heavy bleeding": r"(heavy|profuse|uncontrolled) (vaginal |rectal )?bleeding|(after (giving birth|delivery|childbirth)|postpartum|post-partum)[\w\s,;-]{0,60}bleed\w*|bleed\w*[\w\s,;-]{0,40}(after (giving birth|delivery|childbirth)|postpartum)|hemorrhag\w+|haemorrhag\w+",
    "suicidality": r"suicid\w*|kill (himself|herself|myself)|overdose",
    "possible overdose": r"(swallow\w*|took|taken|ingest\w*)[\w\s,'-]{0,40}(an unknown (number|amount)|a lot|lots|many|the rest|a bottle|a packet|a box) of[\w\s,'-]{0,30}(pills|tablets|capsules|medication|medicine|antidepressants?|sleeping pills|painkillers)|(took|taken|swallowed|ingested)[\w\s,-]{0,15}\b([1-9]\d+|dozens|a handful|handfuls|the (whole|entire) (bottle|packet|box|pack))\b[\w\s,-]{0,25}(tablets|pills|capsules|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin)",
    "allergic reaction with breathing or circulation signs": r"(wheez\w*|difficulty breathing|trouble breathing|short(ness)? of breath|swelling (around|of) (the |his |her |both )?(eyes|lips|face))[\w\s,;.-]{0,80}after (eating|a sting|being stung|a bee|a wasp|taking)|(sting|stung|bitten|\bate\b|eating|allerg\w*|new (medicine|medication|drug))[\w\s,;-]{0,80}(hives|swelling|rash)[\w\s,;-]{0,60}(noisy breathing|wheez\w*|stridor|breath\w*|faint\w*|dizz\w*|collaps\w*)|(hives|urticaria)[\w\s,;.-]{0,80}(wheez\w*|faint\w*|dizz\w*|short(ness)? of breath|breathless\w*|throat|collaps\w*)|(wheez\w*|short(ness)? of breath|faint\w*)[\w\s,;.-]{0,80}(hives|urticaria)",
    "sudden severe back pain with faintness": r"sudden(ly)?( onset of)? severe (back|abdominal|belly|flank) pain[\w\s,;-]{0,60}(faint\w*|dizz\w*|collaps\w*|pale|sweat\w*)",
    "anaphylaxis": r"anaphyla\w+|(lip|tongue|throat|facial) (swelling|angioedema)|angioedema|swelling of (the |his |her |my |their )?(tongue|lips?|throat|face)|(throat|tongue) (feels |is )?(tight|closing|swollen)",
    "chest pain with warning features": r"(pain|pressure|tightness|discomfort|heaviness) in (the )?(centre |center |middle )?(of )?(my |his |her |their |the )?chest[\w\s,]{0,80}(sweat\w*|diaphore\w+|nause\w+|vomit\w*|short(ness)? of breath|breathless\w*|\barm\b|jaw|neck|faint\w*|dizz\w*|exertion)",
    "penetrating or major injury": r"\bstabbed|stab wound|gunshot|\bshot (in|through)|impaled|open fracture|bone (is )?(sticking out|visible|protruding)|(car|motorcycle|motorbike|bike|bicycle|road traffic|traffic|vehicle) (crash|accident|collision)|high[- ]speed (crash|collision|accident|impact)|hit by a (car|vehicle|truck|bus)|(fell|fall|fallen) (down|from|off) (the |a )?(stairs|ladder|roof|height|balcony|horse|scaffold\w*)",
    "possible hip or long-bone fracture": r"(leg|limb) (is |was |looks )?shortened|shortened and (externally |outwardly )?rotated|(fell|fall|fallen)[\w\s,;]{0,80}(cannot|can'?t|unable to) (move (the |his |her |their )?(leg|hip)|bear weight|stand)",
    "possible aortic dissection": r"(tearing|ripping)[\w\s,-]{0,40}(pain|chest|back|shoulder blades)|pain[\w\s,-]{0,30}(tearing|ripping)|(blood pressure|\bbp\b|pulses?)[\w\s,;-]{0,40}(differ\w*|unequal|different)[\w\s,-]{0,20}(between|in) (the |his |her |both )?arms|aortic dissection",
    "pregnancy with severe pain or fainting": r"pregnan\w*[\w\s,;-]{0,80}(severe[\w\s-]{0,30}(abdominal|pelvic|belly|stomach|lower|one-sided)[\w\s-]{0,20}pain|one-sided (lower )?(abdominal |pelvic )?pain|faint\w*|shoulder[- ]tip pain|vaginal bleeding)|ectopic",
    "possible appendicitis or surgical abdomen": r"(right lower quadrant|\brlq\b|mcburney)[\w\s,;-]{0,80}(fever|vomit\w*|rebound|guarding|worse (with|on) (movement|walking|coughing))|(fever|vomit\w*)[\w\s,;-]{0,80}(right lower quadrant|\brlq\b)",
    "possible bowel obstruction": r"(not|unable to|hasn'?t|has not|haven'?t|have not) (passed|passing|pass) (gas|wind|stool|a bowel movement)[\w\s,;-]{0,80}(vomit\w*|distend\w*|bloat\w*)|(vomit\w*|distend\w*)[\w\s,;-]{0,80}(not|unable to|hasn'?t|has not) (passed|passing|pass) (gas|wind|stool)|feculent vomit\w*",
    "back pain with nerve compression signs": r"saddle (numbness|anaesthesia|anesthesia)|(loss of|lost) (bladder|bowel) control|(urinary|urine) (retention|incontinence)[\w\s,;-]{0,60}(back pain|leg weakness|numb)|back pain[\w\s,;-]{0,80}(urinary (retention|incontinence)|(unable to|cannot|can'?t) (pass urine|urinate)|bilateral leg (weakness|numbness))",
    "urgent eye problem": r"(flash\w* (of light )?and floaters|floaters and flash\w*|curtain|shadow) [\w\s,;-]{0,40}(vision|eye|sight)|(curtain|shadow) (over|across) (the |his |her |my )?(vision|eye)|(painful|severe pain in (the|his|her|my)) (red )?eye[\w\s,;-]{0,80}(halos?|blurr\w+ vision|vomit\w*|nause\w+)|chemical (splash|burn) (to|in) (the |his |her |my )?eyes?",
    "airway danger": r"\bstridor|muffled voice|hot potato voice|trismus|(inability|unable) to open (his|her|my|their) mouth|(sore throat|tonsil\w*)[\w\s,;.-]{0,80}drool\w*|drool\w*[\w\s,;.-]{0,80}(sore throat|fever)|\bchok(ing|ed|es)\b|inhaled (a |an )?(peanut|nut|toy|coin|bead|object|foreign body)|foreign body in (the |his |her |my )?(airway|throat|lung)|drool\w*[\w\s,;-]{0,40}(unable|cannot|can'?t|difficulty|trouble) (to )?swallow|(unable|cannot|can'?t) swallow (his|her|their|my) (own )?saliva",
    "infant or child warning signs": r"currant jelly|projectile vomit\w*|\bfloppy|difficult to (wake|rouse)|bulging fontanel\w*|sunken fontanel\w*|no wet (diapers|nappies)",
    "fever in someone at risk": r"(chemotherapy|neutropeni\w+|sickle cell|splenectomy|transplant\w*|immunosuppress\w+)[\w\s,;-]{0,100}(fever|febrile|temperature (of |is |was )?(3[89]|10[0-9]))",
    "pregnancy with high blood pressure signs": r"pregnan\w*[\w\s,;-]{0,100}(severe headache|visual (disturbance|changes)|blurr\w+ vision|seeing spots|seizure|(blood pressure|bp) (of |is )?(1[4-9]\d|2\d\d)/)",
    "severely high blood pressure": r"(blood pressure|\bbp\b) (of |is |was )?(1[89]\d|2\d\d)/(1[2-9]\d)",
    "unable to pass urine": r"(unable to|cannot|can'?t|has not been able to) (pass urine|urinate|pee)|(has not|hasn'?t|have not|haven'?t|not) (passed|peed) (any )?urine|no urine (for|since) ",
    "low body temperature": r"(temperature|temp) (of |is |was )?(2\d|3[0-5])(\.\d)?\s*°?\s*c\b|hypotherm\w+",
    "neck or back injury with nerve symptoms": r"(neck|back|spine|spinal) (pain|injury)[\w\s,;.-]{0,60}(tingling|numbness|weakness|pins and needles) (in|of) (both|his|her|my|their) (arms|legs|hands|feet)",
    "swallowed something dangerous": r"(swallowed|ingested|drank|ate)[\w\s,;-]{0,30}(button batter\w*|magnets?|bleach|drain cleaner|antifreeze|lye|caustic|rat poison|pesticide|weed ?killer)|carbon monoxide",
    "pain out of proportion": r"pain (that is )?out of proportion",
    "sudden severe abdominal pain or pulsatile mass": r"sudden(ly)?( onset of)? severe (abdominal|belly|stomach|tummy) pain|pulsatile (abdominal )?mass",
    "fever with rigors and a urinary or abdominal source": r"(rigors|shaking chills)[\w\s,;.°-]{0,80}(flank|loin|vomit\w*)|(flank|loin)[\w\s,;.°-]{0,100}(rigors|shaking chills)",
    "serious burn or electrical injury": r"electrocut\w*|electrical (burn|injury|shock)|burns? (to|on) (the |his |her |my )?(face|airway|genitals)|burn\w*[\w\s,-]{0,30}(larger|bigger) than (a |the |his |her |my )?(hand|palm)|smoke inhalation",
    "near drowning": r"near[- ]drown\w*|nearly drowned|pulled (out )?(from|of) the (water|pool|sea|lake)",
    "very low or very high blood sugar with symptoms": r"(sugar|glucose|\bbm\b) (level )?(of |is |was |reads )?([1-3](\.\d)?\s*(mmol|\b)|[2-5]\d\s*mg)|(sugar|glucose)[\w\s,]{0,20}(very )?low[\w\s,;-]{0,60}(confus\w*|drows\w*|sweat\w*|shak\w*)",
    "heart rhythm problem with symptoms": r"(fast|racing|irregular|pounding|fluttering)[\w\s,]{0,20}(heartbeat|heart ?rate|pulse|palpitations)[\w\s,;.-]{0,80}(chest|faint\w*|dizz\w*|light-?headed\w*|breath\w*|collaps\w*)|(heart rate|pulse)( rate)? (is |of |was )?(1[5-9]\d|2\d\d|[2-3]\d|4[0-4])\b",
    "reduced baby movements in pregnancy": r"(baby|fetal|foetal|fetus|foetus)( is|'s)? (moving|movements?|kicks?|kicking)[\w\s,]{0,25}(less|reduced|decreased|stopped|not|slower|fewer)|(reduced|decreased|fewer|no) (fetal|foetal|baby) movements?",
    "possible testicular torsion": r"(sudden\w*|severe)[\w\s,]{0,40}(testic\w+|testes|scrot\w+)|(testic\w+|testes|scrot\w+)[\w\s,]{0,40}(sudden\w*|severe)",
    "arterial or uncontrolled bleeding": r"spurt\w*|pulsing blood|(bleeding|blood)[\w\s,]{0,20}(won'?t|will not|does not|doesn'?t) stop|deep (cut|wound|laceration)[\w\s,]{0,40}(bleed\w*|gaping)",
    "infected or dying tissue": r"(wound|foot|toe|ulcer|leg)[\w\s,;-]{0,60}(turned black|gone black|is black|gangren\w*|smells? (bad|foul)|foul[- ]smelling)|gangren\w*|crepitus",
    "repeated vomiting with dehydration": r"(cannot|can'?t|unable to|not able to) keep (any |anything |fluids |water |liquids )?(fluids |water |liquids |anything )?down[\w\s,;.-]{0,80}(dizz\w*|faint\w*|light-?headed|confus\w*|little urine|no urine)|(dizz\w*|faint\w*|light-?headed)[\w\s,;.-]{0,80}(cannot|can'?t|unable to) keep (any )?(fluids|water|anything) down",
    "pain with heavy sweating (possible heart attack)": r"(chest|epigastric|upper abdominal|upper stomach|jaw|arm|shoulder) (pain|discomfort|pressure|tightness)[\w\s,;.-]{0,100}(sweating (profusely|heavily|a lot)|profuse\w* sweat\w*|diaphore\w+|drenched in sweat|clammy)|(sweating (profusely|heavily)|diaphore\w+|clammy)[\w\s,;.-]{0,80}(chest|epigastric|upper abdominal) (pain|discomfort|pressure)",
    "sudden severe headache": r"severe headache[\w\s,;.-]{0,80}(abrupt\w*|sudden\w*|instant\w*|during (sex|intercourse|exertion|straining))|(abrupt\w*|sudden\w*|instant\w*)[\w\s,;-]{0,30}severe headache|headache[\w\s,;-]{0,60}(began|started|came on|begun) (abruptly|suddenly|instantly|during sex)",
    "high blood sugar with illness": r"(glucose|sugar|meter)[\w\s,]{0,20}(reads |says |shows |is |of )?(high\b|hi\b|[4-9]\d\d\b)|diabet\w*[\w\s,;.-]{0,120}(breathing (deeply|deep|fast|hard)|deep breathing|ketones)",
    "green or bloody vomiting": r"vomit\w* (green|bile|bilious|dark green)|(green|bilious) vomit\w*",
    "cold, pale or pulseless limb": r"(pale|cold|white|blue|pulseless|mottled),? (and )?(pale |cold |white |painful )*(left |right )?(leg|arm|foot|hand)\b[\w\s,;.-]{0,60}(sudden\w*|numb\w*|(cannot|can'?t) (feel|move))|(cannot|can'?t) feel (his|her|my|their) (foot|leg|hand|arm)|(leg|arm|foot|hand) (is |turned |became |has gone )?(cold and pale|pale and cold|white|pulseless)",
    "weakness of both legs": r"weakness (in|of) both legs|both legs (are |became |feel )?(weak|numb)|bilateral leg (weakness|numbness)|(cannot|can'?t|unable to) (move|feel) (both|either of|his|her|my) legs",
    "priapism": r"priapism|(painful )?erection (that )?(has )?(last\w*|persist\w*) (for )?(\d+|several|many|a few) hours",
    "noisy breathing at rest (croup or obstruction)": r"noisy breathing (at rest|when resting|while resting|even at rest)|barking cough[\w\s,;-]{0,60}(noisy breathing|stridor|at rest|struggling)",
    "chemical in the eye": r"chemical\w*[\w\s,]{0,30}(splash\w*|got|went|sprayed) (into|in) (the|his|her|my|their) eyes?|(splash\w*|sprayed)[\w\s,]{0,20}(chemical|bleach|acid|alkali|lye|cleaner) (into|in) (the|his|her|my|their) eyes?",
    "sudden severe dizziness with a brain sign": r"sudden\w*[\w\s,]{0,30}(severe )?(dizziness|vertigo)[\w\s,;.-]{0,80}(unable to (walk|stand)|(can'?t|cannot) (walk|stand)|inability to (walk|stand)|double vision|slurred|vomit\w*)",
    "fever with heart or injecting risk": r"(fever|febrile|temperature)[\w\s,;.°-]{0,100}(new (heart )?murmur|inject\w* (drugs|heroin)|iv drug)|(inject\w* (drugs|heroin)|iv drug use\w*)[\w\s,;.-]{0,100}(fever|febrile|temperature)",
    "sickle cell crisis signs": r"sickle cell[\w\s,;.-]{0,100}(chest pain|breath\w*|priapism|severe pain|stroke|weakness)",
    "sudden loss of vision": r"sudden\w*[\w\s,]{0,20}loss of (vision|sight)|curtain (coming )?(down|over|across)|(lost|losing) (the )?(vision|sight) in (one|his|her|my|their|the (left|right)) eye",
    "venomous bite": r"snake ?bite|bitten by a snake|(snake|adder|viper|rattlesnake) bit|scorpion sting|(spider|jellyfish) (bite|sting)[\w\s,;.-]{0,60}(spreading|swelling|breath\w*|cramps?|sweat\w*)",
    "swallowed object with symptoms": r"swallowed[\w\s,]{0,30}(coin|battery|magnet|object|toy|bone|pin)[\w\s,;.-]{0,60}(drool\w*|won'?t eat|(can'?t|cannot) swallow|pain|vomit\w*|chok\w*|cough\w*)",
    "very high fever": r"(temperature|fever) (of |to )?(10[4-9](\.\d)?\s*°?\s*f|4[0-2](\.\d)?\s*°?\s*c)",
}

_ENDEMIC = (r"africa|nigeria|ghana|kenya|uganda|tanzania|congo|cameroon|mali|senegal|ethiopia|mozambique|malawi|zambia|"
            r"sudan|liberia|sierra leone|guinea|burkina|ivory coast|c[oô]te d'ivoire|haiti|papua|india|pakistan|"
            r"bangladesh|indonesia|thailand|cambodia|vietnam|myanmar|laos|brazil|peru|colombia|venezuela|amazon|"
            r"tropic\w*|malaria")

# Combinations: every "all" pattern present (not negated) and no "none" pattern present means emergency.
EMERGENCY_ALL = {
    "fever after travel to a malaria area": {"all": [r"travel\w*|returned|trip|visit\w*|came back", r"fever|febrile|chills",
                                                     _ENDEMIC], "none": []},
    "tick-borne fever with spreading rash": {"all": [r"\btick", r"fever|febrile", r"palm|sole|wrist|ankle|petechi\w*"],
                                            "none": []},
    "head injury on blood thinners": {"all": [r"\bfell\b|\bfall\b|fallen|hit (his|her|my|their) head|head injury|blow to the head|banged (his|her|my|their) head",
                                               r"\bhead",
                                               r"apixaban|eliquis|warfarin|coumadin|rivaroxaban|xarelto|dabigatran|pradaxa|edoxaban|anticoagula\w+|blood thinners?"],
                                       "none": []},
    "a young child breathing fast with fever": {"all": [r"\b(baby|infant|toddler|\d+[- ]?(month|week)s?[- ]old)", r"breathing (very )?(fast|quickly|rapidly)|rapid breathing", r"fever|temperature|febrile"], "none": []},
    "a child with dehydration or drowsiness": {"all": [r"\b(baby|infant|toddler|child|\d+[- ]?(month|week)s?[- ]old|\d+[- ]?years?[- ]old (boy|girl)|(boy|girl)\b)",
                                                       r"(not|no|hasn'?t|has not)( had| passed)? (a )?wet (nappy|nappies|diapers?)|no (urine|pee) (for|since)|very (sleepy|drowsy)|hard to wake|(won'?t|will not|not) wake|sunken eyes|no tears",
                                                       r"vomit\w*|diarrh\w*|fever|temperature|unwell|\bsick|\bill\b|not (drinking|feeding|eating)"],
                                               "none": []},
    "painful swollen leg (possible clot)": {"all": [r"\bcalf|\bleg\b", r"swollen|swelling", r"pain\w*|tender\w*"],
                                           "none": [r"cellulitis|spreading|redness|red,? warm|erythema|bite|sting|sprain|"
                                                    r"twist\w*|ankle"]},
}

# Signs that need a clinician within a day or so (non-emergent care).
URGENT = {
    "current fever": (1, r"\bfebrile\b|fever|temperature (of |to |is |was )?(10[0-3]|3[89])|\bpyrexi\w+"),
    "infection needing examination or antibiotics": (2, r"exudat\w+|bulging[\w\s,]{0,20}(tympanic|ear)|tympanic membrane[\w\s,]{0,30}(red|erythem|bulg)|ear pain|otalgia|positive for (group a )?strep|rapid (antigen|strep) test is positive|centor|tonsillar|dysuria|burning (on|with|when) (urinat\w+|passing urine|peeing)|(pain|stinging) (on|when) (passing urine|urinat\w+|peeing)|urinary frequency|(urinat\w+|pee\w*|passing urine) (more )?(often|frequently)|need\w* to (urinate|pee|pass urine) (often|frequently|all the time)|flank pain|pyuri\w+|cellulitis|spreading redness|(swollen|painful|tender|warm),? (and )?(swollen |painful |tender )?red (area|patch|skin|streak)|red (area|patch|streak)[\w\s,]{0,30}(swollen|painful|tender|warm|spreading)|red,? (warm|hot)[\w\s,]{0,30}(swollen|tender)|abscess|purulent"),
    "rash needing assessment": (2, r"(vesicular|dermatomal|band-like|blister\w*)[\w\s,]{0,40}rash|rash[\w\s,]{0,40}(vesic\w+|dermatom\w+|blister\w*|band)|erythema migrans|bull'?s[- ]eye|target lesion"),
    "joint or limb problem": (2, r"(swollen|hot|red)[\w\s,]{0,20}(joint|toe|knee|ankle)|(joint|toe|knee|ankle)[\w\s,]{0,20}(swollen|hot|red)|unable to bear weight"),
    "lymph or systemic signs": (1, r"(tender|enlarged|swollen) (anterior )?(cervical )?lymph\w*|lymphadenopath\w+|splenomegaly|fatigue for (weeks|several weeks)"),
    "persistent or worsening": (1, r"for (more than |over )?([2-9]|two|three|four|several) (weeks|months)|worsening|getting worse|not improving"),
    "moderate pain": (1, r"(moderate|significant|severe) pain|painful|tender(ness)?\b"),
    "vertigo or neuro symptom": (1, r"vertigo|room spinning|numbness|tingling"),
    "gastrointestinal bleeding or weight loss": (2, r"blood in (the )?stool|weight loss|black stool|lost \d+(\.\d)? ?(kg|kilos?|kilograms|pounds|lbs?)\b|losing weight"),
    "poor feeding in a baby": (2, r"(feeding|feeds|eating|drinking) poorly|poor feeding|(not|won'?t|refus\w+ to) (feed|feeding|drink)\w*|fewer wet nappies|fewer wet diapers"),
}

# Reassuring findings that favour self-care. Self-care also needs one that names a minor complaint or its course
# (not only the absence of fever or normal findings, which leave a painless sore or colicky pain unexplained).
SELF_CARE = {
    "normal vital signs": (2, r"normal vital signs|vital signs (are|were) normal|vitals (are )?normal|hemodynamically stable"),
    "afebrile": (2, r"\bafebrile\b|no fever|fevers?[\w\s]{0,30}(have )?(now )?resolved"),
    "normal examination": (2, r"full range of (motion|movement)|normal (physical )?exam\w*|examination is (otherwise )?normal|not in (respiratory )?distress|well[- ]appearing|appears well"),
    "mild, self-limiting symptoms": (1, r"\bmild(ly)?\b|runny nose|rhinorrh\w+|nasal congestion|(blocked|stuffy) nose|sneez\w+|common cold|watery discharge|itchy|productive cough|sore throat|minor|occasional"),
    "likely viral, contagious illness": (1, r"\bviral\b|recent (upper respiratory|cold|uri)\w*|after a (cold|viral illness|chest infection)|upper respiratory symptoms|"
                                            r"sick contacts|(children|classmates|coworkers|others|family members)[\w\s]{0,30}"
                                            r"(had|have|with) (pink eye|colds?|the same|similar)"),
    "sore muscles after exercise": (2, r"(sore|aching|achy|stiff) muscles[\w\s,]{0,40}(after|since|from) (exercise|a workout|working out|the gym|(his|her|my|their) (first )?(gym|exercise|workout)|running|a run|training)|(day|days) after (his|her|my|their|a) (first )?(gym|exercise|workout)|(doms|delayed onset muscle soreness)"),
    "common minor complaint": (2, r"heartburn|indigestion|tension[- ]type headache|tension headache|band-like headache|(back|neck|shoulder) (pain|ache|strain|stiffness)[\w\s,]{0,30}after (lifting|gardening|painting|moving|carrying|exercise|sleeping)|small (paper )?(cut|scrape|graze|bruise|burn)|paper cut|minor (cut|scrape|graze|burn)|(rolled|twisted|sprained) (my |his |her |their )?ankle|(mosquito|insect) bites?|sunburn|cold sore|hiccups|sniffles|hoarse (voice )?after (cheering|shouting|singing|yelling)|lost (my|his|her|their) voice after|(loose|wobbly) (baby|milk) tooth|scratchy throat|(a )?(bit of a|little|slight|mild) cold\b|chapped|(from|after) (staring at|looking at|working at) (a |my |the |his |her )?(screen|computer|laptop)|(mild|minor) sprain|small (itchy )?rash|period cramps|warts?\b|verruca\w*|peeling skin between (the |his |her |my )?toes|itchy feet|(mild )?(nausea|morning sickness)[\w\s,]{0,40}(first trimester|early pregnancy)|pimples|\bzits\b|whiteheads|blackheads|common cold|chest cold|hay fever|seasonal allerg\w+|allergic rhinitis|dandruff|athlete'?s foot|\bacne\b|splinter|bruise|(muscle|back|neck) strain|pulled (a )?muscle|motion sickness|jet lag|hangover|head lice|menstrual cramps|period pain|constipation|canker sore|mouth ulcer|dry,? (and )?itchy skin|dry skin|mild eczema|nosebleed[\w\s,]{0,30}stopped|blister from|blister\w*[\w\s,]{0,30}(new shoes|shoes|boots|walking|hiking)|(difficulty|trouble) (falling |getting to )?a?sleep|(stiff|sore) neck[\w\s,]{0,30}(after sleeping|slept|awkward|pillow)|bloating after (eating|meals)|(sore throat|cough)[\w\s,]{0,20}(and|with) (a )?(runny|blocked|stuffy) nose|(runny|blocked|stuffy) nose[\w\s,]{0,20}(and|with) (a )?(mild )?(sore throat|cough)"),
    "settled or coping": (1, r"(fine|well|ok|okay) otherwise|otherwise (fine|ok|okay)|as usual|(can )?move\w* it fully|with little pain|(he|she) is (otherwise )?well|feels (otherwise )?well|(improved|better|eased|settled) after (a |an )?(nap|rest|sleep|meal|drink)|keeping (fluids|food|water|drinks) down|relieved by (rest|sleep|ibuprofen|paracetamol|acetaminophen|antacids?|over-the-counter)|stopped bleeding|(it |has |had )settled|same as (usual|always|before|every|he gets|she gets|i get)|otherwise well|eases (when|with|after|on)|(eases|eased|improved|improves|better|resolved|settled) (with|after) (rest|sleep|ibuprofen|paracetamol|acetaminophen|antacids?|over-the-counter)|(bleeding|it) (has )?(now )?stopped|bled briefly|\b(can|able to) (walk|bear weight)|walk\w* on it|without much pain|(eating|drinking)( and (eating|drinking))? (normally|well)|drinking (fluids |plenty )?well"),
    "local reaction only": (2, r"(little|small|tiny) (red )?(bump|lump|spot|swelling) where (it|he|she|they|the bee|the wasp|the insect|the mosquito) (stung|bit)|local (redness|swelling|reaction)|(redness|swelling) at the (site|sting|bite)"),
    "no warning features": (1, r"no significant (past )?medical history|otherwise (in good )?health\w*|denies significant pain|does not wear contact"),
}

#: SELF_CARE groups that only say what is absent or normal; self-care also needs one of the other groups.
SELF_CARE_ABSENCE = frozenset({"normal vital signs", "afebrile", "normal examination", "no warning features"})
assert SELF_CARE_ABSENCE < set(SELF_CARE)
