"""Replies written by code, for backends trusted only to pick (``BackendProfile.trust == "extractive"``).

- a patient's reply: what to do and why in plain words, when to get help sooner (``data/safety_net.json``), and
  short quotes from consumer-health pages, cited;
- a clinician's answer: the best sentences of the retrieved sources, each cited, the question's terms in bold;
- the record summary: facts computed from the patient's FHIR resources, each line citing its resource.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from assistant.citations import STOP_WORDS
from assistant.events import Citation

#: Sources written for the public (MedQuAD's NIH pages): the only ones quoted to a patient.
CONSUMER_SOURCES = frozenset({"medquad"})
#: A question about the record itself brings the computed summary back after the first turn.
RECORD_WORDS = ("summary", "summar", "record", "overview", "medication", "meds", "allerg", "lab", "vital",
                "problem", "condition", "history")

HEADLINE = {
    "urgent": "This needs a doctor or nurse to check it today.",
    "routine": "This does not sound like an emergency, but a doctor should check it in the next few days.",
    "self_care": "This sounds like something you can look after at home.",
}
VITAL_NAMES = {"hr": "heart rate", "rr": "breathing rate", "spo2": "oxygen saturation", "temp": "temperature",
               "sbp": "blood pressure", "dbp": "blood pressure"}

NO_ANSWER = ("The indexed sources do not answer this question. The model serving this site is small and is not "
             "trusted to write medical text, so no answer is written from its own knowledge.")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\s+-\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")


@cache
def safety_table() -> dict[str, Any]:
    text = resources.files("assistant").joinpath("data/safety_net.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _has(text: str, term: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", text) is not None


def safety_net(message: str, limit: int = 6) -> tuple[list[str], list[str]]:
    """When to get help sooner for the complaint areas the message names (at most two), then the general signs;
    and the pages they come from."""
    table, low = safety_table(), message.lower()
    areas = [a for a in table["areas"] if any(_has(low, t) for t in a["terms"])][:2]
    signs: list[str] = []
    for area in areas:
        signs += area["watch_for"][: max(2, limit // max(1, len(areas)) - 1)]
    signs += table["general"]["watch_for"]
    pages = [a["source"] for a in areas] or [table["general"]["source"]]
    return list(dict.fromkeys(signs))[: limit + 2], pages


def plain_reasons(triage: dict[str, Any]) -> list[str]:
    """The findings that decided, in a patient's words; scores and notes meant for clinicians are left out."""
    plain = safety_table()["plain"]
    out = []
    for reason in triage.get("reasons", []):
        kind, _, what = reason.partition(": ")
        if reason == "no danger signs found":
            out.append("nothing you describe is a warning sign of an emergency")
        elif kind in ("red flag", "danger sign"):
            out.append(f"you describe {what}")
        elif kind in ("reassuring", "noted") and what:
            out.append(plain.get(what, what))
        elif reason.startswith("needs examination today"):
            out.append("what you describe is like cases that needed a doctor the same day")
        elif kind == "vital signs read from the text":
            out.append("the numbers you gave: " + re.sub(r'\s*\("[^"]*"\)', "", what))
    return list(dict.fromkeys(out))[:4]


def patient_reply(message: str, triage: dict[str, Any], citations: Sequence[Citation]) -> str:
    """The whole reply to a patient for a non-emergency disposition (the next-step line is added by the loop)."""
    parts = [HEADLINE.get(triage["disposition"], HEADLINE["routine"])]
    why = plain_reasons(triage)
    if why:
        parts.append("**Why:** " + "; ".join(why) + ".")
    signs, pages = safety_net(message)
    parts.append("**Get help sooner if:**\n" + "\n".join(f"- {s[0].upper() + s[1:]}" for s in signs)
                 + "\n\n" + "Based on: " + ", ".join(f"[NHS advice]({p})" for p in pages))
    quotes = best_sentences(message, [c for c in citations if c.source in CONSUMER_SOURCES], k=2, per_source=1,
                            max_words=45, highlight=False)
    if quotes:
        parts.append("**What health information pages say:**\n" + "\n".join(f'> "{s}" [{c.n}]' for c, s in quotes))
    return "\n\n".join(parts)


def extractive_answer(question: str, citations: Sequence[Citation], quiet: bool = False) -> str:
    """The best sentences of the retrieved sources, quoted and cited; when none answer, a plain statement of it, or
    nothing when ``quiet`` (the record summary already answers)."""
    picked = best_sentences(question, citations)
    if not picked:
        return "" if quiet else NO_ANSWER
    lines = [f"- {s} [{c.n}]" for c, s in picked]
    return "From the sources (quoted; this site's model does not write medical text):\n" + "\n".join(lines)


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ies", "es", "s", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content_terms(text: str) -> set[str]:
    """Stems of the words that carry content (stop words and short words left out)."""
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2}


def sentences(text: str) -> list[str]:
    """Sentences of a source worth quoting: five words or more, not a list's lead-in ("... include the following:")."""
    found = (s.strip(" -") for s in _SENTENCE.split(" ".join(text.split())))
    return [s for s in found if len(s.split()) >= 5 and not s.endswith(":") and not _heading(s)]


def _heading(sentence: str) -> bool:
    """Run-together headings ("Signs and Symptoms Approximate number of patients"): mostly capitalised words."""
    words = [w for w in sentence.split() if w[:1].isalpha() and w.lower() not in STOP_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def best_sentences(question: str, citations: Sequence[Citation], k: int = 4, per_source: int = 2,
                   max_words: int = 60, highlight: bool = True) -> list[tuple[Citation, str]]:
    """Up to ``k`` sentences that share the rarest of the question's terms, best first; ties go to the higher-ranked
    source. A sentence must share at least two terms (one when the question has only one)."""
    wanted = content_terms(question)
    if not wanted:
        return []
    pool = [(rank, c, s) for rank, c in enumerate(citations) for s in sentences(c.text)
            if len(s.split()) <= max_words]
    if not pool:
        return []
    df: dict[str, int] = {}
    stems = [content_terms(s) for _, _, s in pool]
    for st in stems:
        for t in st & wanted:
            df[t] = df.get(t, 0) + 1
    need = min(2, len(wanted))
    scored = []
    for (rank, c, s), st in zip(pool, stems):
        shared = st & wanted
        if len(shared) < need:
            continue
        score = sum(math.log(1 + len(pool) / df[t]) for t in shared) / math.sqrt(len(st) or 1) - 0.05 * rank
        scored.append((score, rank, c, s))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out: list[tuple[Citation, str]] = []
    used: dict[int, int] = {}
    seen: set[str] = set()
    for _, _, c, s in scored:
        if used.get(c.n, 0) >= per_source or s.lower() in seen:
            continue
        used[c.n] = used.get(c.n, 0) + 1
        seen.add(s.lower())
        out.append((c, _bold(s, wanted) if highlight else s))
        if len(out) >= k:
            break
    return out


def _bold(sentence: str, wanted: set[str]) -> str:
    """The question's terms in bold; neighbouring bold words as one run."""

    def mark(m: re.Match[str]) -> str:
        word = m.group(0)
        return f"**{word}**" if word.lower() not in STOP_WORDS and len(word) > 2 and _stem(word) in wanted else word

    return re.sub(r"\*\* \*\*", " ", _WORD.sub(mark, sentence))


def wants_record(message: str, first_turn: bool) -> bool:
    return first_turn or any(w in message.lower() for w in RECORD_WORDS)


def beyond_record(message: str) -> str:
    """What a question asks besides the record itself ("summarise the record" asks nothing of the literature)."""
    return " ".join(w for w in message.split() if not any(r in w.lower() for r in RECORD_WORDS + ("summaris",)))


def record_summary(record: dict[str, Any], patient_id: str, start: int = 1) -> tuple[str, list[Citation]]:
    """The summary lines, each citing the FHIR resource it was read from, and the citations (numbered from
    ``start``). Computed at index time from the bundle (``retrieval.sources.fhir_record``); nothing generated."""
    from assistant.toolbox import record_news2

    cites: list[Citation] = []

    def cite(ref: str, title: str, text: str) -> str:
        for c in cites:
            if c.id == ref:
                return f"[{c.n}]"
        n = start + len(cites)
        cites.append(Citation(n, ref, "fhir", title, f"fhir://{ref}", patient_id, text, 1.0))
        return f"[{n}]"

    lines = ["**Record summary** (computed from the FHIR record; each line cites its resource)"]
    items = [f"{c['text']}, since {c['onset'] or 'date not recorded'} {cite(c['ref'], c['text'], c['text'])}"
             for c in record.get("conditions", [])]
    lines += _section("Active problems", items, "none recorded")
    items = [f"{m['text']}: {m['dose'] or 'dose not recorded'}, since {m['since']} "
             f"{cite(m['ref'], m['text'], m['dose'])}" for m in record.get("medications", [])]
    lines += _section("Current medications", items, "none recorded")
    items = []
    for a in record.get("allergies", []):
        detail = ", ".join(x for x in (a.get("reaction"), a.get("criticality") and f"criticality {a['criticality']}")
                           if x)
        items.append(f"{a['text']}{f' ({detail})' if detail else ''} {cite(a['ref'], a['text'], detail)}")
    lines += _section("Allergies", items, "no allergies recorded")
    lines += _section("Latest vital signs", _vital_lines(record.get("vitals", []), cite, record_news2),
                      "none recorded")
    items = []
    for lab in record.get("labs", []):
        rng = f", range {lab['range']}" if lab.get("range") else ", no reference range"
        flag = f" **{lab['flag'].upper()}**" if lab.get("flag") else ""
        value = f"{lab['value']:g}" if isinstance(lab["value"], (int, float)) else str(lab["value"])
        items.append(f"{lab['text']}: {value} {lab['unit']}{flag}{rng}, {lab['date']} "
                     f"{cite(lab['ref'], lab['text'], value)}")
    lines += _section("Recent labs", items, "none recorded")
    items = [f"{e['date']} {e['text']}{' for ' + e['reason'] if e.get('reason') else ''} "
             f"{cite(e['ref'], e['text'], e.get('reason', ''))}" for e in record.get("encounters", [])]
    lines += _section("Recent encounters", items, "none recorded")
    return "\n".join(lines), cites


def _section(title: str, items: list[str], empty: str) -> list[str]:
    return [f"\n**{title}:** {empty}."] if not items else [f"\n**{title}:**", *(f"- {i}" for i in items)]


def _vital_lines(vitals: list[dict[str, Any]], cite: Any, news2: Any) -> list[str]:
    by_name = {v["name"]: v for v in vitals}
    out = []
    for v in vitals:
        if v["name"] == "dbp" and "sbp" in by_name:
            continue
        if v["name"] == "sbp" and "dbp" in by_name:
            text = f"blood pressure {v['value']:g}/{by_name['dbp']['value']:g} {v['unit']}"
        else:
            text = f"{VITAL_NAMES.get(v['name'], v['name'])} {v['value']:g} {v['unit']}"
        out.append(f"{text}, {v['date']} {cite(v['ref'], text, text)}")
    if out:
        score = news2({v["name"]: {"value": v["value"], "date": v["date"]} for v in vitals})
        out.append(f"NEWS2 {score['total']} ({score['risk']} risk), assuming {score['assumed']}" if score["computed"]
                   else f"NEWS2 not computed: {score['reason']}")
    return out
