"""Clinical findings in a message or vignette: concepts from ``assistant/data/findings.json`` (lay and clinical terms),
each with its context (negated, a relative's, past, hypothetical) from negspacy's NegEx over the triggers in
``assistant/data/context_terms.json``, and who the case is about (age, sex) and how long it has gone on.

A denial reaches along a list ("no fever, cough or rash") but not into a list item that carries its own description:
an item after a comma or "and" holding a severity, onset or course word ("no fever, crushing chest pain and sweating",
"no fever, and it is slowly improving") is stated, not denied; an item after "or" / "nor" stays denied. Where the
writer's meaning is open, the reading that keeps a danger sign is the safe one.

negspacy was chosen over medspaCy's ConText because medspaCy 1.3 requires spaCy < 3.8 on Python 3.11 (and a compiled
QuickUMLS), while the project runs spaCy 3.8; NegEx with four termsets gives ConText's four categories.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
CONTEXTS = ("negated", "family", "historical", "hypothetical")
#: Kinds whose terms name a history or who the case is about: a past or stated history still counts.
STANDING_KINDS = {"history", "person"}
#: Words that separate list items after a denial; after "or" / "nor" the denial goes on.
_ITEM_SEPARATORS = {",", "and", "or", "nor", "&"}
_DENIAL_GOES_ON = {"or", "nor"}


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str
    plain: str
    source: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One mention of a concept: the words matched and their context."""

    concept: str
    text: str
    start: int
    negated: bool = False
    family: bool = False
    historical: bool = False
    hypothetical: bool = False

    def affirmed(self, kind: str = "symptom") -> bool:
        """Stated as the patient's own and present (a history or a person counts when past too)."""
        if self.negated or self.family or self.hypothetical:
            return False
        return kind in STANDING_KINDS or not self.historical


@dataclass
class Findings:
    """What the extractor read: mentions, the concepts affirmed and denied, age in years, sex, duration in hours."""

    text: str = ""
    mentions: list[Finding] = field(default_factory=list)
    present: set[str] = field(default_factory=set)
    denied: set[str] = field(default_factory=set)
    age: float | None = None
    sex: str | None = None
    hours: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"present": sorted(self.present), "denied": sorted(self.denied), "age": self.age, "sex": self.sex,
                "hours": self.hours}


@cache
def concepts(path: Path = DATA / "findings.json") -> dict[str, Concept]:
    """The concept table, by id; a term of two concepts counts for both."""
    rows = json.loads(path.read_text(encoding="utf-8"))["concepts"]
    out = {}
    for row in rows:
        if row["id"] in out:
            raise ValueError(f"{path}: concept {row['id']} is listed twice")
        out[row["id"]] = Concept(row["id"], row["kind"], row["plain"], row["source"],
                                 tuple(t.lower() for t in row["terms"]))
    return out


_AGE = re.compile(r"\b(\d{1,3}(?:\.\d)?)[- ]?(?:(year|yr|y)s?|(month|mo)s?|(week|wk)s?|(day)s?)[- ]?(?:old|o\b|of age)"
                  r"|\b(?:aged?|age:?)\s*(\d{1,3})\b|\b(\d{1,3})\s?(?:yo|y/o|yr old)\b|\b(\d{1,3})\s?(?:[MF])\b", re.I)
_SEX = [("female", re.compile(r"\b(woman|female|girl|lady|she|her|mother|mum|mom|wife|daughter|pregnant)\b", re.I)),
        ("male", re.compile(r"\b(man|male|boy|gentleman|he|his|him|father|dad|husband|son)\b", re.I))]
_SPAN = re.compile(r"\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|few|several)\s*"
                   r"(minute|min|hour|hr|day|week|month|year)s?\b", re.I)
_HOURS = {"minute": 1 / 60, "min": 1 / 60, "hour": 1, "hr": 1, "day": 24, "week": 168, "month": 730, "year": 8760}
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "few": 3, "several": 4}


def age_of(text: str) -> float | None:
    """The first age stated, in years ("3-month-old" -> 0.25, "aged 70", "45 yo")."""
    m = _AGE.search(text)
    if not m:
        return None
    if m.group(1):
        n = float(m.group(1))
        return n if m.group(2) else n / 12 if m.group(3) else n / 52 if m.group(4) else n / 365
    return float(next(g for g in m.groups()[5:] if g))


def sex_of(text: str) -> str | None:
    """female / male from the first words that say it, or None."""
    found = [(m.start(), sex) for sex, rx in _SEX for m in [rx.search(text)] if m]
    return min(found)[1] if found else None


def hours_of(text: str) -> float | None:
    """The longest span of time stated ("for 3 days", "2 hours"), in hours: how long it has gone on, if said."""
    spans = [(_WORDS.get(m[1].lower()) or float(m[1])) * _HOURS[m[2].lower()] for m in _SPAN.finditer(text)
             if not re.match(r"[- ]*old\b", text[m.end():m.end() + 6], re.I)]
    return max(spans) if spans else None


class Extractor:
    """spaCy's tokenizer and sentencizer, a PhraseMatcher over the concept terms, and one NegEx per context."""

    def __init__(self) -> None:
        import negspacy.negation  # noqa: F401 - registers the "negex" factory
        import spacy
        from negspacy.termsets import termset
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        terms = json.loads((DATA / "context_terms.json").read_text(encoding="utf-8"))
        base = termset("en_clinical").get_patterns()
        negated = {k: sorted(set(base[k]) | set(v)) for k, v in terms["negated"].items()}
        for ctx in CONTEXTS:
            sets = negated if ctx == "negated" else terms[ctx]
            self.nlp.add_pipe("negex", name=f"ctx_{ctx}",
                              config={"neg_termset": sets, "extension_name": f"ctx_{ctx}", "span_keys": ["findings"]})
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for c in concepts().values():
            self.matcher.add(c.id, list(self.nlp.tokenizer.pipe(c.terms)))
        self.triggers = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.triggers.add("trigger", list(self.nlp.tokenizer.pipe(negated["preceding_negations"])))
        self.triggers.add("pseudo", list(self.nlp.tokenizer.pipe(negated["pseudo_negations"])))
        self._lock = threading.Lock()

    def _findings(self, doc: Any, text: str) -> Findings:
        from spacy.tokens import Span

        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        doc.spans["findings"] = spans
        for _, proc in self.nlp.pipeline[1:]:
            doc = proc(doc)
        table = concepts()
        out = Findings(text=text, age=age_of(text), sex=sex_of(text), hours=hours_of(text))
        described = self._described_items(doc, doc.spans["findings"], table)
        for n, sp in enumerate(doc.spans["findings"]):
            ctx = {c: bool(getattr(sp._, f"ctx_{c}")) for c in CONTEXTS}
            ctx["negated"] = ctx["negated"] and n not in described
            f = Finding(sp.label_, sp.text, sp.start_char, **ctx)
            out.mentions.append(f)
            if f.affirmed(table[f.concept].kind):
                out.present.add(f.concept)
            elif f.negated:
                out.denied.add(f.concept)
        out.denied -= out.present
        return out

    def _described_items(self, doc: Any, spans: list[Any], table: dict[str, Concept]) -> set[int]:
        """Indices of the negated spans that stand in a described list item after the denial that reached them."""
        if not any(sp._.ctx_negated for sp in spans):
            return set()
        triggers: list[tuple[int, int]] = []
        pseudo: list[tuple[int, int]] = []
        for m, s, e in self.triggers(doc):
            (pseudo if self.nlp.vocab.strings[m] == "pseudo" else triggers).append((s, e))
        triggers = [(s, e) for s, e in triggers if not any(ps <= s < pe for ps, pe in pseudo)]
        out = set()
        for n, sp in enumerate(spans):
            if not sp._.ctx_negated:
                continue
            before = [e for s, e in triggers if e <= sp.start and doc[s].sent.start == sp.sent.start]
            if not before:
                continue
            seps = [t.i for t in doc[max(before):sp.start] if t.lower_ in _ITEM_SEPARATORS]
            if not seps or doc[seps[-1]].lower_ in _DENIAL_GOES_ON:
                continue
            item = (seps[-1] + 1, sp.end)
            if any(table[o.label_].kind == "modifier" and item[0] <= o.start < item[1] for o in spans):
                out.add(n)
        return out

    def __call__(self, text: str) -> Findings:
        with self._lock:
            doc = self.nlp.make_doc(text)
            doc = self.nlp.get_pipe("sentencizer")(doc)
            return self._findings(doc, text)

    def many(self, texts: list[str]) -> list[Findings]:
        """Findings of many texts (the tokenizer in batches)."""
        with self._lock:
            docs = [self.nlp.get_pipe("sentencizer")(d) for d in self.nlp.tokenizer.pipe(texts, batch_size=256)]
            return [self._findings(d, t) for d, t in zip(docs, texts, strict=True)]


_DEFAULT: Extractor | None = None
_LOCK = threading.Lock()


def extractor() -> Extractor:
    """The process-wide extractor (built once)."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = Extractor()
        return _DEFAULT
