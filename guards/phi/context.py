"""Context words raise scores: a cheap window-based enhancer in place of Presidio's lemma-based one.

Presidio's enhancer needs spaCy's lemmatizer (half the cost of a note); a lower-cased text window around the
match serves the same purpose for our recognizers' context words.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer


class WindowContextEnhancer(ContextAwareEnhancer):
    """Adds ``boost`` (up to ``floor`` at least) when a recognizer's context word is within ``window`` characters."""

    def __init__(self, boost: float = 0.35, floor: float = 0.5, window: int = 40) -> None:
        super().__init__(context_similarity_factor=boost, min_score_with_context_similarity=floor,
                         context_prefix_count=5, context_suffix_count=0)
        self.window = window
        self._cache: dict[str, re.Pattern[str]] = {}

    def _pattern(self, recognizer: EntityRecognizer) -> re.Pattern[str] | None:
        if not recognizer.context:
            return None
        key = recognizer.id
        if key not in self._cache:
            words = sorted({w.lower() for w in recognizer.context}, key=len, reverse=True)
            self._cache[key] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
        return self._cache[key]

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: object,
                              recognizers: list[EntityRecognizer], context: list[str] | None = None
                              ) -> list[RecognizerResult]:
        by_id = {r.id: r for r in recognizers}
        low = text.lower()
        for res in raw_results:
            rec = by_id.get((res.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if rec is None or res.score >= 1.0:
                continue
            pat = self._pattern(rec)
            if pat is not None and pat.search(low, max(0, res.start - self.window), res.start):
                res.score = min(1.0, max(res.score + self.context_similarity_factor,
                                         self.min_score_with_context_similarity))
        return raw_results
