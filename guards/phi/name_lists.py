"""Given names and surnames of the US Census 1990 name files, without those that are ordinary English words.

The census files come with the ``names`` package (MIT; the data are public domain): 5,163 given names and 88,799
surnames, many of them Hispanic, Asian, African and European. Words that are also common English words ("Rose",
"Brown", "Long", "Church") are dropped using the English word frequencies of ``pyspellchecker`` (MIT): a name is
dropped when its lowercase frequency there is at least ``COMMON_FREQUENCY``, which keeps "john" (6,920) and
"kevin" (1,986) and drops "rose" (27,460), "dawn" (21,732) and "brown" (33,083).
"""

from __future__ import annotations

import gzip
import json
from functools import cache, lru_cache
from pathlib import Path

#: pyspellchecker's English frequency at or above which a word counts as ordinary English (about its top 5,500 words).
COMMON_FREQUENCY = 8000


def _package_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(mod.__file__).resolve().parent


@cache
def spellchecker_frequency(code: str) -> dict[str, int]:
    """Lowercase word -> frequency in pyspellchecker's dictionary for language ``code`` ("en", "es" ...); empty when
    it ships none for that language."""
    path = _package_dir("spellchecker") / "resources" / f"{code}.json.gz"
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def english_frequency() -> dict[str, int]:
    """Lowercase English word -> frequency, from pyspellchecker's dictionary (a gzipped JSON object)."""
    return spellchecker_frequency("en")


def is_common_english(word: str) -> bool:
    """True for ordinary English words ("rose", "long"), false for rare words and most names."""
    return english_frequency().get(word.lower(), 0) >= COMMON_FREQUENCY


def _census(*files: str) -> frozenset[str]:
    base = _package_dir("names")
    words = set()
    for name in files:
        for line in (base / name).read_text(encoding="ascii").splitlines():
            if line.strip():
                words.add(line.split()[0].lower())
    return frozenset(w for w in words if len(w) > 1 and not is_common_english(w))


@lru_cache(maxsize=1)
def census_first_names() -> frozenset[str]:
    """Census given names (female and male), lowercase, without common English words."""
    return _census("dist.female.first", "dist.male.first")


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """Census surnames, lowercase and without apostrophes ("oneill"), without common English words."""
    return _census("dist.all.last")


def is_surname(word: str) -> bool:
    """A census surname: "Ferreira", "O'Neill" (the census writes it ONEILL), "Herrera-Lima" by either part."""
    low = word.lower().replace("'", "").replace("’", "")
    parts = low.split("-")
    return low in census_surnames() or (len(parts) > 1 and any(p in census_surnames() for p in parts))
