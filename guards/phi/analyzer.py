"""PHI detection: Presidio results merged into non-overlapping spans with offsets into the original text."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import regex as re

#: One worker for the tagger beside the recognizers (its calls queue; spaCy pipelines are not shared across threads).
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phi-tagger")
#: Label preference when overlapping detections are merged.
_PRIORITY = ["SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "DEVICE", "VEHICLE", "OTHER_ID", "EMAIL", "URL", "IP",
             "FAX", "PHONE", "DATE", "AGE", "ADDRESS", "ZIP", "CITY", "NAME"]


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "score": round(self.score, 3)}


class PhiAnalyzer:
    """Finds PHI spans; the engine (spaCy + recognizers) loads on first use, not at import.

    With ``tagger`` (the default when its trained model is installed) the PHI tagger's spans are joined to the
    recognizers' (union); ``tagger=False`` is the recognizers alone.
    """

    def __init__(self, threshold: float = 0.5, engine: Any = None, tagger: Any = True) -> None:
        self.threshold = threshold
        self._engine = engine
        self._lock = threading.Lock()
        if tagger is True:
            from guards.phi.tagger import PhiTagger

            tagger = PhiTagger()
            tagger = tagger if tagger.available else None
        self.tagger = tagger or None

    @property
    def engine(self) -> Any:
        with self._lock:
            if self._engine is None:
                from guards.phi.engine import build_engine

                self._engine = build_engine()
        return self._engine

    def load(self) -> PhiAnalyzer:
        self.engine  # noqa: B018  (loads)
        if self.tagger is not None:
            self.tagger.nlp  # noqa: B018  (loads)
        return self

    def analyze(self, text: str) -> list[Entity]:
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: list[str], batch_size: int = 32) -> list[list[Entity]]:
        """``analyze`` for many texts at once: spaCy runs over them in batches (records, retrieved chunks, evals)."""
        rules, tagged = self.analyze_parts(texts, batch_size)
        return [widen(text, merge(r + t)) for text, r, t in zip(texts, rules, tagged)]

    def analyze_parts(self, texts: list[str], batch_size: int = 32) -> tuple[list[list[Entity]], list[list[Entity]]]:
        """The recognizers' spans and the tagger's (empty without it) per text, before they are joined."""
        engine = self.engine
        rules: list[list[Entity]] = [[] for _ in texts]
        tagged: list[list[Entity]] = [[] for _ in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return rules, tagged
        # the tagger runs in a second thread beside the recognizers: its network and the recognizers' regular
        # expressions release the GIL for much of their work, and the machine has two cores
        pending = _POOL.submit(self.tagger.tag_many, [texts[i] for i in todo]) if self.tagger is not None else None
        batches = engine.nlp_engine.process_batch([texts[i] for i in todo], "en", batch_size=batch_size)
        for i, (text, artifacts) in zip(todo, batches):
            rules[i] = self._entities(engine.analyze(text=text, language="en", nlp_artifacts=artifacts))
        if pending is not None:
            for i, ents in zip(todo, pending.result()):
                tagged[i] = ents
        return rules, tagged

    def _entities(self, raw: list[Any]) -> list[Entity]:
        return merge([Entity(r.start, r.end, r.entity_type, r.score) for r in raw if r.score >= self.threshold])


#: A title before a name and the period after a closing initial are redacted with it ("Dr. Patel", "James T."),
#: and the "#" that leads an identifier ("#CS123456"): they tell nothing clinical and mark where the PHI was.
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Mister|Doctor)\.?[ ]+$", re.IGNORECASE)
_INITIAL = re.compile(r"(?:^|[ ])\p{Lu}$")
_IDS = frozenset({"SSN", "MRN", "HEALTH_PLAN", "ACCOUNT", "LICENSE", "DEVICE", "VEHICLE", "OTHER_ID"})
#: A place is kept whole: the kind of site written after its name ("our Dallas clinic", "the New York office"), and
#: two place spans joined only by "in" or a comma ("Memorial Hospital in Atlanta", "Hospital, Los Angeles, CA").
_PLACES = frozenset({"PLACE", "CITY", "FACILITY", "ADDRESS", "ZIP", "LOCATION"})
_SITE_AFTER = re.compile(r"^[ ](?:clinic|office|branch|hospital|center|centre|campus|practice|surgery|ER|ED|"
                         r"med(?:ical)?[ ]c(?:en)?te?r|medical[ ]centre|health[ ]center)\b", re.IGNORECASE)
_PLACE_JOIN = re.compile(r"^(?:[ ]in[ ]|,[ ]|[ ]-[ ])$")


def widen(text: str, spans: list[Entity]) -> list[Entity]:
    """Names with their title and closing initial's period, identifiers with their leading "#", places whole."""
    out = []
    for e in spans:
        start, end = e.start, e.end
        if e.label == "NAME":
            title = _TITLE.search(text, 0, start)
            start = title.start() if title else start
            if text[end:end + 1] == "." and _INITIAL.search(text, start, end):
                end += 1
        elif e.label in _IDS and start > 0 and text[start - 1] == "#":
            start -= 1
        elif e.label in _PLACES and (site := _SITE_AFTER.match(text[end:end + 24])):
            end += site.end()
        out.append(Entity(start, end, e.label, e.score) if (start, end) != (e.start, e.end) else e)
    joined: list[Entity] = []
    for e in merge(out):
        last = joined[-1] if joined else None
        if last and last.label in _PLACES and e.label in _PLACES and _PLACE_JOIN.match(text[last.end:e.start]):
            joined[-1] = Entity(last.start, e.end, last.label, max(last.score, e.score))
        else:
            joined.append(e)
    return joined


def merge(spans: list[Entity]) -> list[Entity]:
    """Union overlapping spans; the merged span takes the most specific label among them."""
    out: list[Entity] = []
    for s in sorted(spans, key=lambda e: (e.start, -e.end)):
        if out and s.start < out[-1].end:
            last = out[-1]
            label = min((last.label, s.label), key=lambda lab: _PRIORITY.index(lab) if lab in _PRIORITY else 99)
            out[-1] = Entity(last.start, max(last.end, s.end), label, max(last.score, s.score))
        else:
            out.append(s)
    return out
