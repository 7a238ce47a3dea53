"""Grounding checks by code: only retrieved sources may be cited, and uncited sentences are attributed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.events import Citation

_CITE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_WORD = re.compile(r"[a-z0-9]+")
#: Words too common to tell sentences apart (also used by ``assistant.compose``).
STOP_WORDS = _STOP = frozenset([
                   "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
                   "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
                   "its", "may", "might", "more", "most", "no", "not", "of", "on", "or", "our", "she", "should", "so",
                   "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
                   "to", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
                   "patient", "patients"])


def cited_numbers(text: str) -> set[int]:
    return {int(n) for group in _CITE.findall(text) for n in re.split(r"\s*,\s*", group)}


def strip_unknown(text: str, known: set[int]) -> tuple[str, int]:
    """Remove citation markers that point at no returned source; returns the text and how many were removed."""
    removed = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal removed
        nums = [int(n) for n in re.split(r"\s*,\s*", m.group(1))]
        good = [n for n in nums if n in known]
        removed += len(nums) - len(good)
        return "[" + ", ".join(map(str, good)) + "]" if good else ""

    return _CITE.sub(fix, text), removed


def _terms(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def attribute(text: str, citations: Sequence[Citation], min_overlap: float = 0.34) -> str:
    """Append [n] to sentences that cite nothing but share most of their content words with source n."""
    if not citations:
        return text
    source_terms = [(c.n, _terms(c.title + " " + c.text)) for c in citations]
    parts = re.split(r"(?<=[.!?])(\s+)", text)
    out: list[str] = []
    for part in parts:
        terms = _terms(part)
        if len(terms) >= 3 and not _CITE.search(part):
            best_n, best = 0, 0.0
            for n, st in source_terms:
                overlap = len(terms & st) / len(terms)
                if overlap > best:
                    best_n, best = n, overlap
            if best >= min_overlap:
                stripped = part.rstrip()
                end = stripped[-1] if stripped and stripped[-1] in ".!?" else ""
                body = stripped[:-1] if end else stripped
                part = f"{body} [{best_n}]{end}" + part[len(stripped):]
        out.append(part)
    return "".join(out)
