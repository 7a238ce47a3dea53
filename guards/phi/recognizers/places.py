"""Places by where they stand, the safe-list way (as Philter does): a capitalised name after a place word ("treated
at Stanford", "lives in Milwaukee", "our Chicago clinic", "Hospital, Boston") is redacted unless every word of it is
known to be safe: ordinary English, clinical (``guards.phi.allowlist``), or a place too large to identify anyone
(countries, US states, regions), an organisation, a month or a day (``guards/phi/data/safe_places.json``).
After "in", "to" or "near" a name counts only when spaCy's model reads it as a place or a state follows it ("in
Houston, TX"); capitals-only names ("UCSF", "NYC") count after "at", "from" and "our" only, since after "in" or "to"
they are more often a disease or a ward ("in NSCLC", "to ICU")."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult

from guards.phi.recognizers.base import result

_WORD = r"\p{Lu}[\p{L}'’.-]*"
_JOIN = r"(?:[ ](?:and|&|of|the|de|la)(?=[ ]\p{Lu}))?"
_RUN = rf"{_WORD}{_JOIN}(?:[ ]{_WORD}{_JOIN}){{0,3}}"
#: the run, then perhaps a city and a state after commas: "Valley Clinic, New York", "Detroit, MI"
_TAIL = rf"(?:,[ ]{_WORD}(?:[ ]{_WORD}){{0,2}})?(?:,[ ]\p{{Lu}}{{2}}\b)?"
#: where a place name stands for certain: after these words a capitalised name not known to be safe is redacted
_STRONG = (r"(?:(?<=\b(?:at|from|visited|our|(?:admitted|transferred|referred|sent)[ ]to|"
           r"(?:lives|living|residing|based|located|Hospital|Clinic|Center|Centre|Health|office|clinic|branch)[ ]in)"
           r"[ ](?:the[ ])?)|(?<=\b(?:Hospital|Clinic|Center|Centre|Health|Medical|Infirmary),[ ]))")
#: where it may stand ("in", "to", "near"): only a name spaCy's model reads as a place, or one with a state after it
_WEAK = r"(?<=\b(?:in|to|near|around|outside)[ ](?:the[ ])?)"
_PATTERN = re.compile(rf"(?:{_STRONG}|(?P<weak>{_WEAK}))(?P<run>{_RUN})(?P<tail>{_TAIL})")
_NAMED = {"GPE", "FAC"}
_CAPS_CUES = re.compile(r"\b(?:at|from|our)[ ](?:the[ ])?$")


@cache
def safe_words() -> frozenset[str]:
    doc = json.loads((Path(__file__).parent.parent / "data" / "safe_places.json").read_text(encoding="utf-8"))
    out = set()
    for key in ("countries", "us_states", "regions", "organisations", "months_days", "specialties_and_bodies"):
        for name in doc[key]:
            out.add(name.lower())
            out.update(w.lower() for w in name.split())
    return frozenset(out)


def _safe(word: str, text: str, start: int, end: int, named: list[tuple[int, int]]) -> bool:
    from guards.phi.allowlist import is_clinical_token
    from guards.phi.name_lists import is_common_english

    bare = word.strip("'’.,-").removesuffix("'s").removesuffix("’s")
    if len(bare) < 2 or bare.lower() in safe_words() or is_clinical_token(text, start, end):
        return True
    if any(s <= start and end <= e for s, e in named):
        return False  # spaCy's model reads it as a place or an organisation ("New York", "Stanford")
    return is_common_english(bare) and not bare.isupper()


def place_spans(text: str, named: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each place name found, the city and state after it included; ``named`` are the spans
    spaCy's model labelled a place, facility or organisation, whose words count even when they are ordinary."""
    from guards.phi.allowlist import clinical_next, is_clinical_token

    out = []
    for m in _PATTERN.finditer(text):
        run_start, run_end = m.span("run")
        words = [(w.group(), run_start + w.start(), run_start + w.end())
                 for w in re.finditer(r"[\p{L}'’.-]+", m.group("run")) if w.group() not in ("and", "of", "the", "de",
                                                                                             "la")]
        if clinical_next(text, run_end):
            continue
        unsafe = [w for w in words if not _safe(w[0], text, w[1], w[2], list(named))]
        if not unsafe:
            continue
        capitals_only = all(w.isupper() for w, _, _ in unsafe)
        if capitals_only and not _CAPS_CUES.search(text[max(0, run_start - 12):run_start]):
            continue
        if m.group("weak") is not None and not re.search(r",[ ]\p{Lu}{2}\b", m.group("tail")) \
                and not any(s <= run_start and run_end <= e for s, e in named):
            continue
        tail = m.group("tail")
        city = [(w.group(), m.start("tail") + w.start(), m.start("tail") + w.end())
                for w in re.finditer(r"[\p{L}'’.-]+", tail)]
        clinical = any(is_clinical_token(text, a, b) or clinical_next(text, b) for _, a, b in city)
        out.append((run_start, run_end if clinical else m.end()))
    return out


class PlaceRecognizer(EntityRecognizer):
    """Names of places and care sites, found by position and the safe lists."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PLACE"], name="PlaceRecognizer")

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        ents = getattr(nlp_artifacts, "entities", None) or []
        named = [(e.start_char, e.end_char) for e in ents if e.label_ in _NAMED]
        return [result(self, "PLACE", s, e, 0.7) for s, e in place_spans(text, named)]


RECOGNIZERS = [PlaceRecognizer()]
CASES = {
    "PLACE": (["treated at UCSF on Jan 8", "admitted to Cedars-Sinai on 9/15", "seen at our Chicago clinic",
               "lives in Milwaukee with her son", "Memorial Hospital in Atlanta on May 2",
               "seen by Dr. K. in Houston, TX on Dec 12", "from San Francisco, CA, on July 20th",
               "97 y/o F from Sunnyvale Manor, UTI, delirium", "Valley Clinic, New York on April 12"],
              ["common in Japan and Korea", "treated in the United States", "seen in January", "admitted to ICU",
               "in NSCLC the response rate", "data from the NIH", "in Parkinson disease", "in Down syndrome",
               "to Texas last year", "in English or Spanish", "Carcinoid Tumors in the Colon",
               "began from B lymphocytes", "hide in the CNS", "found in the Clinical Trials section of the NCI",
               "Leukemia in Remission", "stages are from the International Federation of Gynecology and Obstetrics"]),
}
