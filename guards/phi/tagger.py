"""The PHI tagger: a spaCy NER trained on synthetic and development text (``eval/phi_tagger_train.py``).

It is a second signal beside the recognizers: its spans are joined to theirs (union). Each span is cut at
separators and its parts kept only where they have the form of their kind (``kept``, ``plausible``): digits for
an identifier, contact or date; a listed name that is not a common or medical word for a name; an unknown word or
a named facility for a place.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import Any

import regex as re

from guards.phi.allowlist import medical_vocabulary as clinical_words
from guards.phi.analyzer import Entity

MODEL_DIR = Path(__file__).parent / "models" / "tagger"
#: tagger label -> the analyzer's label (the anonymizer's surrogate kind)
LABELS = {"NAME": "NAME", "DATE": "DATE", "AGE": "AGE", "LOCATION": "LOCATION", "CONTACT": "PHONE", "ID": "OTHER_ID"}
#: a tagger span carries this score: above the analyzer's threshold, below a recognizer's sure match
SCORE = 0.6
_YEAR = re.compile(r"(?:19|20)\d\d")
_JOINERS = frozenset({"of", "the", "and", "de", "la", "st", "mt", "saint", "mount"})
_CUTS = r"[|;\t—–^]|\s-\s|(?<=\p{Ll}{3}|\d)[.?!]\s"
_SEPARATOR = re.compile(rf"\s*(?:{_CUTS}|,)\s*")
_FIELD = re.compile(rf"\s*(?:{_CUTS}|,(?=\S))\s*")  # in a date, only a comma with no space after it
#: a code after the name of its coding system is clinical ("CPT 99214", "LOINC 8867-4", "ICD-10 M05.79")
_CODE_SYSTEM = re.compile(r"\b(?:CPT|HCPCS|ICD(?:-?(?:9|10|11))?(?:-CM)?|LOINC|SNOMED(?:[ -]CT)?|NDC|DRG|RxNorm|"
                          r"ATC|OPCS(?:-4)?)[ :#]*$", re.IGNORECASE)
#: an HL7 coded element, code^text^coding system: "8867-4^Heart rate^LN" is a LOINC code
_HL7_CODED = re.compile(r"\^[^|^\n]*\^(?:LN|LOINC|SCT|SNM3?|I9CM?|I10|ICD10(?:CM)?|CPT4?|RXNORM|NDC|HCPCS)\b")
_TO_LAST_NUMBER = re.compile(r"(?s).*\d\S*")
_REGION_CODE = re.compile(r"\p{Lu}{2}")
_PAIR = re.compile(r"\d{1,2}-\d{1,2}")
#: endings of disease and procedure words, which no place's name has ("-oma" has: Oklahoma, Tacoma)
_DISEASE_ENDS = ("itis", "osis", "emia", "aemia", "pathy", "plasia", "trophy", "algia", "ectomy", "otomy")
#: "recall 6/12", "for 3/52": months, weeks or days in British clinical notation, not a date
_PERIOD = re.compile(r"\d{1,2}/(?:12|52|7)")
_PERIOD_BEFORE = re.compile(r"(?i)\b(?:recall|review|for|over|in|x|after|every)\s*$")
_LAYOUT = re.compile(r"\n|\s{2}")
#: North American toll-free numbers (800, 833 ... 888) are services' numbers, not a person's
_TOLL_FREE = re.compile(r"(?:\+?1[-. ]?)?\(?8(?:00|33|44|55|66|77|88)\)?[-. ]")


class PhiTagger:
    """Loads the trained pipeline on first use; ``tag_many`` returns entities per text."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or MODEL_DIR
        self._nlp: Any = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return (self.path / "meta.json").is_file()

    @property
    def nlp(self) -> Any:
        with self._lock:
            if self._nlp is None:
                import spacy

                self._nlp = spacy.load(self.path)
        return self._nlp

    def tag_many(self, texts: list[str], batch_size: int = 64) -> list[list[Entity]]:
        """The tagger's spans per text, each cut at separators and kept where it is ``plausible``."""
        return [[Entity(start, end, LABELS.get(label, "OTHER_ID"), SCORE) for e in doc.ents
                 for start, end, label in kept(doc.text, e.start_char, e.end_char, e.label_)]
                for doc in self.nlp.pipe(texts, batch_size=batch_size)]


def kept(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A tagger span cut at separators (a bar or caret, a dash between spaces, a semicolon, a tab, a sentence's end
    after a word or number but not after "Dr." or "St."; a comma, in a date only one without a space after it): a
    span run on into the next field ("H8841207 | FBC", "Howell, K+", "1975-03-02,asthma") becomes its parts, each
    kept where it is ``plausible``, or, after a kept part of a place, where it is a state, its code, or a country
    ("Fairfield, CT"). In mixed-case text a name or place is first cut where it runs on in lower case."""
    from guards.phi.recognizers.places import safe_words

    cut = _SEPARATOR if label != "DATE" else _FIELD
    parts, pos = [], start
    for m in cut.finditer(text, start, end):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, end))
    out: list[tuple[int, int, str]] = []
    previous_kept = False
    for s, e in parts:
        number = _TO_LAST_NUMBER.match(text, s, e) if label in ("ID", "CONTACT", "DATE") else None
        if number and "@" not in text[s:e]:  # "555-0143 if worse": the words after the last number are not part
            e = s + len(number.group().rstrip(".,;:"))
        if label in ("NAME", "LOCATION") and not _capitals(text, s):
            e = _capitalised_run(text, s, e, label)
        after_place = previous_kept and label == "LOCATION"
        part = text[s:e].strip()
        region = part.lower() in safe_words() or _REGION_CODE.fullmatch(part)
        previous_kept = bool(part) and (plausible(text, s, e, label) or bool(after_place and region))
        if previous_kept:
            out.append((s, e, label))
    return out


def plausible(text: str, start: int, end: int, label: str) -> bool:
    """Whether a tagger span ``text[start:end]`` has the form of its (tagger) label.

    Never across a line break or a run of spaces, never a bare year (not PHI under HIPAA Safe Harbor). An identifier
    or contact holds four digits (or an @) and is not a drug code, a toll-free number or a code after its coding
    system's name ("CPT 99214"); a date holds a digit. A name holds a listed given name or surname that is neither
    ordinary English nor medical vocabulary, and no word that is clinical in place ("Hodgkin" before "lymphoma"); a
    place, see ``_named_place``. A word of four capitals or fewer is an abbreviation ("UTI", "SOB"), not a place's
    name, nor a person's in mixed-case text.
    """
    from guards.phi.allowlist import clinical_next, is_clinical_token
    from guards.phi.name_lists import COMMON_FREQUENCY, english_frequency, is_surname
    from guards.phi.recognizers.ids import drug_codes
    from guards.phi.recognizers.name_words import first_names

    span = text[start:end].strip()
    digits = sum(c.isdigit() for c in span)
    if _LAYOUT.search(span) or label == "AGE" or _YEAR.fullmatch(span):  # ages over 89: the recognizers' alone
        return False
    if label in ("ID", "CONTACT"):
        code = _CODE_SYSTEM.search(text[max(0, start - 12):start]) or _HL7_CODED.match(text, end)
        return not code and ((digits >= 4 and span.split("-")[0] not in drug_codes() and not _TOLL_FREE.match(span))
                             or (label == "CONTACT" and "@" in span))
    if label == "DATE":  # two numbers joined by a dash are a range or a marker ("CA 19-9"), not a date
        period = _PERIOD.fullmatch(span) and _PERIOD_BEFORE.search(text, max(0, start - 12), start)
        return digits > 0 and not _PAIR.fullmatch(span) and not period
    common, vocabulary = english_frequency(), clinical_words()
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\W\d_]{2,}", text[start:end])]
    if label == "LOCATION" or not _capitals(text, start):  # "UTI", "SOB", "FBC" are abbreviations
        words = [(s, e) for s, e in words if not (e - s <= 4 and text[start + s:start + e].isupper())]
    if label == "LOCATION":
        return _named_place([text[start + s:start + e] for s, e in words])
    unknown = [(s, e) for s, e in words if common.get(text[start + s:start + e].lower(), 0) < COMMON_FREQUENCY
               and text[start + s:start + e].lower() not in vocabulary]
    names = [text[start + s:start + e] for s, e in unknown]
    eponym = clinical_next(text, end) and text[end:end + 1] in (" ", "-")  # "Von Hippel-Lindau disease"
    return not eponym and any(is_surname(w) or w.lower() in first_names() for w in names) and not any(
        is_clinical_token(text, start + s, start + e) for s, e in words)


def _capitalised_run(text: str, start: int, end: int, label: str) -> int:
    """Where a name or place in mixed-case text ends: a name before the first word in lower case that is not a
    joiner ("Kim Min-jun reports improved reflux" -> "Kim Min-jun"), a place before one that is ordinary English, not a
    facility word and not followed by a capitalised or facility word ("22 Elm St. Bring your inhaler" -> "22 Elm St.
    Bring"; "Mt. Sinai hospital in Houston", "Chicago downtown clinic" stay)."""
    from guards.phi.name_lists import is_common_english

    last = start
    words = list(re.finditer(r"[^\W\d_][\w'’.-]*", text[start:end]))
    for i, m in enumerate(words):
        word = m.group()
        low = word.lower().rstrip(".")
        if word[0].islower() and low not in _JOINERS and (label == "NAME" or (
                is_common_english(low) and low not in _facility_heads()  # "in Houston", "downtown clinic" go on
                and not any(w.group()[0].isupper() or w.group().lower() in _facility_heads() for w in words[i + 1:]))):
            break
        last = start + m.end()
    return last if last > start else end


def _capitals(text: str, at: int, width: int = 200) -> bool:
    """Whether the text around ``at`` is written in capitals (a nursing note), where short capitals are words."""
    around = text[max(0, at - width):at + width]
    letters = sum(c.isalpha() for c in around)
    return letters > 0 and sum(c.isupper() for c in around) > 0.6 * letters


@cache
def _facility_heads() -> frozenset[str]:
    from guards.phi.recognizers.facilities import words

    return frozenset(w.lower() for head in words()["heads"] for w in head.split())


def _named_place(words: list[str]) -> bool:
    """A place names somewhere in particular: with a facility word ("Clinic", "Memorial"), a word beside it that
    does not name a specialty (medical vocabulary that is not ordinary English: "River Valley Clinic", "Heart Failure
    Clinic", not "Cardiology Clinic"); without one, a word that is neither ordinary English, medical vocabulary nor
    a safe place word ("Fairfield", not "South Asia")."""
    from guards.phi.name_lists import is_common_english
    from guards.phi.recognizers.places import safe_words

    low = [w.lower() for w in words]
    if any(w.endswith(_DISEASE_ENDS) for w in low):  # "Perilobar Nephroblastomatosis" names no place
        return False
    if any(w in _facility_heads() for w in low):  # a service names its specialty: "Cardiology Clinic"
        return any(w not in _specialty_words() and w not in _facility_heads() and w not in _JOINERS for w in low)
    return any(w not in clinical_words() and w not in safe_words() and not is_common_english(w) for w in low)


@cache
def _specialty_words() -> frozenset[str]:
    """Medical vocabulary that is not ordinary English ("cardiology", "oncology"), built once."""
    from guards.phi.name_lists import is_common_english

    return frozenset(w for w in clinical_words() if not is_common_english(w))
