"""A regex recognizer for Presidio that can report one capture group (the ID, not its label)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult


@dataclass(frozen=True)
class Rule:
    """One pattern: the regex, its score, which group is PHI, and an optional validator of that group."""

    pattern: str
    score: float
    group: int | str = 0
    validate: Callable[[str], bool] | None = None
    flags: int = re.IGNORECASE
    reject: str | None = None  # a regex on the whole match that vetoes it (e.g. a vital sign before an "age")


class RegexRecognizer(EntityRecognizer):
    """Regex rules for one entity label; context words (Presidio's enhancer) raise scores."""

    def __init__(self, label: str, rules: Sequence[Rule], context: Sequence[str] = (), name: str | None = None) -> None:
        self.rules = list(rules)
        self._compiled = [(re.compile(r.pattern, r.flags), r) for r in self.rules]
        self._reject = {id(r): re.compile(r.reject, re.IGNORECASE) for r in self.rules if r.reject}
        super().__init__(supported_entities=[label], name=name or f"{label.title()}Recognizer",
                         context=list(context))
        self.label = label

    def load(self) -> None:  # nothing to load: regexes compile in the constructor
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        out = []
        for rx, rule in self._compiled:
            for m in rx.finditer(text):
                start, end = m.span(rule.group)
                if start < 0 or end <= start:
                    continue
                value = text[start:end]
                if rule.validate is not None and not rule.validate(value):
                    continue
                if rule.reject and self._reject[id(rule)].search(m.group(0)):
                    continue
                expl = AnalysisExplanation(recognizer=self.name, original_score=rule.score, pattern=rule.pattern[:60])
                out.append(RecognizerResult(self.label, start, end, rule.score, analysis_explanation=expl,
                                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


def labelled(labels: str, value: str,
             sep: str = r"\s*(?:[:#=]|no\.?|number|num\.?|id)?\s*(?:is\s+|was\s+|of\s+)?[:#]?\s*") -> str:
    """Regex for ``<label words><separator><value>`` with the value as the named group ``v``.

    A label ends at a word boundary ("MRN", not "MRNA"), or at "#", which may touch the value ("patient #A7734921").
    """
    return rf"(?:{labels})(?:(?<=#)|(?![A-Za-z])){sep}(?P<v>{value})"


def result(recognizer: EntityRecognizer, label: str, start: int, end: int, score: float) -> RecognizerResult:
    """A RecognizerResult carrying the explanation Presidio's context enhancer needs."""
    return RecognizerResult(label, start, end, score,
                            analysis_explanation=AnalysisExplanation(recognizer=recognizer.name, original_score=score),
                            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
                                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id})
