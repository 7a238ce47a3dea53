"""Emergency red flags in Spanish, the language after English that US patients most often write in.

A short table, not a translation of the English rules: the emergencies that must never wait (chest pain, breathing,
collapse, seizures, stroke, bleeding, suicide, overdose, anaphylaxis, a young baby's fever, a sudden worst headache).
Matching ignores accents; a finding after "no", "sin", "nunca" or "ni" in its clause is denied ("no tiene dolor en
el pecho"), one said with "no" itself is not ("no puede respirar"); one dated years or months back ("hace dos anos")
or feared ("miedo de") is not a report of it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex as re

_RULES: list[tuple[str, str, str]] = [
    ("chest_pain", "chest pain",
     (r"dolor\w* (muy )?(fuerte |intenso |terrible |horrible )?(en el|del|de|en|al) pecho|presion en el pecho|"
      r"opresion en el pecho|pecho (apretado|oprimido)|me aprieta el pecho|infarto|ataque al corazon")),
    ("breathing", "severe difficulty breathing",
     (r"no (puede|puedo|podia|pudo|pude) respirar|(le|me) falta (el )?aire|falta de aire|dificultad para respirar|"
      r"me ahogo|se (esta )?ahoga\w*|labios (morados|azules)|se (esta )?poniendo (morad[oa]|azul)|"
      r"(le|me) cuesta (mucho )?respirar|se (le|me) hunden las costillas")),
    ("collapse", "collapse or loss of consciousness",
     (r"se desmay\w+|desmayo|perdi\w* el conocimiento|inconsciente|no (responde|reacciona|despierta)|"
      r"no se (despierta|mueve)|no (lo|la) (podemos|puedo) despertar")),
    ("seizure", "a seizure", r"convulsi\w+|ataque epileptico|esta convulsionando"),
    ("stroke", "signs of a stroke",
     (r"(cara|boca) (caida|torcida|chueca|de lado)|se le cayo (la cara|un lado de la cara)|no (puede|puedo) hablar|"
      r"habla (raro|arrastrando|enredado|mal de repente)|arrastra las palabras|no (puede|puedo) mover (el|la|su|mi) "
      r"(brazo|pierna|mano|lado)|debilidad (en|de) un lado|derrame cerebral|embolia")),
    ("bleeding", "heavy bleeding",
     (r"sangrado (abundante|fuerte|que no para|mucho)|sangra (mucho|sin parar|y no para)|mucha sangre|"
      r"vomit\w* sangre|(tose|tosiendo|toser) sangre|tos con sangre|hemorragia|heces negras|popo negra")),
    ("suicidal", "thoughts of suicide or self-harm",
     (r"suicid\w+|matarme|quitarme la vida|(quiero|quiere) morir(me|se)?|no (quiero|quiere) vivir|"
      r"hacerme dano|cortarme|no quiero despertar")),
    ("overdose", "a possible overdose",
     (r"sobredosis|(se|me) (tomo|tome|trago|trague) (muchas|un monton de|todas las|un frasco de|una caja de) "
      r"(pastillas|pildoras|tabletas|medicinas)")),
    ("anaphylaxis", "a severe allergic reaction",
     (r"(garganta|lengua|labios|cara) (se le |se me )?(esta |estan )?(hinchando|hinchad[oa]s?|cerrando)|"
      r"se (me|le) (esta |estan )?(cierra|cerrando|hinchando) (la|los|el) (garganta|lengua|labios|cara)|"
      r"hinchazon de (la )?(lengua|garganta|labios)|reaccion alergica (grave|fuerte)|anafilaxia")),
    ("infant_fever", "fever in a young baby",
     (r"(bebe|recien nacid[oa]|nene|nena|hij[oa])\b[\w\s]{0,25}\b(([1-9]|1[0-2]) semanas|(un|1|dos|2) mes(es)?|"
      r"\d{1,2} dias)\b[\w\s,]{0,40}\b(fiebre|calentura|temperatura)")),
    ("headache", "a sudden, severe headache",
     (r"(el )?peor dolor de cabeza|dolor de cabeza (muy )?(fuerte|intenso|terrible) (y )?(de repente|repentino|"
      r"de golpe)|dolor de cabeza (de repente|de golpe)")),
    ("pregnancy_bleeding", "bleeding in pregnancy",
     r"embarazada[\w\s,]{0,40}\bsangr\w+|sangr\w+[\w\s,]{0,40}\bembarazada"),
]
_COMPILED = [(name, label, re.compile(rx)) for name, label, rx in _RULES]
_CUE = re.compile(r"\b(no|sin|nunca|ni|niega|tampoco)\b")
_BREAK = re.compile(r"[.;:!?\n]|\b(pero|aunque|y ahora|ahora)\b|,")


@dataclass(frozen=True)
class SpanishFlag:
    name: str
    label: str
    said: str


def fold(text: str) -> str:
    """Lower case without accents: "está sudando" -> "esta sudando"; same length as ``text``."""
    out = []
    for ch in text.lower():
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if base.isascii() else ch)
    return "".join(out)


#: the same clause dates the finding years or months back, or makes it a fear: "tuvo una convulsion hace dos
#: anos", "tengo miedo de tener un infarto"
_PAST = re.compile(r"\bhace (\w+ ){0,2}(anos|meses|mucho)\b|\bel ano pasado\b|\bde (nino|nina|chico|chica)\b")
_WORRY = re.compile(r"\b(miedo|temo|me preocupa|preocupad[oa]s?|por si)\b")


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the finding's clause before and after it."""
    left = text[max(0, start - 50):start]
    breaks = list(_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end():]
    right = text[end:end + 50]
    cut = _BREAK.search(right)
    return left, right[:cut.start()] if cut else right


def _denied_folded(low: str, start: int, end: int) -> bool:
    left, right = _clause(low, start, end)
    return bool(_CUE.search(left) or _WORRY.search(left) or _PAST.search(left + " " + right))


def denied(text: str, start: int, end: int) -> bool:
    """True when the Spanish around ``text[start:end]`` denies, dates back or fears it; English rules that match a
    Spanish message ("convulsion") are checked with this too."""
    return _denied_folded(fold(text), start, end)


def detect(text: str) -> list[SpanishFlag]:
    """The red flags stated (not denied) in a Spanish message, once each."""
    low = fold(text)
    found = []
    for name, label, rx in _COMPILED:
        m = next((m for m in rx.finditer(low) if not _denied_folded(low, m.start(), m.end())), None)
        if m:
            found.append(SpanishFlag(name, label, text[m.start():m.end()]))
    return found
