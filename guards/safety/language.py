"""Which language a message is written in, so that triage rules written in English are not trusted on another.

English is judged by how many of a message's words pyspellchecker's English dictionary holds; only a message that
is mostly not English is compared with the other dictionaries pyspellchecker ships (Spanish, French, German,
Portuguese, Italian, Dutch) or, for other scripts, named by its script. Dictionaries load on first use.
"""

from __future__ import annotations

import unicodedata

import regex as re

from guards.phi.name_lists import spellchecker_frequency

#: pyspellchecker dictionaries compared when a message is not English
LATIN = ("es", "fr", "de", "pt", "it", "nl")
NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
         "nl": "Dutch", "ru": "Russian", "ar": "Arabic", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
         "hi": "Hindi", "el": "Greek", "he": "Hebrew", "th": "Thai", "other": "another language"}
#: Unicode script (the first word of a character's name) to the language it most likely writes
_SCRIPTS = {"CYRILLIC": "ru", "ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
            "DEVANAGARI": "hi", "GREEK": "el", "HEBREW": "he", "THAI": "th"}
_WORD = re.compile(r"\p{L}+(?:['’]\p{L}+)?")
_MARKERS = {"es": re.compile(r"\b(?:el|la|los|las|del|con|y|muy|pero|mi|mis|tiene|tengo|hace|desde|estoy|hijo|hija|"
                             r"usted)\b"),
            "pt": re.compile(r"\b(?:o|os|e|muito|mas|meu|minha|tem|tenho|há|não|com|você|filho|filha|estou)\b")}
#: fewer words than this are not judged: "ok", "help me", "dolor"
MIN_WORDS = 4
#: below this share of English words a message is compared with the other languages (every English case in
#: eval/data/triage_cases.jsonl, Avey and AgentClinic has 0.78 or more, text-speak and shorthand included)
ENGLISH_SHARE = 0.7


def dictionary(code: str) -> dict[str, int]:
    """pyspellchecker's words for ``code`` (the PHI guard's copy for English); empty when it is not installed."""
    try:
        return spellchecker_frequency(code)
    except ImportError:
        return {}


def _share(words: list[str], code: str) -> float:
    known = dictionary(code)
    return sum(w in known or w.replace("'", "").replace("’", "") in known for w in words) / len(words)


def _script(text: str) -> str | None:
    """The language of the non-Latin script most letters of ``text`` are in, or None when most are Latin."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        name = unicodedata.name(ch, "")
        first = name.split(" ", 1)[0]
        if first != "LATIN":
            lang = _SCRIPTS.get(first, "other")
            counts[lang] = counts.get(lang, 0) + 1
    if not letters or not counts:
        return None
    if counts.get("ja") and "zh" in counts:
        counts["ja"] += counts.pop("zh")  # Japanese writes kanji among its kana; Chinese has no kana
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    return lang if n > letters / 2 else None


def guess_language(text: str) -> str | None:
    """None for English (or a message too short to judge, or no dictionary to judge by); otherwise the language's
    code: one of LATIN, or a script's language ("ru", "ar", "zh" ..., "other" for a script not listed)."""
    script = _script(text)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS or not dictionary("en"):
        return None
    english = _share(words, "en")
    if english >= ENGLISH_SHARE:
        return None
    # shorthand and jargon ("Pt 68M T2DM CKD3 AF on DOAC, c/o SOB") also score low in English, but no other
    # dictionary holds more of their words
    shares = sorted(((_share(words, code), code) for code in LATIN), reverse=True)
    (share, best), (second, runner) = shares[0], shares[1]
    if {best, runner} == {"es", "pt"} and share - second < 0.15:
        # close cousins, and each dictionary misses common words of its language ("tiene", "meses"): their
        # commonest function words tell them apart
        counts = {code: len(_MARKERS[code].findall(" ".join(words))) for code in ("es", "pt")}
        best = max(counts, key=lambda c: counts[c]) if counts["es"] != counts["pt"] else best
    return best if share > english else None


def language_name(code: str) -> str:
    return NAMES.get(code, NAMES["other"])


#: "If this is an emergency, call your local emergency number now", in the languages named above
_EMERGENCY_LINE = {
    "es": "Si es una emergencia, llame ahora a su número local de emergencias (911 en EE. UU., 112 en Europa).",
    "fr": "S'il s'agit d'une urgence, appelez maintenant le numéro d'urgence local "
          "(112 en Europe, 911 aux États-Unis).",
    "de": "Wenn es ein Notfall ist, rufen Sie jetzt den örtlichen Notruf an (112 in Europa, 911 in den USA).",
    "pt": "Se for uma emergência, ligue agora para o número de emergência local (112 na Europa, 911 nos EUA).",
    "it": "Se è un'emergenza, chiami subito il numero di emergenza locale (112 in Europa, 911 negli Stati Uniti).",
    "nl": "Als dit een noodgeval is, bel dan nu het lokale alarmnummer (112 in Europa, 911 in de VS).",
    "ru": "Если это экстренный случай, сейчас же позвоните по местному номеру экстренной помощи (112 в Европе, 911 в "
    "США).",
    "ar": "إذا كانت هذه حالة طارئة، فاتصل الآن برقم الطوارئ المحلي (112 في أوروبا، 911 في الولايات المتحدة).",
    "zh": "如果这是紧急情况，请立即拨打当地急救电话（欧洲 112，美国 911）。",
}


def emergency_line(code: str) -> str | None:
    """What to do in an emergency, in the language ``code``, or None where it is not written here."""
    return _EMERGENCY_LINE.get(code)
