"""Retrieved text is data: instruction-like sentences inside sources are neutralised before the model sees them."""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"(?i)(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|your|system)"
    r"\s+(?:instructions?|prompts?|rules?|messages?)|"
    r"\b(?:you are now|you must now|from now on you|act as|pretend to be|new instructions?|system prompt|"
    r"developer mode|jailbreak)\b|"
    r"\b(?:respond|reply|answer|output|say|print|write)\s+(?:only\s+)?(?:with\s+)?(?:the\s+(?:word|phrase|"
    r"text)\s+)?[\"'“][^\"'”]{1,60}[\"'”]|"
    r"\b(?:reveal|print|show|repeat)\s+(?:the\s+|your\s+)?(?:system\s+prompt|instructions|hidden)|"
    r"\b(?:tell|advise)\s+(?:the\s+)?(?:patient|user)s?\s+to\s+(?:stop|discontinue)\s+(?:all|every|their)\b")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?\n]|$)")
PLACEHOLDER = "[instruction-like text removed from source]"


def neutralise(text: str) -> tuple[str, int]:
    """Replace sentences that instruct the assistant; returns the text and how many were removed."""
    removed = 0
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if sentence and _INSTRUCTION.search(sentence):
            removed += 1
            out.append(PLACEHOLDER + (sentence[-1] if sentence[-1:] == "\n" else " "))
        else:
            out.append(sentence)
    return "".join(out), removed
