"""Strong evidence of a person's name: titles, field labels, relations, self-introductions, signatures, dictated
names in lowercase and "LAST, FIRST" on labels."""

from __future__ import annotations

import regex as re

from guards.phi.name_lists import english_frequency, is_common_english, is_surname
from guards.phi.recognizers.name_words import (
    CAP,
    CAP_H,
    COUNTRIES,
    INITIALS,
    LASTFIRST,
    NOT_AFTER_TITLE,
    ORG_WORDS_SET,
    SEQ,
    STATE_NAMES,
    UPPER,
    WORD,
    all_english,
    clinical_word,
    common_words,
    first_names,
    unknown_word,
)

_STRONG = [
    re.compile(rf"(?i:\b(?:dr|mr|mrs|ms|miss|mx|prof|doctor))\.?[ ]+(?P<n>{LASTFIRST}|{INITIALS}|{SEQ})"),
    # a title before a name in capitals, as notes write them: "Dr. VASQUEZ paged", "MR SMITH"
    re.compile(rf"(?i:\b(?:dr|mr|mrs|ms|miss|mx|prof|doctor))\.?[ ]+(?P<n>{UPPER}(?:[ ]{UPPER})?)(?![\p{{L}}])"),
    # titles in Dutch, German, French, Spanish, Portuguese and Italian: "Dhr. Jeroen de Vries", "Frau Anna-Lena Müller"
    re.compile(rf"(?i:\b(?:dhr|mevr|mevrouw|meneer|herr|frau|mme|mlle|madame|monsieur|señora?|senhora?|signora?|sig\.ra"
               rf"))\.?[ ]+"
               rf"(?P<n>{SEQ})"),
    # a maiden name: "Mme Dubois, née Lefèvre", "Frau Schmidt, geb. Wagner"
    re.compile(rf"(?i:\b(?:n[ée]e|geb\.|geborene|z domu))[ ]+(?P<n>{SEQ})"),
    # Vietnamese names, family name first, with its diacritics (which "Le", "Ho" or "Vu" alone would not be): "Nguyễn
    # Thị Minh Khai"; and after the Vietnamese for patient, "Bệnh nhân"
    re.compile(r"\b(?P<n>(?:Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Võ|Vũ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đoàn|Trương|Lâm)"
               r"(?:[ ]\p{Lu}\p{Ll}*){1,3})"),
    re.compile(rf"(?i:\bbệnh nhân)[ ]*:?[ ]+(?P<n>{SEQ})"),
    # a typist's initials at the foot of a letter: "typed by lm", "transcribed by: KW"
    re.compile(r"(?i:\b(?:typed|transcribed|keyed)[ ]+by)[ ]*:?[ ]+(?P<n>\p{Ll}{2,3}|\p{Lu}{2,3})\b(?![ "
               r"]+(?:ward|staff|the|a|an)\b)"),
    # name fields, the value often in capitals: "SURNAME: O'BRIEN | FORENAME: CIARAN"
    re.compile(rf"(?i:\b(?:surname|forenames?|first names?|last name|given names?|family name|christian name|middle "
               rf"names?))"
               rf"[ ]*[:\-][ ]*(?P<n>{UPPER}(?:[ ]{UPPER}){{0,2}}|{SEQ})"),
    # the holder on an insurance card or claim, two or three words: "Subscriber: LAURA M BENNETT", "Insured: Tom Ruiz"
    re.compile(rf"(?i:\b(?:subscriber|insured|primary insured|policy ?holder|member|beneficiary|cardholder|card holder)"
               rf"(?:[ ]name)?)[ ]*:[ ]*(?P<n>{UPPER}(?:[ ]\p{{Lu}}\b\.?)?(?:[ ]{UPPER}){{1,2}}|{CAP}(?:[ "
               rf"]\p{{Lu}}\.?)?[ ]{CAP})"),
    # "Re: Rosalind Achterberg, born ..." on a letter or fax
    re.compile(rf"(?i:(?:^|(?<=\n))[ \t]*(?:re|regarding))[ ]*:[ ]+(?P<n>{LASTFIRST}|{SEQ})", re.MULTILINE),
    re.compile(rf"(?i:(?:^|(?<=[\s(;,]))(?:patient|pt|name|proband|client|service user|student|pupil|donor|recipient|"
               rf"policyholder|covering for|cover for|handover to|handed over to|handover from|attending|surgeon|"
               rf"assistant|ordering|referring|provider|"
               rf"physician|case manager|emergency contact|guarantor|signed by|signed|seen by|author|pcp|resident|"
               rf"therapist|counselor|social worker|pharmacist|caregiver|guardian|next of kin|nok|cc|nurse "
               rf"practitioner|"
               rf"charge nurse|staff nurse|nurse|midwife|matron|paramedic|dietitian|dietician|physiotherapist|physio|"
               rf"health visitor|interpreter|chaplain|np|rn|cna|hca|care coordinator|key ?worker|requested "
               rf"by|hygienist|dentist|"
               rf"dental nurse|optician|optometrist|podiatrist|receptionist|radiographer|phlebotomist|occupational "
               rf"therapist|"
               rf"message left with|left (?:a )?message with|spoke (?:to|with)|"
               rf"prescriber|prescribed by|dispensed by|coordinator|"
               rf"ordered by|referred by|reviewed by|dictated by|reported by|verified by|witnessed by|accompanied by|"
               rf"brought in by|escorted by|collected by|consented by|translated by|interpreted by)"
               rf"(?:[ ]name)?)[ ]*[:\-]?[ ]+(?!(?i:name|number|no|id)\b)(?P<n>{LASTFIRST}|{INITIALS}|(?:\p{{Lu}}\.[ "
               rf"]?){{1,3}}{UPPER}|{SEQ}(?:[ ]\p{{Lu}}\b(?!\.))?)", re.MULTILINE),
    re.compile(rf"(?i:\b(?:dear|sincerely|regards|best|cheers|respectfully|yours truly|thanks|thank "
               rf"you|thx|thnx|thanx|many thanks|love))"
               rf"[,:]?\s+(?:[-–—~][ ]*)?(?P<n>{SEQ})"),
    re.compile(rf"(?P<n>{SEQ}),?[ ]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PA|PhD|FNP|LPN|MSW|LCSW|DDS|PharmD|APRN|CNM)\b"),
    re.compile(rf"(?:^|\n)[ \t]*[-–—~][ ]*(?P<n>{SEQ})[ \t]*$"),
    # a chat exported with its time stamps: "[12/03/2025, 09:14] Mehmet Yılmaz: ..."
    re.compile(rf"(?:^|(?<=\n))\[[^\]\n]{{6,24}}\][ ]+(?:-[ ]+)?(?P<n>{SEQ}):"),
    # a team-chat author line, a user name made of name parts and the time: "kenji.tanaka 10:42 PM"
    re.compile(r"(?:^|(?<=\n))[ \t]*(?P<n>\p{Ll}[\p{Ll}]*[._]\p{Ll}[\p{Ll}-]+)[ ]+\d{1,2}:\d{2}(?:[ "
               r"]?[AaPp]\.?[Mm]\.?)?[ \t]*(?=\n|$)"),
    # initials and a surname after "by": "collected 05.06.2025 by T. Okwuosa"
    re.compile(rf"\bby[ ]+(?P<n>{INITIALS})"),
    # a name in another script in brackets after its romanised form: "Ahmed Hassan (أحمد حسن)", "(רמש כהן)", "(रमेश
    # कुमार)"
    re.compile(r"[(（](?P<n>[\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Tamil}\p{Thai}]+"
               r"(?:[ ][\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}\p{Gurmukhi}\p{Tamil}\p{Thai}]+){0,3})[)）]"),
    # a Japanese or Chinese name of up to five characters in brackets straight after the romanised name: "Yamada Taro
    # (山田太郎)"
    re.compile(r"(?<=\p{Lu}\p{Ll}+[ ]?)[(（](?P<n>[\p{Han}\p{Hiragana}\p{Katakana}]{2,5})[)）]"),
    # a Russian record's patient: "Пациент Иванов Иван Иванович", "ФИО: Петрова Анна"
    re.compile(r"(?:Пациент(?:ка)?|Больн(?:ой|ая)|ФИО|Ф\.И\.О\.)[:]?[ ]+(?P<n>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2})"),
    # a name field in capitals with no punctuation, up to the next field: "PT NAME JOSEPHINE ABARA DOB 12 12 1949"
    re.compile(rf"(?:(?i:\b(?:pt|patient|client) name)|(?:^|(?<=\n))NAME)[ ]*[:\-]?[ ]*(?P<n>{UPPER}(?:[ "
               rf"](?!(?:DOB|D\.O\.B|ADDR|ADDRESS|"
               rf"MRN|AGE|SEX|NHS|TEL|PHONE|DX|HX|WARD|BED|GP)\b){UPPER}){{0,2}})(?=[ ]|$)"),
    # a Chinese name in Han characters, in brackets after its romanised form or after the label: "ZHANG Wei (张伟)"
    re.compile(r"(?:[(（]|姓名[:：]?[ ]*)(?P<n>\p{Han}{2,3})(?=[)）]|[ ]*[,，;\n]|$)"),
    # a name before its e-mail address in a header or signature: "From: Ifeoma Chukwu <ifeoma.c@outlook.com>"
    re.compile(rf"(?P<n>{SEQ}|{LASTFIRST})[ ]*<[^<>\s@]+@[^<>\s]+>"),
]
#: a name before an age and sex in brackets, as on ward lists: "Hyun-woo Park (52M)", "Ana Silva (34 F)"
_AGE_SEX_AFTER = re.compile(rf"(?P<n>{CAP_H}(?:[ ]{CAP_H}){{1,2}})[ ]*\((?:\d{{1,3}}[ ]?(?:[MF]|y/?o|yo)|[MF][ "
                            rf"]?\d{{1,3}})\)")
_SELF = re.compile(r"(?i)\b(?:this is|my name is|name is|i am|i'm|im|it's|its|name's|(?:text|message|msg|sms|"
                   r"voicemail|voice message|whatsapp) from)[ ]+")
_RELATION = re.compile(r"(?i)\b(?:son|daughter|wife|husband|mother|father|mom|mum|dad|brother|sister|grandson|"
                       r"granddaughter|grandmother|grandfather|grandma|grandpa|partner|fianc[eé]e?|boyfriend|girlfriend"
                       r"|"
                       r"friend|caregiver|aunt|uncle|nephew|niece|cousin|child|kid|baby|spouse|stepson|stepdaughter|"
                       r"neighbou?r|roommate|mate|carer|flatmate|housemate|(?:little |baby )?(?:girl|boy)|"
                       r"ex|ex-(?:partner|husband|wife|boyfriend|girlfriend)|step(?:dad|mum|mom|father|mother)|"
                       r"gf|bf|hubby|foster "
                       r"(?:mum|mom|dad|carer|parent)|godmother|godfather|twin|granny|gran|nan|nana|grandad|granddad|"
                       r"abuela|abuelo|abuelita|abuelito|mam[aá]|pap[aá]|hij[ao]|espos[ao]|t[ií][ao]|prim[ao])(?:[ "
                       r"]of)?[,:]?[ ]+\(?['\u2018\"\u201c]?")
# a greeting before "it's X": "hiya its aoife", "hey, it's ngozi again" (names no list holds)
_GREETING_SELF = re.compile(r"(?i)\b(?:hi|hiya|hey|hello|morning|evening)[,!.]?[ ]+(?:it'?s|its|this is)[ ]+(?=\p{Ll})")
#: Dictated titles before lowercase names: "patient is mister abdi rahman warsame date of birth ..."
_SAID_TITLE = re.compile(r"(?i)\b(?:mister|missus|mr|mrs|ms|miss)\.?[ ]+(?=\p{Ll})")
#: a first name after what is sent or reported for a person: "Re: results for Marguerite"
_FOR_PERSON = re.compile(r"\b(?:results|report|letter|referral|appointment|prescription|bloods|scan|notes)[ ]+for[ "
                         r"]+(?P<n>\p{Lu}\p{Ll}+)\b")
#: two listed first names joined by "and": "crew Gemma and Raj"
_TWO_FIRST = re.compile(r"\b(?P<a>\p{Lu}\p{Ll}+)[ ]+and[ ]+(?P<b>\p{Lu}\p{Ll}+)\b")
#: a full name after something sent or booked for a person: "link sent to +61 412 555 019 for Mere Tawhiri"
_SENT_FOR = re.compile(r"\b(?:sent|texted|emailed|posted|issued|booked)\b[^.\n]{0,60}?\bfor[ ]+(?P<n>\p{Lu}\p{Ll}+[ "
                       r"]\p{Lu}\p{Ll}+)\b")
_NOT_A_FIRST_WORD = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                               "january", "february", "march", "april", "may", "june", "july", "august", "september",
                               "october", "november", "december", "the", "this", "next"})
#: a chat line's speaker, a listed first name before a colon at the start of a line: "Chidi: I'll take her"
_SPEAKER = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<n>\p{Lu}\p{Ll}+):[ ]+\S")
#: a newborn called by the family name, "Baby" before it as a title: "Baby Morris (baby of Chantelle Morris)"
_BABY_OF = re.compile(rf"\b(?:Baby|Infant)(?:[ ](?:Boy|Girl))?[ ]+(?P<n>{CAP})\b")
#: Dictated text says its punctuation ("... comma date of birth ... period"); there "patient is" comes before a name.
_SPOKEN_PUNCTUATION = re.compile(r"(?i)\b(?:comma|period|full stop|new paragraph|new line)\b")
_PATIENT_IS = re.compile(r"(?i)\b(?:patient|pt)(?:'s)?(?:[ ]+name)?[ ]+is[ ]+(?=\p{Ll})")
_DOCTOR = re.compile(r"(?i)\b(?:doctor|dr)\.?[ ]+(?=\p{Ll})")
_NAME_GOES_ON = re.compile(r"(?i)[ ]*(?:[,.;:)]|$|[ ]+(?:in|on|at|next|tomorrow|today|for|about|from|to|who|and|or|'s|"
                           r"dictating|speaking|here|calling|reporting)\b)")
#: Dictation: "dictating on patient arun subramanian, date of birth ..."
_DICTATED_PATIENT = re.compile(r"(?i)\b(?:dictat\w+|dictation|letter|note|report)[ ]+(?:on|for|about|regarding|re)[ ]+"
                               r"(?:the[ ]+)?(?:patient|pt)[ ]+(?=\p{Ll})")
#: "ok so its dev here", "this is sam here": a word between "it's" and "here" is the writer's name
_SELF_HERE = re.compile(r"(?i)\b(?:it'?s|its|this is)[ ]+(?P<w>\p{L}+)[ ]+here\b")
#: "GARCIA-MARQUEZ, JOSE LUIS" on a label: capitals, a comma and a known first name.
_UPPER_LASTFIRST = re.compile(r"\b(?P<last>\p{Lu}[\p{Lu}'’-]+),[ ]?(?P<first>\p{Lu}{2,})(?P<rest>(?:[ "
                              r"](?:\p{Lu}{2,}|\p{Lu}\b)){0,3})")
_MIXED_LASTFIRST = re.compile(rf"\b(?P<last>{CAP}),[ ](?P<first>\p{{Lu}}\p{{Ll}}+)\b(?=[ ]*(?:\(|$|\n|[,;.:-]))",
                              re.MULTILINE)
#: "SURNAME, Given" in a list, whatever follows it, when both are in the census lists: "08:50 O'Neill, Siobhan diabetic"
_LISTED_LASTFIRST = re.compile(rf"\b(?P<last>{CAP}|{UPPER}),[ ](?P<first>\p{{Lu}}\p{{Ll}}+)\b")
#: "Adeyemi, Tunde" in its own cell of a tab-separated clinic list, a date in another cell of the row
_TAB_LASTFIRST = re.compile(rf"(?:^|(?<=\t))[ ]*(?P<n>{CAP},[ ]?{CAP})[ ]*(?=\t)", re.MULTILINE)
_ROW_DATE = re.compile(r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{2,4})\b")
_LABEL_BEFORE = re.compile(r"(?:^|[:#\n]|\d{1,2}:\d{2})[ \t]*$")
_NAME_PARTICLES = frozenset(["da", "de", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den",
                             "la", "le", "al", "el", "bin", "ibn"])


#: Words that go on a sentence after a person is named: "my son tobias has had", "my mate deepak drove me".
_AFTER_NAME = re.compile(r"(?i)[ ]+(?:has|had|have|is|was|isn'?t|wasn'?t|who|says|said|told|rang|rings|called|phoned|"
                         r"texted|drove|drives|took|takes|fell|falls|came|comes|went|goes|visits|visited|lives|works|"
                         r"wants|needs|thinks|thought|seems|feels|felt|keeps|kept|gets|got|can'?t|won'?t|will|would|"
                         r"did|does|didn'?t|doesn'?t|also|just|and i|and me|'s)\b")
_NOT_A_NAME_END = ("ly", "ing")
_PEOPLE = frozenset(["boy", "girl", "baby", "son", "daughter", "lad", "lass", "man", "woman", "kid", "child", "toddler",
                     "teenager", "teen", "twin", "twins", "one", "sister", "brother"])


def _name_after(text: str, pos: int, lowercase_ok: bool) -> tuple[int, int] | None:
    """A name starting at ``pos``: capitalized words, or a known first name (any case) and its surname."""
    words = []
    cursor = pos
    for m in WORD.finditer(text, pos, min(len(text), pos + 60)):
        if m.start() != cursor:
            break
        words.append(m)
        cursor = m.end() + 1
        if cursor - 1 >= len(text) or text[cursor - 1] != " ":
            break
        if len(words) == 5:
            break
    if not words:
        return None
    first = words[0].group()
    low = first.lower()
    common = common_words()
    if first[0].isupper() and low not in common and not clinical_word(low):
        end, taken = words[0].end(), 1
        for w in words[1:]:
            g = w.group()
            if g[0].isupper() and g.lower() not in common and not clinical_word(g.lower()) and taken < 3:
                end, taken = w.end(), taken + 1
            elif g not in _NAME_PARTICLES:  # "Pieter van den Heuvel": particles count only before a capital
                break
        return pos, end
    if lowercase_ok and low in first_names():
        end = words[0].end()
        if len(words) > 1 and not _AFTER_NAME.match(text, end):  # "priya visits" is a name and its verb
            nxt = words[1].group().lower()
            if nxt.isalpha() and nxt not in common and not clinical_word(nxt) and len(nxt) > 1:
                end = words[1].end()
        return pos, end
    return None


def _plain_first_name(word: str) -> bool:
    """A listed first name that is not also an English or clinical word ("Chidi", not "Grace" or "Will")."""
    low = word.lower()
    return low in first_names() and low not in common_words() and not clinical_word(low)


def _lowercase_name_before_verb(text: str, pos: int) -> tuple[int, int] | None:
    """After a relation word, one lowercase word followed by a word that goes on a sentence after a name ("my son
    tobias has", "his carer priya visits"): names that neither the first-name list nor spaCy knows. Words of the
    language there ("my son suddenly had", "my son also has") are common words, adverbs or clinical."""
    m = WORD.match(text, pos)
    if m is None or not _AFTER_NAME.match(text, m.end()):
        return None
    word = m.group()
    low = word.lower()
    if (word != low or len(low) < 3 or low in common_words() or clinical_word(low) or low.endswith(_NOT_A_NAME_END)
            or low in _PEOPLE or low in COUNTRIES or low in STATE_NAMES):
        return None
    return m.span()


# After "hi, it's", a word that is not a name is mostly an adjective ("it's worse", "this is urgent").
_ADJECTIVE_ENDS = ("ful", "ous", "ive", "able", "ible", "al", "ic", "ent", "ant", "er", "est", "ed", "ing", "ly",
                   "less")
_AFTER_GREETED = re.compile(r"(?i)[ ]*(?:[,.!?]|$|[ ]+(?:again|here|from|calling|texting|speaking|and i)\b)")


def _name_word(word: str) -> bool:
    low = word.lower()
    return (low.isalpha() and len(low) > 1 and low not in common_words() and not clinical_word(low)
            and low not in NOT_AFTER_TITLE and not low.endswith(("ed", "ing", "ly", "tion", "ment")))


def _dictated_names(text: str) -> list[tuple[int, int]]:
    """Names written in lowercase after a title ("mister abdi rahman warsame", "with doctor oyelaran in three months")
    and capitalised "LAST, FIRST" on labels when FIRST is a known first name."""
    spans = []
    # after "patient is" the first word must be a listed first name: "patient is diabetic comma ..." is not a name
    dictated = [m for m in _PATIENT_IS.finditer(text) if _SPOKEN_PUNCTUATION.search(text)
                and (w := WORD.match(text, m.end())) and w.group().lower() in first_names()]
    for m in [*_SAID_TITLE.finditer(text), *_DICTATED_PATIENT.finditer(text), *dictated]:
        end = None
        for w in list(WORD.finditer(text, m.end(), min(len(text), m.end() + 60)))[:3]:
            if ((end is not None and text[end:w.start()] != " ") or not _name_word(w.group())
                    or _SPOKEN_PUNCTUATION.fullmatch(w.group())):
                break
            end = w.end()
        if end is not None:
            spans.append((m.end(), end))
    for m in _DOCTOR.finditer(text):
        w = WORD.match(text, m.end())
        if w and _name_word(w.group()) and _NAME_GOES_ON.match(text, w.end()):
            spans.append(w.span())
    for rx in (_UPPER_LASTFIRST, _MIXED_LASTFIRST):
        for m in rx.finditer(text):
            last, first = m.group("last").lower(), m.group("first").lower()
            # a census surname alone will do on a label in capitals ("Rx label: MAHMOUD, KHALED"), not in an
            # address ("BIRCHWOOD LANE, FRAMINGHAM") or in running text ("Dr. Fischer, Tucson")
            labelled = (rx is _UPPER_LASTFIRST and is_surname(last) and unknown_word(first)
                        and bool(_LABEL_BEFORE.search(text, 0, m.start())))
            if (first in first_names() or labelled) and not clinical_word(last) and last not in common_words():
                end = m.end("first")
                # middle names in capitals ("SANTOS, MARIA DA CONCEICAO"), up to a word of the language or the clinic
                for w in WORD.finditer(text, m.end("first"), m.end()) if "rest" in m.groupdict() else []:
                    low = w.group().lower()
                    if clinical_word(low) or (is_common_english(low) and low not in _NAME_PARTICLES):
                        break
                    end = w.end()
                spans.append((m.start(), end))
    for m in _LISTED_LASTFIRST.finditer(text):
        last, first = m.group("last"), m.group("first").lower()
        labelled = bool(_LABEL_BEFORE.search(text, 0, m.start()))
        listed = first in first_names() or labelled
        # on a label ("Bed 4: OYELARAN, Funke") a surname in capitals no list holds will do before a listed first name
        surname = is_surname(last) or (labelled and last.isupper() and first in first_names())
        if surname and listed and unknown_word(last.lower()) and unknown_word(first):
            spans.append(m.span())
    return spans


def _greeted_name(text: str, word: re.Match[str]) -> bool:
    """"hiya its aoife, my boyfriend...": the word after a greeting and "it's" is a name when a comma, the end or
    "again"/"here" follows it and it is not a common, clinical or adjective-like word."""
    low = word.group().lower()
    return (len(low) > 1 and low not in common_words() and not clinical_word(low) and not low.endswith(_ADJECTIVE_ENDS)
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
    if low in common_words() or clinical_word(low) or low in COUNTRIES or low in STATE_NAMES:
        return None
    return pos, pos + len(token.text)


#: A banner of fields between slashes or bars: "MRN 7730219 / AL-FARSI HAMAD / M / 91y / AF"
_BANNER_FIELD = re.compile(r"(?:^|(?<=[/|][ ]))(?P<n>\p{Lu}[\p{Lu}'’-]+(?:[ ]\p{Lu}[\p{Lu}'’-]+){1,2})(?=[ ][/|][ ])",
                           re.MULTILINE)
_BANNER_IDENTITY = re.compile(r"(?:^|[/|])[ ]*(?:MRN|DOB|NHS|[MF]|male|female|\d{1,3}[ ]?(?:y|yo|yrs?)|\d{6,})\b",
                              re.IGNORECASE)


def _banner_names(text: str) -> list[tuple[int, int]]:
    """Names in capitals that fill a field of a banner whose other fields are a record number, a sex or an age."""
    spans = []
    for m in _BANNER_FIELD.finditer(text):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        line = text[a:b if b >= 0 else len(text)]
        words = [w.lower() for w in m.group("n").split()]
        if (line.count("/") + line.count("|") >= 2 and _BANNER_IDENTITY.search(line)
                and all(unknown_word(w) or w in first_names() for w in words)):
            spans.append(m.span("n"))
    return spans


#: "(mom of keoni kahananui)": whoever a parent or carer is named after, in any case
_PARENT_OF = re.compile(r"(?i)\((?:mum|mom|mother|dad|father|parent|carer|caregiver|guardian|wife|husband|partner)[ "
                        r"]+of[ ]+"
                        r"(?P<n>\p{L}[\p{L}'’-]+(?:[ ]\p{L}[\p{L}'’-]+){0,2})\)")
#: a line that is only a name in capitals, as printed on a pharmacy label: "MATEUS OLIVEIRA"
_UPPER_LINE = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<n>\p{Lu}{2,}(?:[ ]\p{Lu}[\p{Lu}'’-]+){1,2})[ \t]*(?=\n|$)")
_ORG_WORDS_LOWER = frozenset(w.lower() for w in ORG_WORDS_SET)


#: a surname in capitals after a bed or room on a ward board: "Rm 14 – OYELARAN, sepsis", "Bay 2 – NAKAMURA, NSTEMI"
_BOARD_SURNAME = re.compile(r"(?i:\b(?:bed|bay|rm|room|cubicle|side room|cot|pod|trolley))[ ]?\d{1,3}[A-Za-z]?[ "
                            r"]*[–—:-][ ]*"
                            r"(?P<n>\p{Lu}[\p{Lu}'’-]{3,})(?=,)")
#: endings of drug names (brands included) that a name in capitals would not have: "TAZOCIN", "CEFUROXIME"
_DRUG_ENDS = ("cin", "cillin", "mycin", "cycline", "mab", "pril", "olol", "azole", "statin", "parin", "pine", "tide",
              "vir", "sartan", "pam", "lam", "sone", "lone", "mide", "zide", "dine", "xime", "nib", "phen", "fen",
              "done")
_VOWELS = frozenset("aeiouy")


def _name_shaped(word: str) -> bool:
    """A word no list holds that could be a surname: two vowels or more, never three consonants running, no drug
    ending. Ward-board acronyms ("DNACPR", "HFNO") and brand names ("TAZOCIN") are not."""
    letters = [c for c in word if c.isalpha()]
    run = longest = 0
    for c in letters:
        run = 0 if c in _VOWELS else run + 1
        longest = max(longest, run)
    return sum(c in _VOWELS for c in letters) >= 2 and longest <= 2 and not word.endswith(_DRUG_ENDS)


def _board_surnames(text: str) -> list[tuple[int, int]]:
    """Surnames in capitals after a bed or room number: census surnames, or unknown words shaped like one."""
    spans = []
    for m in _BOARD_SURNAME.finditer(text):
        w = m.group("n").lower()
        # census surnames hold no common English word; other words must be in no dictionary, singular or plural
        # ("ECTOPICS"), and shaped like a name
        known = any(clinical_word(f) or english_frequency().get(f, 0) for f in (w, w.removesuffix("s")))
        if is_surname(w) or (not known and unknown_word(w) and _name_shaped(w)):
            spans.append(m.span("n"))
    return spans


def _parent_of_names(text: str) -> list[tuple[int, int]]:
    """The child or person named in "(mum of ...)", when none of its words is a word of the language or clinical."""
    return [m.span("n") for m in _PARENT_OF.finditer(text)
            if all(_name_word(w) or w.lower() in first_names() for w in m.group("n").split())]


def _upper_line_names(text: str) -> list[tuple[int, int]]:
    """A line of two or three words in capitals that starts with a listed first name (or is all census surnames no
    other list knows) and ends in a census surname or an unknown word, with no word of the language or the clinic."""
    spans = []
    for m in _UPPER_LINE.finditer(text):
        words = [w.lower() for w in m.group("n").split()]
        if ((words[0] in first_names() or all(is_surname(w) and unknown_word(w) for w in words))
                and (is_surname(words[-1]) or unknown_word(words[-1]))
                and not any(clinical_word(w) or (is_common_english(w) and w not in first_names()) for w in words[1:])
                and words[-1] not in _ORG_WORDS_LOWER):
            spans.append(m.span("n"))
    return spans


_LOWER_WORD = re.compile(r"(?<![\p{L}@._/-])\p{Ll}{4,}(?![\p{L}@._/-])")
_LOWER_START = re.compile(r"(?:^|[.!?]\s+)\p{Ll}", re.MULTILINE)
_FIRST_PERSON = re.compile(r"(?i)\b(?:my|i|i'm|im|me|we|our)\b")


def _lowercase_listed_names(text: str) -> list[tuple[int, int]]:
    """In a message typed in lowercase by its writer ("my wife parisa will bring darius at 4"), a listed given name
    that is neither English nor clinical is a name wherever it stands."""
    if not (_FIRST_PERSON.search(text) and len(_LOWER_START.findall(text)) >= 2):
        return []
    return [m.span() for m in _LOWER_WORD.finditer(text)
            if m.group() in first_names() and unknown_word(m.group()) and not clinical_word(m.group())]


def strong_spans(text: str, doc: object = None) -> list[tuple[int, int]]:
    """Names found by strong context, untrimmed; ``doc`` is spaCy's parse, for lowercase names it tags PERSON."""
    strong: list[tuple[int, int]] = []
    for rx in _STRONG:
        for m in rx.finditer(text):
            strong.append(m.span("n"))
    for m in _AGE_SEX_AFTER.finditer(text):
        words = m.group("n").split()
        if words[-1] not in ORG_WORDS_SET and not all_english(m.group("n")):
            strong.append(m.span("n"))
    for rx in (_SELF, _RELATION):
        for m in rx.finditer(text):
            span = (_name_after(text, m.end(), lowercase_ok=True) or _person_word_at(doc, m.end())
                    or (_lowercase_name_before_verb(text, m.end()) if rx is _RELATION else None))
            if span:
                strong.append(span)
    strong += _dictated_names(text)
    for m in [*_FOR_PERSON.finditer(text), *_SPEAKER.finditer(text)]:
        if _plain_first_name(m.group("n")):
            strong.append(m.span("n"))
    for m in _TWO_FIRST.finditer(text):
        pair = [m.group("a").lower(), m.group("b").lower()]
        if all(_plain_first_name(w) and w not in COUNTRIES and w not in STATE_NAMES for w in pair):
            strong += [m.span("a"), m.span("b")]
    for m in _TAB_LASTFIRST.finditer(text):
        line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        row = text[line_start:line_end if line_end >= 0 else len(text)]
        words = [w.lower() for w in WORD.findall(m.group("n"))]
        # one of the two a listed given name or surname: "Bloods, Urine" in a results row is not a person
        if (_ROW_DATE.search(row) and any(w in first_names() or is_surname(w) for w in words)
                and not any(clinical_word(w) or w in common_words() for w in words)):
            strong.append(m.span("n"))
    for m in _SENT_FOR.finditer(text):
        first, last = m.group("n").lower().split()
        if (unknown_word(last) and not clinical_word(first) and not clinical_word(last)
                and first not in _NOT_A_FIRST_WORD):
            strong.append(m.span("n"))
    for m in _BABY_OF.finditer(text):
        low = m.group("n").lower()
        if is_surname(low) and not clinical_word(low) and low not in common_words():
            strong.append(m.span("n"))
    strong += _banner_names(text)
    strong += _parent_of_names(text)
    strong += _upper_line_names(text)
    strong += _board_surnames(text)
    strong += _lowercase_listed_names(text)
    for m in _SELF_HERE.finditer(text):
        low = m.group("w").lower()
        if (len(low) > 1 and low not in common_words() and not clinical_word(low) and not low.endswith(_ADJECTIVE_ENDS)
                and (low in first_names() or not is_common_english(low))):
            strong.append(m.span("w"))
    for m in _GREETING_SELF.finditer(text):
        word = WORD.match(text, m.end())
        if word and _greeted_name(text, word):
            strong.append(word.span())
    return strong
