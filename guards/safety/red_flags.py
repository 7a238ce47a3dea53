"""Red flags in what a patient says: deterministic patterns, negation-aware, each naming its emergency."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guards.safety.context import is_history, is_hypothetical
from guards.safety.negation import is_negated


@dataclass(frozen=True)
class RedFlag:
    """A detected red flag: its name, the advice class, and where it was found."""

    name: str
    label: str
    start: int
    end: int


# (name, label shown to people, patterns). Each pattern is a regex over lower-cased text.
# Said of someone else, these deny the act rather than report it ("she fell but hasn't hurt herself", "says he
# doesn't want to hurt himself"). The shared negation cues leave them out, since "hasn't stopped vomiting" is no
# negation; here they are fixed-width lookbehinds, one per wording.
_NOT_DONE = "".join(f"(?<!{w} )" for w in ("hasn't", "hasnt", "has not", "didn't", "didnt", "did not",
                                          "doesn't want to", "doesnt want to", "does not want to", "didn't want to"))

#: a seizure, unless counted over a month or more ("two more seizures than usual this month, each my normal type");
#: the triage tables use it too
SEIZURE = (r"seizures?(?![\w\s]{0,30}\b(than usual|this month|last month|a month|per (week|month|year)|each month|"
           r"every month|in the (past|last) (month|year)|over the (past|last) (month|year)))")

_RULES: list[tuple[str, str, list[str]]] = [
    (
        "chest_pain",
        "chest pain with warning features",
        [
            r"chest[\w\s,]{0,40}(elephant|weight on it|heavy weight|in a vice|in a vise|band around|being "
            r"crushed|being "
            r"squeezed|(someone|somebody|something) (is |was )?(standing|sitting) on (it|me|my chest))|(elephant|heavy "
            r"weight)[\w\s,]{0,30}(on )?(my |his |her |their )?chest",
            r"(sweating buckets|pouring with sweat|drenched in sweat|cold "
            r"sweat)[\w\s,;.-]{0,60}chest|chest[\w\s,;.-]{0,60}(sweating buckets|pouring with sweat|drenched in "
            r"sweat|cold "
            r"sweat)",
            r"(crushing|squeezing|(?<!blood )pressure|heavy|tight(ness)?|severe|(?<!non-)(?<!non )(?<!not "
            r")radiating)[\w\s,]{0,25}(chest|heart)\b(?! (rate|rhythm|sounds?|murmur))",
            r"(chest (pain|pressure|tightness|discomfort)|(pain|pressure|tightness|discomfort) in (my |his |her |their "
            r"|the )?chest)[\w\s,']{0,60}(arm|jaw|neck|back|sweat|breath|nause|vomit|faint|dizz|pass(ing)? out)",
            r"(heart attack|cardiac arrest)",
            # the chest left unsaid: "a heavy feeling like an elephant sitting on me"
            r"(like|as if|as though) (an |a )?(elephant|heavy "
            r"weight)[\w\s]{0,15}\b(sitting|standing|pressing|pushing|lying|on) (on |down on )?(me|him|her|them)\b",
            r"chest pain (and|with) (short(ness)? of breath|sweating|nausea)",
            r"chest (feels |is "
            r")?(tight|heavy|crushed|squeezed)[\w\s,']{0,60}(spread|radiat|arm|jaw|neck|sweat|breath|faint|dizz|"
            r"pass(ing)? "
            r"out)",
            # "I feel faint and my chest is tight": the warning feature before the chest
            r"(faint|dizz\w*|(?<!night )sweat(ing|y)|clammy|pass(ing)? out)[\w\s,']{0,30}\b(my |his |her |their |the "
            r")?chest (is |feels |has gone |went )?(tight|heavy|crushed|squeezed)",
            r"(pain|pressure)[\w\s,]{0,20}(spread\w*|radiat\w*|goes|going|moving) (to|down|into) (my |his |her )?(left "
            r")?(arm|jaw|neck|back)",
        ],
    ),
    (
        "stroke",
        "signs of a stroke",
        [
            r"(speech|words|talking) (went|goes|was|is|became|got|has gone) (all "
            r")?(funny|strange|weird|slurred|muddled|garbled|jumbled)|(arm|leg|hand|face) (suddenly "
            r")?(went|goes|became|got|has gone) (all )?(weak|numb|floppy|droopy|dead)",
            r"(suddenly|sudden)[\w\s,]{0,20}(can'?t|cannot|unable to|couldn'?t) (lift|raise|move|feel) "
            r"(his|her|my|their) "
            r"(left |right )?(arm|leg|hand)",
            r"words (are |were )?(coming out )?(jumbled|garbled|mixed up|muddled|all wrong)|talking "
            r"(gibberish|nonsense)|(can'?t|cannot) get (his|her|my|their) words out",
            r"(face|mouth|smile) (has |had )?(fallen|sagged|slipped|dropped)\b[\w\s]{0,10}\b(on "
            r")?(one|the|his|her|my|their) ?(left |right )?side|words (are |were )?not coming out (right|properly|as "
            r"they "
            r"should)",
            r"(face|mouth|smile)[\w\s]{0,20}(droop|drooping|uneven|lopsided)|(droop\w*|lopsided|uneven) (\w+ ){0,3}(of "
            r"(the|his|her|my|their) )?(face|mouth|smile)\b",
            r"(unable to|cannot|can'?t|couldn'?t|could not|not able to) (speak|talk) (properly|clearly|normally)",
            # formal wording: "became quite unable to find his words", "the corner of his mouth appears to have dropped"
            r"(became|become|becoming|suddenly|abruptly|all at once|all of a sudden) (\w+ )?(unable to|could "
            r"not|couldn'?t|can'?t|cannot|not able to) find (his|her|my|their|the right|the) words",
            r"corner of (his|her|my|their|the) mouth[\w\s]{0,30}\b(dropped|drooped|sagged|fallen|slipped|gone "
            r"down|turned "
            r"down)\b",
            r"words (came|come|are coming|were coming|keep coming|keeps coming|kept coming) out (all "
            r")?(wrong|funny|strange|weird|jumbled|garbled|muddled)(?![^.;!?\n]{0,40}\b(nervous|anxious|stammer\w*|"
            r"stutter"
            r"\w*))",
            r"(can'?t|cannot|unable to|couldn'?t|could not) (lift|raise|move) (his|her|my|their) (left|right) "
            r"(arm|leg|hand)",
            r"(became|become|was|is|got|went) (\w+ )?(muddled|jumbled|garbled|slurred|confused) in (his|her|my|their) "
            r"speech|(his|her|my|their) (left|right) (hand|arm|leg) (would not|wouldn'?t|did not|didn'?t|suddenly "
            r"(will "
            r"not|won'?t|does not|doesn'?t)) (do as|do what|work|move|obey|respond)",
            r"speech (is |was |became |sounds )?slurred|slurred speech|slurring (my |his |her )?(words|speech)|can'?t "
            r"(speak|talk) properly|trouble speaking|difficulty speaking",
            r"(weak|weakness|numb|numbness|paralys\w*|can'?t move)[\w\s]{0,25}(one side|left side|right side|arm and "
            r"leg|half of)",
            r"(one|left|right)[- ]sided (weakness|numbness)",
            r"worst headache|thunderclap headache|headache[\w\s,]{0,30}\b(like|as) a thunderclap|sudden(ly)? "
            r"(severe|terrible|worst) headache",
            # a headache that "came on all at once, like a blow to the back of the head"
            r"headache[\w\s,]{0,60}\b(came|come|coming|started|began|begun|struck|hit)( on)?\b[\w\s,]{0,15}\b(all at "
            r"once|in an instant|instantly|within (a few )?seconds|like a (blow|thunderclap|bang|hammer|bolt))",
            r"headache[\w\s,]{0,60}\b(like|as if) (i had been |i'?d been |i was |being |been |someone had "
            r")?(hit|struck|kicked|a blow)\b[\w\s]{0,20}\b(to |on |at |in )?(the )?back of (the |my |his |her |their "
            r")?head",
            r"sudden(ly)? (loss of|lost) (vision|sight)|suddenly (can'?t|cannot) see",
            r"\bstroke\b",
        ],
    ),
    (
        "breathing",
        "severe difficulty breathing",
        [
            r"(isn'?t|is not|not|stopped|has stopped|wasn'?t) breathing(?! (well|as|so|easily)\b| properly through)|no "
            r"pulse|(?<!fingers )(?<!hands )(?<!toes )(?<!feet )(turning|turned|gone) blue",
            r"can'?t (breathe|catch (my|his|her) breath|get air)|cannot breathe|unable to breathe",
            r"(struggling|gasping|fighting) (to breathe|for (breath|air))",
            r"(severe|extreme|very bad) (shortness of breath|breathlessness|difficulty breathing)",
            r"(lips|face|skin)( are| is| look| looks| looked)?( a bit| a little| slightly| kind of| quite| really)?( "
            r"turning| turned| going| gone)? (blue|grey|gray)",
            # "his lips look a bit dusky"; "keeps stopping mid sentence to catch his breath"
            r"(lips|face|tongue)( are| is| look| looks| looked)?( a bit| a little| slightly| kind of| quite| really)?( "
            r"turning| turned| going| gone)? dusky",
            r"(stop\w*|paus\w*|break\w* off) (\w+ ){0,2}mid[- ]?sentences?[\w\s,]{0,30}\bbreath",
            r"can'?t (speak|talk) in (full )?sentences|too breathless to (speak|talk)",
            # "lips have taken on a bluish tinge", "unable to draw a satisfactory breath, even whilst seated"
            r"(lips|face|tongue)[\w\s]{0,30}\b(blu(e|ish)|blueish|grey(ish)?|gray(ish)?|dusky) "
            r"(tinge|tint|colou?r|hue|cast)\b(?![\w\s,]{0,60}\b(cold|swim\w*|warm(s|ed|ing)? up|go(es)? back to "
            r"normal))",
            r"(unable to|cannot|can'?t|could not|couldn'?t|struggl\w* to|not able to) (draw|catch|get|take) (a |my "
            r"|his "
            r"|her |their )?(\w+ )?breath[\w\s,]{0,20}\b(even )?(whilst|while|when) (seated|sitting|resting|at "
            r"rest|lying "
            r"(down|still))",
            r"(unable to|can'?t|cannot|could not|couldn'?t|not able to) (finish|complete|get through|say) (a |my |his "
            r"|her "
            r")?(full |whole )?sentences?\b[\w\s,]{0,30}(without (stopping |pausing |having )?(for |to catch )?(a |my "
            r"|his "
            r"|her )?breath|for breath|out of breath|breathless)",
            r"(inhaler|nebuli[sz]er|albuterol|salbutamol)[\w\s]{0,30}(not (helping|working)|no (relief|help)|doesn'?t "
            r"help|isn'?t (helping|working))",
        ],
    ),
    (
        "anaphylaxis",
        "a severe allergic reaction",
        [
            r"(throat|tongue|lips?|face)( and (his |her |my |their )?(throat|tongue|lips?|face|eyes?))? (is |are "
            r"|feels? "
            r"|has |have |had )?(swelling|swollen|swelled|swole|closing|tight|puff\w* up|blowing up|ballooned)",
            r"anaphyla\w+|epi-?pen|epinephrine",
            r"(hives|rash)[\w\s,]{0,40}(trouble|difficulty|hard to) (breathing|breathe|swallow)",
        ],
    ),
    (
        "suicidal",
        "thoughts of suicide or self-harm",
        [
            # "she fell but hasn't hurt herself" is about an injury; "he hasn't hurt himself yet" is still said
            _NOT_DONE + r"(hurt|harm) (himself|herself)|(hurt|harm) (himself|herself) yet|"
            r"(kill|hurt|harm) myself|(kill|killing) (himself|herself)|suicid\w*|end(ing)? (my|his|her|their) (own "
            r")?life|"
            r"tak(e|ing) (my|his|her|their) (own )?life",
            r"(don'?t|do not) want to (live|be alive|wake up)|better off dead|no reason to live",
            # "better off without me", "says he's going to end it", "thinking about jumping", "cut my wrist deeper than
            # usual"
            r"(better off|happier) without me\b|(going to|gonna|about to|wants? to|want(ed)? to|plan(s|ning)? to|will) "
            r"end "
            r"it\b(?![ ]+(with|between|for|off))",
            (
                r"(thinking|thought|think) (of|about) jumping|(going to|gonna|want(s)? to|about to) jump (off|from|in "
                r"front)|"
                r"cut (my|his|her|their) (wrists?|arms?|forearms?|thighs?)\b[\w\s]{0,20}\b(deeper|again|badly|open)"
            ),
            r"(took|taken|swallowed) (a bunch|all|a lot|too many|handfuls?) of (my )?(pills|tablets|medication)",
            r"\boverdos\w*",
            r"(just )?want(ed|s)? (it all|everything) to (stop|end)\b(?! (hurting|aching|itching|spinning))",
            r"end(ing)? it all|(don'?t|do not) want to be here any ?more|(can'?t|cannot) go on|no point (in "
            r")?living|wants? to die|want(s|ed)? to be dead|wish(es|ed)? (i|he|she|they) (was|were) dead|self[- "
            r"]harm\w*|"
            r"deliberately (cut|cutting|harm\w*|burn\w*|hurt\w*)|cutting (her|his|my|their) "
            r"(arms|wrists|forearms|legs|thighs)",
            # preparations, said without the word: goodbye letters, tablets ready for tonight, belongings given away
            (
                r"(goodbye|farewell|suicide) (notes?|letters?)|(written|wrote|writing|left) letters (to|for) "
                r"(my|his|her|their) "
                r"(family|kids|children|wife|husband|partner|parents)|"
                r"(pills|tablets|meds|medication|rope) (are |is )?(all )?(ready|lined up|counted "
                r"out)[\w\s,]{0,20}\b(tonight|to take (them )?all|to end)|"
                r"(stockpil\w+|sav(ed|ing) up|hoard\w*) (all )?(my |his |her |their )?(pills|tablets|meds|medication)|"
                r"(given|giving) away (all )?(my|his|her|their) "
                r"(belongings|possessions|things)(?![\w\s]{0,30}(mov\w+|charity|clear\w*|declutter\w*))|"
                r"saying goodbye to (everyone|my family)|(thinking|thought|think) (about|of) ending it\b(?! with)|"
                r"looked up (how|ways) to (die|end it|kill (myself|himself|herself)|overdose)|ending "
                r"it[\w\s,']{0,30}looked up "
                r"how"
            ),
        ],
    ),
    (
        "bleeding",
        "heavy bleeding",
        [
            r"(?<!days of )(?<!day of )(heavy|severe|uncontrolled|a lot of|lots of|profuse) (vaginal |rectal "
            r")?bleeding(?![\w\s,]{0,30}\b(periods?|menses|menstrua\w*|cycles?)\b(?! (is |was "
            r")?(late|overdue|missed)))|bleeding (heavily|a lot|badly)",
            r"(bleeding|blood)[\w\s,]{0,60}(won'?t|will not|doesn'?t|does not|can'?t|cannot) (stop|be stopped)|blood "
            r"(is "
            r")?(pouring|gushing|spurting|pumping)|(pouring|gushing|spurting) blood",
            r"(vomit\w*|throw\w* up|threw up|coughing up|cough\w* up)[\w\s]{0,30}\b(blood|bright red)",
            r"(black|tarry) (stool|poo)\w*|(stool|poo|poop)s? (is |are |was |were |looks? |has been |have been "
            r")?(black|tarry)|blood in (my |his |her )?vomit",
            r"soak(ing|ed)? (through )?(a |one )?(pad|tampon|towel)s? (in )?(less than )?(an|every|each|one|half an|a) "
            r"(hour|half hour|\d+ minutes)",
        ],
    ),
    (
        "unconscious",
        "loss of consciousness",
        [
            # "knocked out my front tooth" is a dental injury, not unconsciousness
            r"knocked (out|unconscious)\b(?! ([\w'’]+ "
            r"){0,3}(teeth|tooth|incisors?|molars?|crowns?|fillings?|fence|wall|window|post))|(not|isn'?t|wasn'?t) "
            r"making "
            r"(any )?sense",
            r"\bcollaps(ed|es|ing)\b",
            # "nearly fainted twice" and "I feel like I'm going to pass out" are near-faints: urgent, not a loss of
            # consciousness
            (
                r"(?<!nearly )(?<!almost )(?<!near )(?<!to )(?<!gonna )(?<!might )(?<!could )(?<!would )"
                r"(?<!'ll )(?<!’ll )(?<! will )(passed out|pass(es|ing)? out|faint(ed|ing)\b|blacked out|black(ing)? "
                r"out)|lost consciousness|"
                r"loss of consciousness"
            ),
            r"unconscious|unresponsive|won'?t wake up|(can'?t|cannot|could not|couldn'?t|unable to) (wake|rouse) "
            r"(him|her|them)|not waking up",
            r"(not|isn'?t|wasn'?t|stopped) (responding|answering) (sensibly|properly|normally|to (me|us|his name|her "
            r"name|questions))",
            r"(altered mental status|disoriented|confused and (drowsy|sleepy)|somnolent|obtunded|lethargic and "
            r"confused)",
        ],
    ),
    (
        "seizure",
        "a seizure",
        [
            SEIZURE + r"|convuls\w+|\b(a|having|had|has|another|first) fits?\b|\bfitting\b|shaking uncontrollably and "
            r"(unresponsive|not responding)",
        ],
    ),
    (
        "sepsis",
        "signs of sepsis",
        [
            r"(fever|temperature|chills)[\w\s,.°]{0,40}(confus\w*|mottled|very (unwell|sick)|can'?t stay awake|racing "
            r"heart)",
            r"(confus\w*|mottled)[\w\s,.°]{0,40}(fever|temperature|infection)",
            r"\bsepsis|septic\b",
        ],
    ),
    (
        "pregnancy_bleeding",
        "bleeding or severe pain in pregnancy",
        [
            r"pregnan\w*[\w\s,-]{0,50}((?<!no )(?<!not )(?<!without )(?<!any )(?<!or )bleed\w*|spotting "
            r"heavily|severe[\w\s-]{0,25}(abdominal|belly|stomach|pelvic|tummy)? ?pain|cramping badly)",
            r"(bleed\w*|severe pain)[\w\s,]{0,40}(while|and|i'?m|she'?s) pregnant",
        ],
    ),
    (
        "infant_fever",
        "fever in a baby under 3 months",
        [
            r"(newborn|\b([0-9]|1[0-2]) ?(-| )?(week|wk)s?[- ]old|\b[0-2] ?(-| )?months?[- ]old|\b(1|one|2|two) month "
            r"old)[\w\s,]{0,50}(fever|temperature|hot|38)",
            r"(fever|temperature)[\w\s,]{0,40}(newborn|\b([0-9]|1[0-2]) ?(week|wk)s? old|\b[0-2] ?months? old)",
            # the age given by the birth: "I had a baby 3 weeks ago and now my baby has a temperature"
            r"(\b(had|delivered|gave birth to) (a |my |her |the "
            r")?baby|\bborn)[\w\s]{0,10}\b([0-9]|1[0-2]|a|one|two|three|four|five|six|seven|eight|nine|ten) "
            r"(days?|weeks?) "
            r"ago[\w\s,;.']{0,80}(fever|temp\w*|hot|3[89]|40)",
            # the age said without "old": "baby is 5 weeks, had a temp of 38.1"
            r"\b(baby|newborn|infant|son|daughter|(s)?he)('s| is)( only| just)? ([0-9]|1[0-2]) ?(weeks?|wks?)\b(?! "
            r"(pregnant|gestation|ago|early|late))[\w\s,']{0,50}(fever|temp\w*|hot|3[89]|40)",
            # and without a verb, as people write who learnt English later: "my baby 2 month have fever 38.5"
            r"\b(baby|newborn|infant)( only| just)? (([0-9]|1[0-2]) ?(weeks?|wks?)|[0-2] ?months?)\b(?! "
            r"(pregnant|gestation|ago|early|late))[\w\s,']{0,50}(fever|temp\w*|hot|3[89]|40)",
        ],
    ),
    (
        "meningitis",
        "signs of meningitis",
        [
            r"neck (is |was |feels "
            r")?(stiff|rigid)[\w\s,;.']{0,60}(fever|temp\w*|light|rash|headache|vomit\w*)|(fever|temp\w*|headache)[\w\s"
            r",;.'"
            r"]{0,60}neck (is |was |feels )?(stiff|rigid)",
            r"(purple|dark red|red) "
            r"(dots|spots|rash|marks|blotches)[\w\s,']{0,60}(glass|press\w*|fade|blanch\w*)|(tiny|little|small|pinpoint"
            r") "
            r"(purple|dark red) (dots|spots|marks)",
            r"stiff neck[\w\s,]{0,40}(fever|rash|light|headache)|(fever|headache)[\w\s,]{0,40}stiff neck",
            r"rash (that )?(doesn'?t|does not|won'?t) (fade|go away) (when|under)|non-?blanching rash|purple "
            r"(spots|rash)",
        ],
    ),
    (
        "head_injury",
        "a serious head injury",
        [
            r"(hit|struck|kicked|punched|knocked|banged|bashed) (on|in) the head[\w\s,;.']{0,80}(?<!no )(?<!not "
            r")(?<!without )(?<!never )(vomit\w*|been sick|being sick|confus\w*|drowsy|sleepy|knocked "
            r"out|headache|seizure|fit)",
            # "was sick once after he banged his head": vomiting told before the injury
            r"(vomit\w*|been sick|was sick|were sick|being sick|threw up|thrown up)[\w\s,']{0,30}\b(after|since) (i "
            r"|he "
            r"|she |they |we )?(hit|banged|bumped|bashed|knocked|smacked|whacked|injured|hurt) (my|his|her|their) head",
            r"(hit|banged|bumped|bashed|knocked|smacked|whacked|injured|hurt) (my|his|her|their) "
            r"head[\w\s,']{0,60}(?<!no "
            r")(?<!not )(?<!without )(?<!never )(vomit\w*|throw\w* up|threw up|been sick|being sick|was sick|were "
            r"sick|confus\w*|passed out|knocked out|drowsy|sleepy|"
            r"(can'?t|cannot) keep (my|his|her|their) eyes open|keeps? (falling|nodding) (asleep|off))",
            r"head injury[\w\s,]{0,40}(?<!no )(?<!not )(?<!without )(?<!never )(vomit\w*|confus\w*|unconscious|drowsy)",
            r"(blow|hit|knock|bang|kick|injury) (to|on) (the|my|his|her|their) head[\w\s,;-]{0,80}(?<!no )(?<!not "
            r")(?<!without )(?<!never )(vomit\w*|confus\w*|drowsy|sleepy|asking the same|repeat\w* "
            r"(himself|herself|questions)|can'?t remember|severe headache|seizure|fit)",
        ],
    ),
    (
        "abdominal",
        "a severe abdominal emergency",
        [
            r"(rigid|board-like|tense) (abdomen|belly|stomach)|guarding|rebound tenderness|peritoni\w+",
            r"(abdomen|belly|stomach) (is |feels )?(rigid|hard as a board|board-like)",
            r"(severe|unbearable|excruciating|worst)[\w\s]{0,20}(abdominal|belly|stomach|testic\w*) "
            r"pain(?![\w\s,]{0,30}\b(on|during|with|before) (the )?(first day of )?(my |her |each |every "
            r")?(period|menses|menstruation))",
        ],
    ),
    (
        "poisoning",
        "poisoning",
        [
            r"(son|daughter|child|toddler|baby|kid|boy|girl)[\w\s,'-]{0,40}(ate|swallowed|got into|took|has "
            r"taken|drank)[\w\s,'-]{0,40}(pills|tablets|medicine|medication|capsules)|(don'?t|do not|no one|nobody) "
            r"know(s)? how many",
            r"poison\w*|swallowed (bleach|detergent|batter\w*|chemicals?)|carbon monoxide",
        ],
    ),
]

_COMPILED = [(name, label, [re.compile(p) for p in pats]) for name, label, pats in _RULES]
#: Patterns that only name a condition; a worry or a general statement about it is not a report of it.
_CONDITION_NAMES = frozenset({r"(heart attack|cardiac arrest)", r"\bsepsis|septic\b", r"\bstroke\b",
                              r"anaphyla\w+|epi-?pen|epinephrine"})
assert {p for _, _, pats in _RULES for p in pats} >= _CONDITION_NAMES

#: Where to turn when a red flag involves suicide or self-harm (US defaults; localise in deployment).
CRISIS_RESOURCES = ("If you are thinking about suicide or harming yourself, call or text 988 (Suicide & Crisis "
                    "Lifeline, US) now, or your local emergency number. You are not alone.")


def detect(text: str) -> list[RedFlag]:
    """Red flags stated (not negated) in ``text``; one entry per kind, first occurrence."""
    low = text.lower().replace("\u2019", "'")
    found: dict[str, RedFlag] = {}
    for name, label, patterns in _COMPILED:
        for pat in patterns:
            for m in pat.finditer(low):
                if is_negated(low, m.start()) or is_history(low, m.start(), m.end()):
                    continue
                if pat.pattern in _CONDITION_NAMES and is_hypothetical(low, m.start(), m.end()):
                    continue
                found.setdefault(name, RedFlag(name, label, m.start(), m.end()))
                break
            if name in found:
                break
    return sorted(found.values(), key=lambda f: f.start)
