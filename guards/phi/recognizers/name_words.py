"""Words for the name recognizers: first-name and common-word lists, the shapes of name words, and tests of a
single word (English, clinical, unknown)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex as re

from guards.phi.allowlist import CLINICAL_ABBREV, DRUGS, EPONYMS
from guards.phi.name_lists import census_first_names, is_common_english

DATA = Path(__file__).resolve().parent.parent / "data"


def read_names(path: Path, drop_words: bool = False) -> frozenset[str]:
    """The words of a name file (``#`` starts a comment line); ``drop_words`` leaves out English and clinical words."""
    lines = path.read_text(encoding="utf-8").splitlines()
    words = (w for line in lines if not line.startswith("#") for w in line.split())
    return frozenset(w for w in words if not (drop_words and (is_common_english(w) or clinical_word(w))))


@lru_cache(maxsize=1)
def listed_first_names() -> frozenset[str]:
    """The project's own list (guards/phi/data/first_names.txt), which keeps names that are also English words."""
    return read_names(DATA / "first_names.txt")


@lru_cache(maxsize=1)
def world_first_names() -> frozenset[str]:
    """Given names common outside the US (guards/phi/data/world_first_names.txt), without English or clinical words."""
    return read_names(DATA / "world_first_names.txt", drop_words=True)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The project's lists and the census given names that are not common English words."""
    return listed_first_names() | census_first_names() | world_first_names()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = ["again", "visited", "died", "says", "said", "called", "came", "went", "took", "takes", "has", "had",
             "have", "is", "was", "will", "would", "here", "there", "today", "tomorrow", "yesterday", "now", "then",
             "also", "just", "still", "who", "that", "which", "when", "where", "and", "or", "but", "with", "from", "at",
             "in", "on", "to", "of", "for", "by", "the", "a", "an", "home", "please", "thanks", "thank", "hi", "hello",
             "hey", "ok", "okay", "yes", "no", "not", "very", "really", "well", "good", "bad", "sick", "ill", "doctor",
             "nurse", "patient", "pt", "hospital", "clinic", "er", "ed", "icu", "ward", "room", "bed", "name", "number",
             "phone", "email", "address", "age", "years", "year", "old", "months", "weeks", "days", "born", "dob",
             "mrn", "ssn", "fax", "cell", "mobile", "work", "office", "updated", "notified", "informed", "present",
             "presents", "presented", "visit", "note", "family", "history", "med", "meds", "medication", "medications",
             "dr", "mr", "mrs", "ms"]
    return frozenset(STOP_WORDS) | frozenset(extra)


NOT_NAMES = frozenset(["pt", "hx", "dx", "tx", "rx", "sx", "vitals", "sincerely", "dear", "regards", "thanks", "hello",
                       "hi", "subject", "from", "to", "re", "cc", "note", "exam", "findings", "impression", "plan",
                       "assessment", "procedure", "diagnosis", "history", "allergies", "medications", "discharge",
                       "admission", "patient", "family", "mother", "father", "son", "daughter", "wife", "husband", "dr",
                       "mr", "mrs", "ms", "st", "saint", "phone", "tel", "fax", "email", "mobile", "cell", "pager",
                       "bleep", "address", "dob", "case", "decedent", "deceased", "informant", "witness", "carer",
                       "sonographer", "referring", "submitting", "hygienist", "coordinator", "proband", "participant",
                       "employer", "subscriber", "nme", "veteran", "inmate", "prisoner", "paciente", "patiente",
                       "patientin", "pacjent", "pacjentka", "pacjenta", "pani", "patiënt", "huisarts", "consultant",
                       "registrar", "microbiologist", "haematologist", "hematologist", "radiologist", "pathologist",
                       "cardiologist", "oncologist", "neurologist", "rheumatologist", "dermatologist", "anaesthetist",
                       "anesthetist", "psychiatrist", "paediatrician", "pediatrician", "geriatrician", "nephrologist",
                       "gastroenterologist", "endocrinologist", "urologist"])
COUNTRIES = frozenset(["us", "usa", "america", "united", "states", "canada", "mexico", "uk", "england", "britain",
                       "germany", "france", "spain", "italy", "india", "china", "japan", "korea", "brazil", "africa",
                       "asia", "europe", "australia"])
STATE_NAMES = frozenset(["alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
                         "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
                         "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
                         "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio", "oklahoma", "oregon",
                         "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin",
                         "wyoming"])

# Letters of any script ("Castañeda", "Ní Bhriain", "Zoë"); lowercase particles join capitalised name words.
CAP = (r"(?!(?:Dr|Mr|Mrs|Ms|Mx|Prof|MD|RN|NP|PA|DO|Herr|Frau|Mme|Mlle|Madame|Monsieur|Dhr|Mevr|Sr|Sra|Srta|Sig)\b)\p{Lu"
       r"}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*")
PARTICLE = r"(?:Ó|Ní|Nic|Ua|Mac|van|von|der|den|de|da|di|del|della|dos|das|du|le|la|bin|binti|ibn|al|el|ter|ten|y)"
SEQ = rf"{CAP}(?:[ ](?:{CAP}|\p{{Lu}}\.|(?:{PARTICLE}[ ]){{1,2}}{CAP}))*"
#: a capitalised word whose part after a hyphen may be lowercase, as romanised Korean names are: "Hyun-woo"
CAP_H = r"\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}+)?"
UPPER = r"\p{Lu}[\p{Lu}'’-]{1,}"
#: initials before a surname: "P. Nakamura", "J. R. Okonjo"
INITIALS = rf"(?:\p{{Lu}}\.[ ]?){{1,3}}{CAP}"
LASTFIRST = rf"(?:{CAP}|{UPPER}),[ ]?(?:{CAP}|{UPPER})(?:[ ][A-Z]\b\.?)?"

#: Words that end a dictated name or that follow "doctor" without being one.
NOT_AFTER_TITLE = frozenset(["date", "dob", "born", "aged", "age", "presents", "presented", "presenting", "seen",
                             "admitted", "attends", "attended", "comes", "came", "referred", "reports", "reported",
                             "complains", "complaining", "follow", "followup", "appointment", "appointments", "visit",
                             "visits", "note", "notes", "letter", "office", "surgery", "clinic", "review", "advice",
                             "told", "said", "says", "recommended", "ordered", "prescribed", "thinks", "thought",
                             "wants", "will", "would", "should", "may", "might", "can", "could", "asked", "asks",
                             "gave", "gives", "sent", "wrote", "called", "rang", "today", "tomorrow", "yesterday",
                             "next"])
#: Word endings of clinical terms and adjectives, which a capitalised pair of rare words often is ("Thrombocytopenic
#: Purpura", "Cystic Fibrosis"), not a name.
TERM_ENDS = ("ic", "al", "ous", "ive", "ary", "oid", "itis", "osis", "emia", "aemia", "oma", "pathy", "plasia",
             "trophy", "cele", "algia", "ism", "ular", "form", "tion", "y")
WORD = re.compile(r"\p{L}[\p{L}'’-]*")


def all_english(span: str) -> bool:
    """Every word an ordinary English word and none on the project's name list ("Child", "Record"), so weak evidence
    is not enough."""
    words = [w.group().lower() for w in WORD.finditer(span)]
    return bool(words) and all(is_common_english(w) and w not in listed_first_names() for w in words)


def heading(span: str) -> bool:
    """Capitals with no known first name and no comma: a heading ("VACCINATION RECORD"), not "KOWALCZYK, BEATA"."""
    words = [w.group().lower() for w in WORD.finditer(span)]
    return span.isupper() and "," not in span and not any(w in first_names() for w in words)


def rare_word(w: str) -> bool:
    """An unknown word that does not end like a clinical term or an adjective."""
    return unknown_word(w) and not w.endswith(TERM_ENDS)


def unknown_word(w: str) -> bool:
    """Not English, not clinical and not a place name: a word that, capitalised, is most likely part of a name."""
    core = w.replace("'", "").replace("’", "").replace("-", "")
    return (core.isalpha() and len(core) > 1 and w not in common_words() and not clinical_word(w)
            and not is_common_english(core) and w not in COUNTRIES and w not in STATE_NAMES
            and w not in NOT_AFTER_TITLE)


def not_name_word(w: str) -> bool:
    """Drugs, abbreviations and label words; eponyms are judged by what follows them, not alone."""
    w = w.strip("'’").removesuffix("'s").removesuffix("’s")
    return w in DRUGS or w in CLINICAL_ABBREV or w in NOT_NAMES


def clinical_word(w: str) -> bool:
    w = w.strip("'’").removesuffix("'s").removesuffix("’s")
    return w in DRUGS or w in CLINICAL_ABBREV or w in EPONYMS or w in NOT_NAMES


#: Words after a capitalised pair that make it an organisation or a place: "Harris Park Medical (Centre)".
ORG_NAMES = ("Medical", "Clinic", "Hospital", "Centre", "Center", "Practice", "Surgery", "Pharmacy", "Health",
             "Healthcare", "University", "School", "College", "Group", "Associates", "Partners", "Trust", "Foundation",
             "Institute", "Care", "Road", "Street", "Avenue", "Lane", "Drive")
ORG_AFTER = re.compile(r"[ ]+(?:" + "|".join(ORG_NAMES) + r")\b")
#: ... and as the last word of the pair itself: "Cleveland Clinic", "Rocky Mountain"
ORG_WORDS_SET = frozenset(ORG_NAMES) | {"Mountain", "Mountains", "River", "Valley", "County"}
