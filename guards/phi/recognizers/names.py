"""Person names: strong context (titles, field labels, relations, self-introductions, signatures), first-name +
surname pairs, spaCy PERSON entities vetoed by the clinical allow-list, and propagation of found names.

Also cities that spaCy tags as places (states and countries are not PHI and stay).
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult

from guards.phi.allowlist import CLINICAL_ABBREV, DRUGS, clinical_next, is_clinical_span, medical_words_only
from guards.phi.name_lists import is_common_english, is_surname
from guards.phi.recognizers.base import result
from guards.phi.recognizers.location import STATES
from guards.phi.recognizers.name_cues import strong_spans
from guards.phi.recognizers.name_words import (
    CAP,
    CAP_H,
    COUNTRIES,
    NOT_NAMES,
    ORG_AFTER,
    ORG_WORDS_SET,
    SEQ,
    STATE_NAMES,
    WORD,
    all_english,
    clinical_word,
    common_words,
    first_names,
    heading,
    listed_first_names,
    not_name_word,
    rare_word,
    unknown_word,
)

_PAIR = re.compile(rf"\b(?P<n>{CAP_H}(?:[ ]{CAP}){{1,2}})")
_FIRST_PERSON = re.compile(r"(?i)\b(?:my|i|i'm|im|me)\b")
#: a name before a date of birth or record number ("for Faadumo Cali Xasan, DOB unknown", "Wanjiru Kamau (MRN"), or in
#: a death notice ("Margarethe Sørensen, beloved wife of Henrik")
_BEFORE_IDENTITY = re.compile(
    rf"(?P<n>{SEQ}),?[ ]+(?:\(?(?:DOB|D\.O\.B\.?|d\.o\.b\.?|born|date of birth|MRN|NHS (?:no|number)|"
    rf"hospital number)\b|beloved|\(?(?:wife|husband|son|daughter|mother|father|mum|mom|dad|parent|carer|"
    rf"guardian|widow|widower|partner) of\b|aged \d)"
)
#: a first name before a possessive and a home or a gathering: "after the braai at Sipho's place"
_POSSESSIVE_PLACE = re.compile(r"\b(?:at|to|from|round|in)[ ]+(?P<n>\p{Lu}\p{Ll}+)['’]s[ "
                               r"]+(?:place|house|home|flat|party|wedding|"
                               r"funeral|birthday|braai|barbecue|bbq)\b")
#: a surname owning a piece of care: "Abernathy's pacemaker check", not an eponym ("Parkinson's disease", "Addison's
#: crisis"), whose nouns are not on this list
_POSSESSIVE_CARE = re.compile(r"\b(?P<n>\p{Lu}\p{Ll}{2,})['’]s[ ]+(?:next |latest |last |annual |repeat |usual |new "
                              r")?(?:appointment|"
                              r"review|check|check-up|results?|bloods|medications?|meds|prescription|referral|scan|"
                              r"letter|"
                              r"notes|chart|file|dressings?|visit|discharge|pacemaker|INR|wound|catheter|care "
                              r"plan|carers?|"
                              r"daughter|son|wife|husband|mother|father|GP)\b")
#: initials and a surname anywhere: "J. R. Okonjo", not an organism ("H. Pylori", "C. Difficile")
_INITIALS_NAME = re.compile(rf"(?<![\p{{L}}.-])(?P<n>(?:\p{{Lu}}\.[ ]?){{1,2}}(?P<last>{CAP}))")
_SPECIES = frozenset(["pylori", "difficile", "diff", "coli", "aureus", "epidermidis", "pneumoniae", "influenzae",
                      "albicans", "trachomatis", "gonorrhoeae", "pallidum", "marinum", "pyogenes", "agalactiae",
                      "faecalis", "faecium", "aeruginosa", "jejuni", "typhi", "vulgaris", "mirabilis", "burgdorferi",
                      "falciparum", "vivax", "gondii"])
#: A single capitalised word closing a chat message after a comma or dash: "my number is 07700 900981, Kasia"
_CLOSING_NAME = re.compile(r"(?:,|[ ][-–—])[ ]+(?P<n>\p{Lu}\p{Ll}{2,})[ ]*(?:[.!]|[ ]?x+)?\s*$")
#: Two or three capitalised words that are neither English nor clinical, before a verb that goes on after a person:
#: "Tevita Fifita injured his shoulder", names that no list holds.
_UNLISTED_BEFORE_VERB = re.compile(r"(?:^|(?<=[:;\n][ \t]{0,3}))(?P<n>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2})"
                                   r"(?=[ ]+(?:\p{Ll}+ed|says|said|told|reports|presents|complains|denies|lives|works|"
                                   r"came|fell|went|took|got|felt|needs|wants)\b)", re.MULTILINE)


def _lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut at line breaks: a name does not run over a heading ("VACCINATION RECORD\nChild: ...")."""
    out = []
    for a, b in spans:
        start = a
        for i in range(a, b):
            if text[i] == "\n":
                out.append((start, i))
                start = i + 1
        out.append((start, b))
    return [(a, b) for a, b in out if b > a]


class NameRecognizer(EntityRecognizer):
    """NAME (and CITY from spaCy places) with the clinical allow-list applied to weak evidence."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["NAME", "CITY"], name="NameRecognizer",
                         context=["patient", "name", "dr", "mr", "mrs", "ms", "son", "daughter", "wife", "husband"])

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        doc = getattr(nlp_artifacts, "tokens", None)
        strong = strong_spans(text, doc)
        strong = [s for s in (_trim(text, a, b) for a, b in strong)
                  if s and (_TITLE_BEFORE.search(text, 0, s[0]) or not _ordinary_words(text[s[0]:s[1]]))]
        weak: list[tuple[int, int]] = []
        for m in _PAIR.finditer(text):
            words = m.group("n").split()
            first = words[0].lower()
            if _organisation(text, *m.span("n")) or clinical_next(text, m.end("n")):
                continue
            rest = [w.lower() for w in words[1:]]
            if first in listed_first_names():
                weak.append(m.span("n"))
            elif first in first_names() and not any(is_common_english(w) for w in rest):
                weak.append(m.span("n"))  # a census given name, before words that are not English ("Rocky Mountain")
            elif is_surname(words[-1]) and rare_word(first) and all(rare_word(w) for w in rest):
                weak.append(m.span("n"))
        for m in _CLOSING_NAME.finditer(text):  # the writer signing a message in the first person
            word = m.group("n").lower()
            if _FIRST_PERSON.search(text) and (unknown_word(word) or word in first_names()):
                weak.append(m.span("n"))
        for m in _BEFORE_IDENTITY.finditer(text):
            words = list(WORD.finditer(text, *m.span("n")))
            while words and (words[0].group().lower() in common_words() or words[0].group().lower() in ("i'm", "i’m")):
                words.pop(0)  # "I'm Jessica Tran (MRN ...": the name starts after the words of the sentence
            span = text[words[0].start():m.end("n")] if words else ""
            if span and not all_english(span) and not any(clinical_word(w.group().lower()) for w in words):
                weak.append((words[0].start(), m.end("n")))
        weak += [m.span("n") for m in _POSSESSIVE_PLACE.finditer(text)
                 if m.group("n").lower() in first_names() or unknown_word(m.group("n").lower())]
        for m in _INITIALS_NAME.finditer(text):
            last = m.group("last").lower()
            if last not in _SPECIES and (is_surname(last) or rare_word(last)):
                weak.append(m.span("n"))
        for m in _UNLISTED_BEFORE_VERB.finditer(text):
            words = [w.lower() for w in m.group("n").split()]
            # one word must be a known first name ("Physio note: Dmitri walked 40 m"), not a finding ("Hematuria noted")
            if all(rare_word(w) for w in words) and (len(words) > 1 or words[0] in first_names()):
                weak.append(m.span("n"))
        cities: list[tuple[int, int]] = []
        if doc is not None:
            for ent in doc.ents:
                if (ent.label_ == "PERSON" and _plausible_person(ent)
                        and not _organisation(text, ent.start_char, ent.end_char)):
                    weak.append((ent.start_char, ent.end_char))
                elif ent.label_ == "GPE" and _is_city(text, ent.start_char, ent.end_char):
                    cities.append((ent.start_char, ent.end_char))
        weak = [s for s in (_trim(text, a, b) for a, b in _lines(text, weak)) if s and not is_clinical_span(text, *s)
                and not _looks_unlike_name(text[s[0]:s[1]]) and not all_english(text[s[0]:s[1]])
                and not heading(text[s[0]:s[1]]) and not medical_words_only(text[s[0]:s[1]])]
        # checked here, not by _trim, which takes any possessive before a clinical word for an eponym's
        weak += [m.span("n") for m in _POSSESSIVE_CARE.finditer(text)
                 if (is_surname(m.group("n").lower()) or m.group("n").lower() in first_names())
                 and not clinical_word(m.group("n").lower()) and m.group("n").lower() not in common_words()]
        found = _propagate(text, strong, weak)
        results = [result(self, "NAME", a, b, 0.9) for a, b in strong]
        results += [result(self, "NAME", a, b, 0.75) for a, b in weak + found]
        results += [result(self, "CITY", a, b, 0.6) for a, b in cities]
        return results


_TITLES = r"dr|mr|mrs|ms|miss|mx|prof"
_TITLE_BEFORE = re.compile(rf"(?i)\b(?:{_TITLES})\.?[ ]+$")
_TITLE = re.compile(rf"(?i){_TITLES}")
#: a relation before a name owns its possessive as a title does: "my mom Grace's potassium"
_RELATION_BEFORE = re.compile(r"(?i)\b(?:my|his|her|their|our|your)[ ]+(?:mom|mum|mother|dad|father|son|daughter|wife|"
                              r"husband|partner|sister|brother|grandma|grandmother|grandpa|grandfather|aunt|uncle|"
                              r"friend|baby|boy|girl|child)[ ]+$")


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip titles, possessives, trailing punctuation and clinical words at the edges."""
    # a reply or greeting before the name is not part of it: "Yes, Kwame Mensah", "Hi, Dr Lee"
    said = re.match(r"(?i)(?:(?:yes|yeah|yep|no|ok|okay|hi|hello|hey|thanks|sorry|well),\s*)+", text[start:end])
    if said:
        start += said.end()
    span = text[start:end]
    m = re.match(r"(?i)(?:(?:dr|mr|mrs|ms|miss|mx|prof|herr|frau|mme|mlle|madame|monsieur|dhr|mevr|mevrouw|meneer|"
                 r"señora?|senhora?|signora?|fru|pan|pani|sr|sra|srta)\.?\s+)+", span)
    if m:
        start += m.end()
    # after a title a possessive is the person's, not an eponym's: "Mrs Fairbairn's class", "Dr Bell's list"
    titled = (bool(m) or bool(_TITLE_BEFORE.search(text, max(0, start - 8), start))
              or bool(_RELATION_BEFORE.search(text, max(0, start - 24), start)))
    while end > start and text[end - 1] in ".,;:'’ -":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    words = list(WORD.finditer(text, start, end))
    while words and (not_name_word(words[-1].group().lower()) or (not titled and clinical_next(text, words[-1].end()))):
        words.pop()
    while words and not_name_word(words[0].group().lower()):
        words.pop(0)
    if not words:
        return None
    return words[0].start(), words[-1].end()


def _ordinary_words(span: str) -> bool:
    """Capitals, two words or more, every one ordinary English and none a census given name or surname: "PT SAFETY,
    RELEASED" after a cue in a note in capitals is not a person ("Pt Rose Hill", "DR BROWN", "WIFE FAITH" are)."""
    words = [w.group().lower() for w in WORD.finditer(span) if not _TITLE.fullmatch(w.group())]
    return (span.isupper() and len(words) > 1
            and all(is_common_english(w) and w not in first_names() and not is_surname(w) for w in words))


def _looks_unlike_name(span: str) -> bool:
    words = span.split()
    if any(any(c.isdigit() for c in w) for w in words):
        return True
    if len(words) == 1 and (span.isupper() or span.islower() or span.lower() in common_words()):
        return True
    # a capitalised start and a lowercase end is a phrase, not a name: "(Hep) B immune"
    if len(words) > 1 and words[0][:1].isupper() and words[-1].islower():
        return True
    return any(w.lower().strip(".,'’") in NOT_NAMES for w in words)


#: The start of a sentence, a line, a list item or a column: "- Biologic therapy", "    Cancer can spread"
_SENT_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|\(\s*|[-–•*][ \t]+|[ \t]{2,})$")


def _organisation(text: str, start: int, end: int) -> bool:
    """"Millbrook Surgery", "Harris Park Medical Centre": a practice or a place, not a person."""
    words = text[start:end].split()
    return bool(words) and (words[-1] in ORG_WORDS_SET or bool(ORG_AFTER.match(text, end)))


def _plausible_person(ent: object) -> bool:
    """spaCy's small model tags many capitalised clinical words as PERSON: a lone word must look like a name.

    It is kept when it is a known first name, or a capitalised word in mid-sentence that is not a common or English
    word.
    """
    tokens = [t for t in ent if t.is_alpha]  # type: ignore[attr-defined]
    if len(tokens) > 1:  # several words: one capitalised or a known first name ("node biopsy" is not a person)
        return any(t.text[:1].isupper() or t.lower_ in first_names() for t in tokens)
    if not tokens:
        return True
    tok = tokens[0]
    if tok.lower_ in first_names():
        return True
    before = tok.doc.text[max(0, tok.idx - 40):tok.idx]
    return (tok.text[:1].isupper() and not _SENT_START.search(before) and tok.lower_ not in common_words()
            and not is_common_english(tok.lower_))


_PLACE_CUE = re.compile(r"(?i)(?:\b(?:in|from|at|near|to|of|live|lives|living|moved|visiting|city)|,)\s*$")
_ORG_WORDS = re.compile(r"(?i)\b(?:st\.?|saint|hospital|medical|center|centre|clinic|health|university|county|"
                        r"general|memorial|pharmacy|medicaid|medicare)\b|'s\b|’s\b")


def _is_city(text: str, start: int, end: int) -> bool:
    """A spaCy place is kept as PHI when it reads as a town: not a state or country, not clinical, after a place cue."""
    span = text[start:end]
    low = span.lower().strip(". ")
    return (span[:1].isupper() and span not in STATES and low not in STATE_NAMES and low not in COUNTRIES
            and not any(c.isdigit() for c in span) and len(low) > 2 and not _ORG_WORDS.search(span)
            and not (span.isupper() and len(span) <= 4)  # an abbreviation ("LCH", "MDS"), not a town
            and not is_clinical_span(text, start, end) and bool(_PLACE_CUE.search(text[max(0, start - 25):start])))


def _spreads(word: str) -> bool:
    """A word of a name found on weak evidence marks its other mentions when it is a listed name that is neither
    clinical nor an abbreviation in capitals ("LCH"), or a rare word that does not end like a clinical adjective
    ("Ovarian")."""
    low = word.lower()
    if len(low) < 2 or word.isupper() or clinical_word(low) or is_common_english(low):
        return False
    return low in first_names() or is_surname(low) or (rare_word(low) and not low.endswith(("an", "ian", "ar", "oid")))


def _propagate(text: str, strong: list[tuple[int, int]], weak: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Other mentions of words of names already found ("Mrs. O'Connell" after "Margaret O'Connell"). A word found
    on weak evidence only spreads when it is not an English word, so one "Cancer" taken for a name does not mark
    them all."""
    spans = strong + weak
    tokens = {w.group() for a, b in strong for w in WORD.finditer(text, a, b) if len(w.group()) > 1}
    tokens |= {w.group() for a, b in weak for w in WORD.finditer(text, a, b) if _spreads(w.group())}
    tokens = {t for t in tokens if t.lower() not in common_words() and t.lower() not in DRUGS
              and t.lower() not in CLINICAL_ABBREV}
    if not tokens:
        return []
    covered = [range(a, b) for a, b in spans]
    out = []
    rx = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + r")\b")
    for m in rx.finditer(text):
        if any(m.start() in r for r in covered) or clinical_next(text, m.end()):
            continue
        out.append(m.span())
    return out


CASES = {"NAME": (["Dr. VASQUEZ paged re K+",
                   "Abernathy's pacemaker check is due", "letter typed by lm.", "Patient: Margaret O'Connell   MRN",
                   "Attending: Dr. Rajesh Patel\n", "Hi, this is Daniel Kim.", "his daughter Karen at",
                   "Sincerely,\nThomas Reed, MD", "Name: WILLIAMS, ROBERT J\n", "Pt Yamamoto, Kenji, bed",
                   "hey its marcus lee again", "my son jake has a fever", "units of insulin. - Natalie Brooks",
                   "Seen by Dr. Alan Graves for Graves disease", "my daughter aanya is 4",
                   "Ordered by Siobhan Ní Bhriain, NP.", "with Nurse Practitioner Amara Okafor-Bello (",
                   "seen with nurse Amara Bello.", "Pt: Mr. Declan Ó Súilleabháin, MRN", "Dr. Maria de la Cruz saw",
                   "hiya its aoife, my", "her ex, tyrone, threatened",
                   "patient is mister abdi rahman warsame date of birth",
                   "next visit with doctor oyelaran in three months", "Rx# 4481923  GARCIA-MARQUEZ, JOSE LUIS  DOB",
                   "Hove BN3 2QW. thx - Priya 😊", "Patient Mrs Eileen O'Brien's daughter",
                   "Bed 12: Jones, Gwen (78F), NSTEMI", "Bed 14: Mr P. Nakamura, post-op",
                   "Requested by J. R. Okonjo\n", "Re: Rosalind Achterberg, born", "Patient Smith J  DOB",
                   "From: Ifeoma Chukwu <ifeoma.c@outlook.com>", "clinic: Hyun-woo Park (52M) INR",
                   "Rx label: MAHMOUD, KHALED  2290", "08:30 O'Neill, Siobhan diabetic foot review",
                   "claim: Tevita Fifita injured his", "text from lupe: my abuela carmen cant",
                   "this is doctor mehta dictating on patient arun subramanian, date", "ok so its dev here, my nan",
                   "consent witnessed by Thandiwe Mokoena (theatre", "for Faadumo Cali Xasan, DOB unknown",
                   "Wanjiru Kamau (MRN KNH-228817)", "Margarethe Sørensen, beloved wife of",
                   "ALERT - SANTOS, MARIA DA CONCEICAO - PENICILLIN", "my number is 07700 900981, Kasia",
                   "[12/03/2025, 09:14] Mehmet Yılmaz: babam", "proband Ngaio Te Rangi (II-3) has",
                   "Anneliese (mum of Joaquín) rang:", "covering for Priyanka today.",
                   "after the braai at Sipho's place", "Physio note: Dmitri walked 40 m",
                   "MRN 7730219 / AL-FARSI HAMAD / M / AF", "Pathology: collected by T. Okwuosa.",
                   "(Yr 4, Mrs Fairbairn's class)", "Thandiwe Mokoena was seen",
                   "patient is gordon mcbride comma date of birth", "Patient ZHANG Wei (张伟), 91",
                   "came in w/ his gf Tamsin, SOB", "Ahmed Hassan (أحمد حسن) needs",
                   "Пациент Иванов Иван Иванович, 1956", "PT NAME JOSEPHINE ABARA DOB 12",
                   "visit with hygienist Leanne.", "take her Thursday\nChidi: I'll take her",
                   "Subject: Re: results for Marguerite", "crew Gemma and Raj brought",
                   "link sent to +61 412 555 019 for Mere Tawhiri.", "Patient Ramesh Kumar (रमेश कुमार) prefers",
                   "Moshe Cohen (משה כהן) asked", "Yamada Taro (山田太郎), post-op",
                   "Message left with Bridget at the desk", "Rm 14 – OYELARAN, sepsis", "Bay 2 – NAKAMURA, NSTEMI",
                   "PATIENT: Yes, Kwame Mensah.", "WIFE FAITH CALLED, UPDATED"],
                   ["patient is frank about drinking", "RESTRAINTS ON FOR PT SAFETY, RELEASED Q2H",
                    "Crohn's review in clinic", "Barrett's review next year",
                    "Alzheimer's care plan", "Plan: review in 2 weeks", "Drug name PARACETAMOL 500 mg",
                    "Note: seen today", "(ميتفورمين 500)", "letter sent for Tuesday Morning clinic",
                    "results for Crohn disease", "Sodium and Potassium were normal", "cases in China and India rose",
                    "patient is diabetic comma on metformin period", "(二甲双胍 500 mg)", "baby is bf well",
                    "has Parkinson disease and", "I also have Hashimoto's and", "possible Addison disease.", "SpO2 96%",
                    "takes Sinemet 25/100", "Hoehn and Yahr stage 2", "his son visited today", "Bell's palsy in 2015",
                    "my son coughs all night", "my daughter also has a rash", "hi its me again", "hey it's worse today",
                    "hello, this is urgent", "booked a doctor appointment in May", "the doctor said to rest",
                    "CT CHEST, ABDOMEN AND PELVIS", "VACCINATION RECORD\nChild:",
                    "Blood Pressure was high", "Heart Failure Clinic (2F)", "Rocky Mountain spotted fever",
                    "Thrombotic Thrombocytopenic Purpura", "hi its me here again", "its nobody here", "its sore here",
                    "my knee hurts when I walk, Thanks", "Blood Test, DOB",
                    "Stromal Corneal Dystrophy  - MedlinePlus Encyclopedia: Cloudy Cornea   These resources",
                    "Sentinel lymph node biopsy: A sentinel lymph node biopsy is done",
                    "   - Biologic therapy     - Targeted therapy", "Impression: Hematuria noted.",
                    "stool H. Pylori positive; C. Difficile toxin negative", "Millbrook Surgery is closed",
                    "Bed 3 – TAZOCIN, day 2", "Rm 4: DNACPR, palliative", "Bed 4 – BIPAP, weaning",
                    "Rm 3 – ECTOPICS, tele", "Bed 5 – EMPTY, clean", "she is a mother of two",
                    "hidradenitis, Hurley stage II", "CT: LCH in the skull", "Epstein-Barr virus in Burkitt lymphoma"]),
                    }
RECOGNIZERS = [NameRecognizer()]
