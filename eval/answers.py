"""Robust answer parsing: option letters, option text, yes/no/maybe; unparsed answers are counted, not guessed."""

from __future__ import annotations

import re

_PATTERNS = [
    r"(?:final answer|answer|correct option|correct answer|option)\s*(?:is|:)?\s*[:\-]?\s*\(?([A-J])\)?(?![a-z])",
    r"^\s*\(?([A-J])\)?(?:[.):,\s]|$)",
    r"\b([A-J])\s*(?:\)|\.)\s",
]


def parse_choice(text: str, options: dict[str, str]) -> str | None:
    """The option letter the model chose, or None when it cannot be read."""
    letters = set(options)
    t = text.strip()
    if not t:
        return None
    for pat in _PATTERNS:
        for m in re.finditer(pat, t, flags=re.IGNORECASE | re.MULTILINE):
            letter = m.group(1).upper()
            if letter in letters:
                return letter
    low = t.lower()
    # option text ("yes", "no", "maybe", or the text of an option) as the whole answer or its start
    by_text = sorted(options.items(), key=lambda kv: -len(kv[1]))
    for letter, opt in by_text:
        o = opt.strip().lower().rstrip(".")
        if o and (low == o or low.startswith(o + ".") or low.startswith(o + ",") or low.startswith(o + " ")
                  or low.startswith(o + "\n")):
            return letter
    found = [letter for letter, opt in by_text if len(opt) > 3 and opt.strip().lower() in low]
    if len(set(found)) == 1:
        return found[0]
    return None
