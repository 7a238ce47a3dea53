"""Person names: strong context (titles, field labels, relations, self-introductions, signatures), first-name +
surname pairs, spaCy PERSON entities vetoed by the clinical allow-list, and propagation of found names.

Also cities that spaCy tags as places (states and countries are not PHI and stay).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult  # noqa: F401

from guards.phi.allowlist import CLINICAL_ABBREV, DRUGS, EPONYMS, clinical_next, is_clinical_span
from guards.phi.name_lists import census_first_names, is_common_english, is_surname
from guards.phi.recognizers.base import result
from guards.phi.recognizers.location import STATES


@lru_cache(maxsize=1)
def listed_first_names() -> frozenset[str]:
    """The project's own list (guards/phi/data/first_names.txt), which keeps names that are also English words."""
    path = Path(__file__).resolve().parent.parent / "data" / "first_names.txt"
    return frozenset(w for line in path.read_text().splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The project's list and the census given names that are not common English words."""
    return listed_first_names() | census_first_names()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = """again visited died says said called came went took takes has had have is was will would here there
    today tomorrow yesterday now then also just still who that which when where and or but with from at in on to of for
    by the a an home please thanks thank hi hello hey ok okay yes no not very really well good bad sick ill doctor nurse
    patient pt hospital clinic er ed icu ward room bed name number phone email address age years year old months weeks
    days born dob mrn ssn fax cell mobile work office updated notified informed present presents presented visit note
    family history med meds medication medications dr mr mrs ms""".split()
    return frozenset(STOP_WORDS) | frozenset(extra)


NOT_NAMES = frozenset("""pt hx dx tx rx sx vitals sincerely dear regards thanks hello hi subject from to re cc note
exam findings impression plan assessment procedure diagnosis history allergies medications discharge admission
patient family mother father son daughter wife husband dr mr mrs ms st saint phone tel fax email mobile cell pager
bleep address dob case decedent deceased informant witness carer sonographer referring submitting hygienist
coordinator proband participant employer subscriber nme""".split())
COUNTRIES = frozenset("""us usa america united states canada mexico uk england britain germany france spain italy india
china japan korea brazil africa asia europe australia""".split())
STATE_NAMES = frozenset("""alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
washington wisconsin wyoming""".split())

# Letters of any script ("Castañeda", "Ní Bhriain", "Zoë"); lowercase particles join capitalised name words.
_CAP = r"(?!(?:Dr|Mr|Mrs|Ms|Mx|Prof|MD|RN|NP|PA|DO)\b)\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*"
_PARTICLE = r"(?:Ó|Ní|Nic|Ua|Mac|van|von|der|den|de|da|di|del|della|dos|das|du|le|la|bin|binti|ibn|al|el|ter|ten|y)"
_SEQ = rf"{_CAP}(?:[ ](?:{_CAP}|\p{{Lu}}\.|(?:{_PARTICLE}[ ]){{1,2}}{_CAP}))*"
#: a capitalised word whose part after a hyphen may be lowercase, as romanised Korean names are: "Hyun-woo"
_CAP_H = r"\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}+)?"
_UPPER = r"\p{Lu}[\p{Lu}'’-]{1,}"
#: initials before a surname: "P. Nakamura", "J. R. Okonjo"
_INITIALS = rf"(?:\p{{Lu}}\.[ ]?){{1,3}}{_CAP}"
_LASTFIRST = rf"(?:{_CAP}|{_UPPER}),[ ]?(?:{_CAP}|{_UPPER})(?:[ ][A-Z]\b\.?)?"

_STRONG = [
    re.compile(rf"(?i:\b(?:dr|mr|mrs|ms|miss|mx|prof|doctor))\.?[ ]+(?P<n>{_LASTFIRST}|{_INITIALS}|{_SEQ})"),
    # "Re: Rosalind Achterberg, born ..." on a letter or fax
    re.compile(rf"(?i:(?:^|(?<=\n))[ \t]*(?:re|regarding))[ ]*:[ ]+(?P<n>{_LASTFIRST}|{_SEQ})", re.MULTILINE),
    re.compile(rf"(?i:(?:^|(?<=[\s(;,]))(?:patient|pt|name|attending|surgeon|assistant|ordering|referring|provider|"
               rf"physician|case manager|emergency contact|guarantor|signed by|signed|seen by|author|pcp|resident|"
               rf"therapist|counselor|social worker|pharmacist|caregiver|guardian|next of kin|nok|cc|nurse practitioner|"
               rf"charge nurse|staff nurse|nurse|midwife|matron|paramedic|dietitian|dietician|physiotherapist|physio|"
               rf"health visitor|interpreter|chaplain|np|rn|cna|hca|care coordinator|key ?worker|requested by|"
               rf"ordered by|referred by|reviewed by|dictated by|reported by|verified by|witnessed by|accompanied by|"
               rf"brought in by|escorted by|collected by|consented by|translated by|interpreted by)"
               rf"(?:[ ]name)?)[ ]*[:\-]?[ ]+(?P<n>{_LASTFIRST}|{_INITIALS}|{_SEQ}(?:[ ]\p{{Lu}}\b(?!\.))?)", re.MULTILINE),
    re.compile(rf"(?i:\b(?:dear|sincerely|regards|best|cheers|respectfully|yours truly|thanks|thank you|thx|thnx|thanx|many thanks|love))"
               rf"[,:]?\s+(?:[-–—~][ ]*)?(?P<n>{_SEQ})"),
    re.compile(rf"(?P<n>{_SEQ}),?[ ]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PA|PhD|FNP|LPN|MSW|LCSW|DDS|PharmD|APRN|CNM)\b"),
    re.compile(rf"(?:^|\n)[ \t]*[-–—~][ ]*(?P<n>{_SEQ})[ \t]*$"),
    # a name before its e-mail address in a header or signature: "From: Ifeoma Chukwu <ifeoma.c@outlook.com>"
    re.compile(rf"(?P<n>{_SEQ}|{_LASTFIRST})[ ]*<[^<>\s@]+@[^<>\s]+>"),
]
#: a name before an age and sex in brackets, as on ward lists: "Hyun-woo Park (52M)", "Ana Silva (34 F)"
_AGE_SEX_AFTER = re.compile(rf"(?P<n>{_CAP_H}(?:[ ]{_CAP_H}){{1,2}})[ ]*\((?:\d{{1,3}}[ ]?(?:[MF]|y/?o|yo)|[MF][ ]?\d{{1,3}})\)")
_SELF = re.compile(r"(?i)\b(?:this is|my name is|name is|i am|i'm|im|it's|its|name's|(?:text|message|msg|sms|"
                   r"voicemail|voice message|whatsapp) from)[ ]+")
_RELATION = re.compile(r"(?i)\b(?:son|daughter|wife|husband|mother|father|mom|mum|dad|brother|sister|grandson|"
                       r"granddaughter|grandmother|grandfather|grandma|grandpa|partner|fianc[eé]e?|boyfriend|girlfriend|"
                       r"friend|caregiver|aunt|uncle|nephew|niece|cousin|child|kid|baby|spouse|stepson|stepdaughter|"
                       r"neighbou?r|roommate|mate|carer|flatmate|housemate|(?:little |baby )?(?:girl|boy)|"
                       r"ex|ex-(?:partner|husband|wife|boyfriend|girlfriend)|step(?:dad|mum|mom|father|mother)|"
                       r"foster (?:mum|mom|dad|carer|parent)|godmother|godfather|twin|granny|gran|nan|nana|grandad|granddad|"
                       r"abuela|abuelo|abuelita|abuelito|mam[aá]|pap[aá]|hij[ao]|espos[ao]|t[ií][ao]|prim[ao])[,:]?[ ]+\(?")
# a greeting before "it's X": "hiya its aoife", "hey, it's ngozi again" (names no list holds)
_GREETING_SELF = re.compile(r"(?i)\b(?:hi|hiya|hey|hello|morning|evening)[,!.]?[ ]+(?:it'?s|its|this is)[ ]+(?=\p{Ll})")
#: Dictated titles before lowercase names: "patient is mister abdi rahman warsame date of birth ..."
_SAID_TITLE = re.compile(r"(?i)\b(?:mister|missus|mr|mrs|ms|miss)\.?[ ]+(?=\p{Ll})")
_DOCTOR = re.compile(r"(?i)\b(?:doctor|dr)\.?[ ]+(?=\p{Ll})")
#: Words that end a dictated name or that follow "doctor" without being one.
_NOT_AFTER_TITLE = frozenset("""date dob born aged age presents presented presenting seen admitted attends attended comes came
referred reports reported complains complaining follow followup appointment appointments visit visits note notes letter
office surgery clinic review advice told said says recommended ordered prescribed thinks thought wants will would should
may might can could asked asks gave gives sent wrote called rang today tomorrow yesterday next""".split())
_NAME_GOES_ON = re.compile(r"(?i)[ ]*(?:[,.;:)]|$|[ ]+(?:in|on|at|next|tomorrow|today|for|about|from|to|who|and|or|'s|"
                           r"dictating|speaking|here|calling|reporting)\b)")
#: Dictation: "dictating on patient arun subramanian, date of birth ..."
_DICTATED_PATIENT = re.compile(r"(?i)\b(?:dictat\w+|dictation|letter|note|report)[ ]+(?:on|for|about|regarding|re)[ ]+"
                               r"(?:the[ ]+)?(?:patient|pt)[ ]+(?=\p{Ll})")
#: "ok so its dev here", "this is sam here": a word between "it's" and "here" is the writer's name
_SELF_HERE = re.compile(r"(?i)\b(?:it'?s|its|this is)[ ]+(?P<w>\p{L}+)[ ]+here\b")
#: "GARCIA-MARQUEZ, JOSE LUIS" on a label: capitals, a comma and a known first name.
_UPPER_LASTFIRST = re.compile(r"\b(?P<last>\p{Lu}[\p{Lu}'’-]+),[ ]?(?P<first>\p{Lu}{2,})(?P<rest>(?:[ ](?:\p{Lu}{2,}|\p{Lu}\b)){0,3})")
_MIXED_LASTFIRST = re.compile(rf"\b(?P<last>{_CAP}),[ ](?P<first>\p{{Lu}}\p{{Ll}}+)\b(?=[ ]*(?:\(|$|\n|[,;.:-]))", re.MULTILINE)
_PAIR = re.compile(rf"\b(?P<n>{_CAP_H}(?:[ ]{_CAP}){{1,2}})")
#: "SURNAME, Given" in a list, whatever follows it, when both are in the census lists: "08:50 O'Neill, Siobhan diabetic"
_LISTED_LASTFIRST = re.compile(rf"\b(?P<last>{_CAP}|{_UPPER}),[ ](?P<first>\p{{Lu}}\p{{Ll}}+)\b")
_LABEL_BEFORE = re.compile(r"(?:^|[:#\n]|\d{1,2}:\d{2})[ \t]*$")
#: Words after a capitalised pair that make it an organisation or a place: "Harris Park Medical (Centre)".
_ORG_NAMES = ("Medical", "Clinic", "Hospital", "Centre", "Center", "Practice", "Surgery", "Pharmacy", "Health", "Healthcare",
              "University", "School", "College", "Group", "Associates", "Partners", "Trust", "Foundation", "Institute",
              "Care", "Road", "Street", "Avenue", "Lane", "Drive")
_ORG_AFTER = re.compile(r"[ ]+(?:" + "|".join(_ORG_NAMES) + r")\b")
#: ... and as the last word of the pair itself: "Cleveland Clinic", "Rocky Mountain"
_ORG_WORDS_SET = frozenset(_ORG_NAMES) | {"Mountain", "Mountains", "River", "Valley", "County"}
#: a name before a date of birth or record number ("for Faadumo Cali Xasan, DOB unknown", "Wanjiru Kamau (MRN"), or in
#: a death notice ("Margarethe Sørensen, beloved wife of Henrik")
_BEFORE_IDENTITY = re.compile(rf"(?P<n>{_SEQ}),?[ ]+(?:\(?(?:DOB|D\.O\.B\.?|d\.o\.b\.?|born|date of birth|MRN|NHS (?:no|number)|"
                              rf"hospital number)\b|beloved|(?:wife|husband|son|daughter|mother|father|widow|widower|partner) of\b|aged \d)")
_FIRST_PERSON = re.compile(r"(?i)\b(?:my|i|i'm|im|me)\b")
_NAME_PARTICLES = frozenset("da de do dos das del della di du van von der den la le al el bin ibn".split())
#: A single capitalised word closing a chat message after a comma or dash: "my number is 07700 900981, Kasia"
_CLOSING_NAME = re.compile(r"(?:,|[ ][-–—])[ ]+(?P<n>\p{Lu}\p{Ll}{2,})[ ]*(?:[.!]|[ ]?x+)?\s*$")
#: Two or three capitalised words that are neither English nor clinical, before a verb that goes on after a person:
#: "Tevita Fifita injured his shoulder", names that no list holds.
_UNLISTED_BEFORE_VERB = re.compile(rf"(?:^|(?<=[:;\n][ \t]{{0,3}}))(?P<n>\p{{Lu}}\p{{Ll}}+(?:[ ]\p{{Lu}}\p{{Ll}}+){{1,2}})"
                                   rf"(?=[ ]+(?:\p{{Ll}}+ed|says|said|told|reports|presents|complains|denies|lives|works|"
                                   rf"came|fell|went|took|got|felt|needs|wants)\b)", re.MULTILINE)
#: Word endings of clinical terms and adjectives, which a capitalised pair of rare words often is ("Thrombocytopenic
#: Purpura", "Cystic Fibrosis"), not a name.
_TERM_ENDS = ("ic", "al", "ous", "ive", "ary", "oid", "itis", "osis", "emia", "aemia", "oma", "pathy", "plasia",
              "trophy", "cele", "algia", "ism", "ular", "form", "tion", "y")
_WORD = re.compile(r"\p{L}[\p{L}'’-]*")


#: Words that go on a sentence after a person is named: "my son tobias has had", "my mate deepak drove me".
_AFTER_NAME = re.compile(r"(?i)[ ]+(?:has|had|have|is|was|isn'?t|wasn'?t|who|says|said|told|rang|rings|called|phoned|"
                         r"texted|drove|drives|took|takes|fell|falls|came|comes|went|goes|visits|visited|lives|works|"
                         r"wants|needs|thinks|thought|seems|feels|felt|keeps|kept|gets|got|can'?t|won'?t|will|would|"
                         r"did|does|didn'?t|doesn'?t|also|just|and i|and me|'s)\b")
_NOT_A_NAME_END = ("ly", "ing")
_PEOPLE = frozenset("boy girl baby son daughter lad lass man woman kid child toddler teenager teen twin twins one "
                    "sister brother".split())


def _name_after(text: str, pos: int, lowercase_ok: bool) -> tuple[int, int] | None:
    """A name starting at ``pos``: capitalized words, or a known first name (any case) and its surname."""
    words = []
    cursor = pos
    for m in _WORD.finditer(text, pos, min(len(text), pos + 60)):
        if m.start() != cursor:
            break
        words.append(m)
        cursor = m.end() + 1
        if cursor - 1 >= len(text) or text[cursor - 1] != " ":
            break
        if len(words) == 3:
            break
    if not words:
        return None
    first = words[0].group()
    low = first.lower()
    common = common_words()
    if first[0].isupper() and low not in common and not _clinical_word(low):
        end = words[0].end()
        for w in words[1:]:
            g = w.group()
            if g[0].isupper() and g.lower() not in common and not _clinical_word(g.lower()):
                end = w.end()
            else:
                break
        return pos, end
    if lowercase_ok and low in first_names():
        end = words[0].end()
        if len(words) > 1 and not _AFTER_NAME.match(text, end):  # "priya visits" is a name and its verb
            nxt = words[1].group().lower()
            if nxt.isalpha() and nxt not in common and not _clinical_word(nxt) and len(nxt) > 1:
                end = words[1].end()
        return pos, end
    return None


def _lowercase_name_before_verb(text: str, pos: int) -> tuple[int, int] | None:
    """After a relation word, one lowercase word followed by a word that goes on a sentence after a name ("my son
    tobias has", "his carer priya visits"): names that neither the first-name list nor spaCy knows. Words of the
    language there ("my son suddenly had", "my son also has") are common words, adverbs or clinical."""
    m = _WORD.match(text, pos)
    if m is None or not _AFTER_NAME.match(text, m.end()):
        return None
    word = m.group()
    low = word.lower()
    if (word != low or len(low) < 3 or low in common_words() or _clinical_word(low) or low.endswith(_NOT_A_NAME_END)
            or low in _PEOPLE or low in COUNTRIES or low in STATE_NAMES):
        return None
    return m.span()


# After "hi, it's", a word that is not a name is mostly an adjective ("it's worse", "this is urgent").
_ADJECTIVE_ENDS = ("ful", "ous", "ive", "able", "ible", "al", "ic", "ent", "ant", "er", "est", "ed", "ing", "ly", "less")
_AFTER_GREETED = re.compile(r"(?i)[ ]*(?:[,.!?]|$|[ ]+(?:again|here|from|calling|texting|speaking|and i)\b)")


def _name_word(word: str) -> bool:
    low = word.lower()
    return (low.isalpha() and len(low) > 1 and low not in common_words() and not _clinical_word(low)
            and low not in _NOT_AFTER_TITLE and not low.endswith(("ed", "ing", "ly", "tion", "ment")))


def _dictated_names(text: str) -> list[tuple[int, int]]:
    """Names written in lowercase after a title ("mister abdi rahman warsame", "with doctor oyelaran in three months")
    and capitalised "LAST, FIRST" on labels when FIRST is a known first name."""
    spans = []
    for m in [*_SAID_TITLE.finditer(text), *_DICTATED_PATIENT.finditer(text)]:
        end = None
        for w in list(_WORD.finditer(text, m.end(), min(len(text), m.end() + 60)))[:3]:
            if (end is not None and text[end:w.start()] != " ") or not _name_word(w.group()):
                break
            end = w.end()
        if end is not None:
            spans.append((m.end(), end))
    for m in _DOCTOR.finditer(text):
        w = _WORD.match(text, m.end())
        if w and _name_word(w.group()) and _NAME_GOES_ON.match(text, w.end()):
            spans.append(w.span())
    for rx in (_UPPER_LASTFIRST, _MIXED_LASTFIRST):
        for m in rx.finditer(text):
            last, first = m.group("last").lower(), m.group("first").lower()
            # a census surname alone will do on a label in capitals ("Rx label: MAHMOUD, KHALED"), not in an
            # address ("BIRCHWOOD LANE, FRAMINGHAM") or in running text ("Dr. Fischer, Tucson")
            labelled = (rx is _UPPER_LASTFIRST and is_surname(last) and _unknown_word(first)
                        and bool(_LABEL_BEFORE.search(text, 0, m.start())))
            if (first in first_names() or labelled) and not _clinical_word(last) and last not in common_words():
                end = m.end("first")
                # middle names in capitals ("SANTOS, MARIA DA CONCEICAO"), up to a word of the language or the clinic
                for w in _WORD.finditer(text, m.end("first"), m.end()) if "rest" in m.groupdict() else []:
                    low = w.group().lower()
                    if _clinical_word(low) or (is_common_english(low) and low not in _NAME_PARTICLES):
                        break
                    end = w.end()
                spans.append((m.start(), end))
    for m in _LISTED_LASTFIRST.finditer(text):
        last, first = m.group("last"), m.group("first").lower()
        listed = first in first_names() or bool(_LABEL_BEFORE.search(text, 0, m.start()))
        if is_surname(last) and listed and _unknown_word(last.lower()) and _unknown_word(first):
            spans.append(m.span())
    return spans


def _greeted_name(text: str, word: re.Match[str]) -> bool:
    """"hiya its aoife, my boyfriend...": the word after a greeting and "it's" is a name when a comma, the end or
    "again"/"here" follows it and it is not a common, clinical or adjective-like word."""
    low = word.group().lower()
    return (len(low) > 1 and low not in common_words() and not _clinical_word(low) and not low.endswith(_ADJECTIVE_ENDS)
            and bool(_AFTER_GREETED.match(text, word.end())))


def _person_word_at(doc: object, pos: int) -> tuple[int, int] | None:
    """The word at ``pos`` when spaCy's PERSON entity covers it: lowercase names missing from the first-name list
    ("my daughter aanya" is tagged PERSON "daughter aanya"; "my son coughs" is not)."""
    if doc is None:
        return None
    token = next((t for t in doc if t.idx == pos), None)  # type: ignore[attr-defined]
    if token is None or token.ent_type_ != "PERSON" or not token.is_alpha or len(token.text) < 2:
        return None
    low = token.lower_
    if low in common_words() or _clinical_word(low) or low in COUNTRIES or low in STATE_NAMES:
        return None
    return pos, pos + len(token.text)


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


def _all_english(span: str) -> bool:
    """Every word an ordinary English word and none on the project's name list ("Child", "Record"), so weak evidence
    is not enough."""
    words = [w.group().lower() for w in _WORD.finditer(span)]
    return bool(words) and all(is_common_english(w) and w not in listed_first_names() for w in words)


def _heading(span: str) -> bool:
    """Capitals with no known first name and no comma: a heading ("VACCINATION RECORD"), not "KOWALCZYK, BEATA"."""
    words = [w.group().lower() for w in _WORD.finditer(span)]
    return span.isupper() and "," not in span and not any(w in first_names() for w in words)


def _rare_word(w: str) -> bool:
    """An unknown word that does not end like a clinical term or an adjective."""
    return _unknown_word(w) and not w.endswith(_TERM_ENDS)


def _unknown_word(w: str) -> bool:
    """Not English, not clinical and not a place name: a word that, capitalised, is most likely part of a name."""
    core = w.replace("'", "").replace("’", "").replace("-", "")
    return (core.isalpha() and len(core) > 1 and w not in common_words() and not _clinical_word(w)
            and not is_common_english(core) and w not in COUNTRIES and w not in STATE_NAMES and w not in _NOT_AFTER_TITLE)


def _not_name_word(w: str) -> bool:
    """Drugs, abbreviations and label words; eponyms are judged by what follows them, not alone."""
    w = w.strip("'’").removesuffix("'s").removesuffix("’s")
    return w in DRUGS or w in CLINICAL_ABBREV or w in NOT_NAMES


def _clinical_word(w: str) -> bool:
    w = w.strip("'’").removesuffix("'s").removesuffix("’s")
    return w in DRUGS or w in CLINICAL_ABBREV or w in EPONYMS or w in NOT_NAMES


class NameRecognizer(EntityRecognizer):
    """NAME (and CITY from spaCy places) with the clinical allow-list applied to weak evidence."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["NAME", "CITY"], name="NameRecognizer",
                         context=["patient", "name", "dr", "mr", "mrs", "ms", "son", "daughter", "wife", "husband"])

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        strong: list[tuple[int, int]] = []
        for rx in _STRONG:
            for m in rx.finditer(text):
                strong.append(m.span("n"))
        for m in _AGE_SEX_AFTER.finditer(text):
            words = m.group("n").split()
            if words[-1] not in _ORG_WORDS_SET and not _all_english(m.group("n")):
                strong.append(m.span("n"))
        doc = getattr(nlp_artifacts, "tokens", None)
        for rx in (_SELF, _RELATION):
            for m in rx.finditer(text):
                span = (_name_after(text, m.end(), lowercase_ok=True) or _person_word_at(doc, m.end())
                        or (_lowercase_name_before_verb(text, m.end()) if rx is _RELATION else None))
                if span:
                    strong.append(span)
        strong += _dictated_names(text)
        for m in _SELF_HERE.finditer(text):
            low = m.group("w").lower()
            if (len(low) > 1 and low not in common_words() and not _clinical_word(low) and not low.endswith(_ADJECTIVE_ENDS)
                    and (low in first_names() or not is_common_english(low))):
                strong.append(m.span("w"))
        for m in _GREETING_SELF.finditer(text):
            word = _WORD.match(text, m.end())
            if word and _greeted_name(text, word):
                strong.append(word.span())
        strong = [s for s in (_trim(text, a, b) for a, b in strong) if s]
        weak: list[tuple[int, int]] = []
        for m in _PAIR.finditer(text):
            words = m.group("n").split()
            first = words[0].lower()
            if (_ORG_AFTER.match(text, m.end("n")) or words[-1] in _ORG_WORDS_SET
                    or clinical_next(text, m.end("n"))):
                continue
            rest = [w.lower() for w in words[1:]]
            if first in listed_first_names():
                weak.append(m.span("n"))
            elif first in first_names() and not any(is_common_english(w) for w in rest):
                weak.append(m.span("n"))  # a census given name, before words that are not English ("Rocky Mountain")
            elif is_surname(words[-1]) and _rare_word(first) and all(_rare_word(w) for w in rest):
                weak.append(m.span("n"))
        for m in _CLOSING_NAME.finditer(text):  # the writer signing a message in the first person
            if _FIRST_PERSON.search(text) and (_unknown_word(m.group("n").lower()) or m.group("n").lower() in first_names()):
                weak.append(m.span("n"))
        for m in _BEFORE_IDENTITY.finditer(text):
            words = list(_WORD.finditer(text, *m.span("n")))
            while words and (words[0].group().lower() in common_words() or words[0].group().lower() in ("i'm", "i’m")):
                words.pop(0)  # "I'm Jessica Tran (MRN ...": the name starts after the words of the sentence
            span = text[words[0].start():m.end("n")] if words else ""
            if span and not _all_english(span) and not any(_clinical_word(w.group().lower()) for w in words):
                weak.append((words[0].start(), m.end("n")))
        for m in _UNLISTED_BEFORE_VERB.finditer(text):
            if all(_rare_word(w.lower()) for w in m.group("n").split()):
                weak.append(m.span("n"))
        cities: list[tuple[int, int]] = []
        if doc is not None:
            for ent in doc.ents:
                if ent.label_ == "PERSON" and _plausible_person(ent):
                    weak.append((ent.start_char, ent.end_char))
                elif ent.label_ == "GPE" and _is_city(text, ent.start_char, ent.end_char):
                    cities.append((ent.start_char, ent.end_char))
        weak = [s for s in (_trim(text, a, b) for a, b in _lines(text, weak)) if s and not is_clinical_span(text, *s)
                and not _looks_unlike_name(text[s[0]:s[1]]) and not _all_english(text[s[0]:s[1]])
                and not _heading(text[s[0]:s[1]])]
        found = _propagate(text, strong + weak)
        results = [result(self, "NAME", a, b, 0.9) for a, b in strong]
        results += [result(self, "NAME", a, b, 0.75) for a, b in weak + found]
        results += [result(self, "CITY", a, b, 0.6) for a, b in cities]
        return results


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip titles, possessives, trailing punctuation and clinical words at the edges."""
    span = text[start:end]
    m = re.match(r"(?i)(?:(?:dr|mr|mrs|ms|miss|mx|prof)\.?\s+)+", span)
    if m:
        start += m.end()
    while end > start and text[end - 1] in ".,;:'’ -":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    words = list(_WORD.finditer(text, start, end))
    while words and (_not_name_word(words[-1].group().lower()) or clinical_next(text, words[-1].end())):
        words.pop()
    while words and _not_name_word(words[0].group().lower()):
        words.pop(0)
    if not words:
        return None
    return words[0].start(), words[-1].end()


def _looks_unlike_name(span: str) -> bool:
    words = span.split()
    if any(any(c.isdigit() for c in w) for w in words):
        return True
    if len(words) == 1 and (span.isupper() or span.islower() or span.lower() in common_words()):
        return True
    return any(w.lower().strip(".,'’") in NOT_NAMES for w in words)


_SENT_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|\(\s*)$")


def _plausible_person(ent: object) -> bool:
    """spaCy's small model tags many capitalised clinical words as PERSON: a lone word must look like a name.

    It is kept when it is a known first name, or a capitalised word in mid-sentence that is not a common word.
    """
    tokens = [t for t in ent if t.is_alpha]  # type: ignore[attr-defined]
    if len(tokens) != 1:
        return True
    tok = tokens[0]
    if tok.lower_ in first_names():
        return True
    before = tok.doc.text[max(0, tok.idx - 4):tok.idx]
    return tok.text[:1].isupper() and not _SENT_START.search(before) and tok.lower_ not in common_words()


_PLACE_CUE = re.compile(r"(?i)(?:\b(?:in|from|at|near|to|of|live|lives|living|moved|visiting|city)|,)\s*$")
_ORG_WORDS = re.compile(r"(?i)\b(?:st\.?|saint|hospital|medical|center|centre|clinic|health|university|county|"
                        r"general|memorial|pharmacy|medicaid|medicare)\b|'s\b|’s\b")


def _is_city(text: str, start: int, end: int) -> bool:
    """A spaCy place is kept as PHI when it reads as a town: not a state or country, not clinical, after a place cue."""
    span = text[start:end]
    low = span.lower().strip(". ")
    return (span[:1].isupper() and span not in STATES and low not in STATE_NAMES and low not in COUNTRIES
            and not any(c.isdigit() for c in span) and len(low) > 2 and not _ORG_WORDS.search(span)
            and not is_clinical_span(text, start, end) and bool(_PLACE_CUE.search(text[max(0, start - 25):start])))


def _propagate(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Other mentions of words of names already found ("Mrs. O'Connell" after "Margaret O'Connell")."""
    tokens = {w.group() for a, b in spans for w in _WORD.finditer(text, a, b) if len(w.group()) > 1}
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


CASES = {
    "NAME": (["Patient: Margaret O'Connell   MRN", "Attending: Dr. Rajesh Patel\n", "Hi, this is Daniel Kim.",
              "his daughter Karen at", "Sincerely,\nThomas Reed, MD", "Name: WILLIAMS, ROBERT J\n", "Pt Yamamoto, Kenji, bed",
              "hey its marcus lee again", "my son jake has a fever", "units of insulin. - Natalie Brooks",
              "Seen by Dr. Alan Graves for Graves disease", "my daughter aanya is 4",
              "Ordered by Siobhan Ní Bhriain, NP.", "with Nurse Practitioner Amara Okafor-Bello (",
              "seen with nurse Amara Bello.", "Pt: Mr. Declan Ó Súilleabháin, MRN", "Dr. Maria de la Cruz saw",
              "hiya its aoife, my", "her ex, tyrone, threatened", "patient is mister abdi rahman warsame date of birth",
              "next visit with doctor oyelaran in three months", "Rx# 4481923  GARCIA-MARQUEZ, JOSE LUIS  DOB",
              "Hove BN3 2QW. thx - Priya 😊", "Patient Mrs Eileen O'Brien's daughter", "Bed 12: Jones, Gwen (78F), NSTEMI",
              "Bed 14: Mr P. Nakamura, post-op", "Requested by J. R. Okonjo\n", "Re: Rosalind Achterberg, born",
              "Patient Smith J  DOB", "From: Ifeoma Chukwu <ifeoma.c@outlook.com>", "clinic: Hyun-woo Park (52M) INR",
              "Rx label: MAHMOUD, KHALED  2290", "08:30 O'Neill, Siobhan diabetic foot review", "claim: Tevita Fifita injured his",
              "text from lupe: my abuela carmen cant", "this is doctor mehta dictating on patient arun subramanian, date",
              "ok so its dev here, my nan", "consent witnessed by Thandiwe Mokoena (theatre",
              "for Faadumo Cali Xasan, DOB unknown", "Wanjiru Kamau (MRN KNH-228817)", "Margarethe Sørensen, beloved wife of",
              "ALERT - SANTOS, MARIA DA CONCEICAO - PENICILLIN", "my number is 07700 900981, Kasia"],
             ["has Parkinson disease and", "I also have Hashimoto's and", "possible Addison disease.", "SpO2 96%",
              "takes Sinemet 25/100", "Hoehn and Yahr stage 2", "his son visited today", "Bell's palsy in 2015", "my son coughs all night",
              "my daughter also has a rash", "hi its me again", "hey it's worse today", "hello, this is urgent",
              "booked a doctor appointment in May", "the doctor said to rest", "CT CHEST, ABDOMEN AND PELVIS",
              "VACCINATION RECORD\nChild:", "Harris Park Medical Centre",
              "Blood Pressure was high", "Heart Failure Clinic (2F)", "Rocky Mountain spotted fever",
              "Thrombotic Thrombocytopenic Purpura", "hi its me here again", "its nobody here", "its sore here",
              "my knee hurts when I walk, Thanks", "Blood Test, DOB", "Stromal Corneal Dystrophy  - MedlinePlus Encyclopedia: Cloudy Cornea   These resources"]),
}
RECOGNIZERS = [NameRecognizer()]
