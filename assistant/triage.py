"""Triage: clinical findings (``assistant.findings``), a short red-flag floor and the vital signs, the conditions the
findings suggest, and a learned disposition model (``assistant.triage_model``), in one disposition.

An emergency found by the floor or the vital signs is final: no later step lowers it. A served model's judgement
(when the backend is trusted to reason) may raise the disposition, never lower it. When what would change the
disposition is missing (a baby's age with a fever, how breathless, how long), the result carries questions to ask.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from assistant.findings import DATA, Findings, concepts, extractor
from assistant.triage_features import (
    add_vital_findings,
    cant_miss,
    floor,
    read_case_vitals,
    structured,
    vital_danger,
    vital_urgent,
)
from assistant.triage_policy import LEVELS, Inputs, decide, raise_only
from assistant.triage_shorthand import expand as expand_shorthand
from guards.safety.language import emergency_line, guess_language, language_name
from guards.safety.red_flags import CRISIS_RESOURCES, detect
from guards.safety.spanish import denied as spanish_denied
from guards.safety.spanish import detect as detect_spanish

log = logging.getLogger(__name__)

ORDER = list(LEVELS)
NEXT_STEP = {
    "emergency": "Call your local emergency number (911 in the US) or go to the nearest emergency department now.",
    "urgent": "See a doctor today: call your doctor's office for a same-day visit, or go to an urgent care clinic.",
    "routine": "Book an appointment with your doctor in the next few days; seek care sooner if you get worse.",
    "self_care": "You can likely look after this at home: rest, fluids and over-the-counter remedies. "
                 "See a doctor if it gets worse or does not improve.",
}
#: How a reason starts when the model's urgent point raised a disposition to a same-day visit.
URGENT_BY_MODEL = "needs examination today"
#: A message this short with no finding, red flag or vital sign is not given to the model (see ``_one``).
BARE_WORDS = 4


@cache
def _general_words() -> tuple[frozenset[str], frozenset[str]]:
    table = json.loads((DATA / "general_question.json").read_text(encoding="utf-8"))
    return frozenset(table["person_words"]), frozenset(table["question_openers"])


def general_question(text: str, found: Findings) -> bool:
    """A question that names no one and no symptom, sign, history or person (``assistant/data/general_question.json``):
    "How many people are affected by citrullinemia?", not "what should I do, my baby is floppy?"."""
    person, openers = _general_words()
    words = [w.strip(".,;:!?()\"'") for w in text.lower().replace("\u2019", "'").split()]
    if not words or not (text.rstrip().endswith("?") or words[0] in openers):
        return False
    table = concepts()
    if found.age is not None or any(table[m.concept].kind != "modifier" for m in found.mentions):
        return False
    return not any(w in person for w in words)


@dataclass
class TriageResult:
    disposition: str
    reasons: list[str] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)
    #: What to ask next, when the answer could change the disposition (never for an emergency).
    questions: list[str] = field(default_factory=list)
    findings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"disposition": self.disposition, "reasons": self.reasons, "red_flags": self.red_flags,
                "scores": self.scores, "questions": self.questions, "findings": self.findings}


@cache
def clarifying_table() -> tuple[dict[str, Any], ...]:
    """``assistant/data/clarify.json``: when a question is asked and what answers it."""
    return tuple(json.loads((DATA / "clarify.json").read_text(encoding="utf-8"))["questions"])


def questions_for(found: Findings, level: str) -> list[str]:
    """Questions whose answer could change a non-emergency disposition and that the case has not answered; when no
    finding was read at all, what the problem is."""
    if level == "emergency":
        return []
    if not found.present:
        return [q["question"] for q in clarifying_table() if q.get("when_empty")][:1]
    from assistant.triage_features import pain_score

    known = {"age": found.age is not None, "duration": found.hours is not None,
             "pain_score": pain_score(found.text) is not None}
    out = []
    for q in clarifying_table():
        if q.get("when_empty") or not all(c in found.present for c in q.get("when_all", [])):
            continue
        if q.get("when_any") and not any(c in found.present for c in q["when_any"]):
            continue
        answered = any(known.get(a, False) or a in found.present or a in found.denied for a in q["answered_by"])
        if not answered:
            out.append(q["question"])
    return out[:2]


#: Reasons that say what was read or could not be scored, rather than a finding that set the disposition.
_NOTES = ("vital signs read from the text", "vital signs in the text", "vital signs not used", "NEWS2 not computed",
          "NEWS2 assumes", "note:", "noted:")


def _findings_first(reasons: list[str]) -> list[str]:
    """The findings that set the disposition before the notes, each group in its own order."""
    return sorted(reasons, key=lambda r: r.startswith(_NOTES))


def _plain(ids: list[str]) -> str:
    table = concepts()
    return ", ".join(table[i].plain for i in ids if i in table)


def _vital_notes(text: str, vit: Any, scores: dict[str, Any]) -> list[str]:
    """What was read of the vital signs and what could be scored: NEWS2 in full when all five numbers are known
    (unstated oxygen and consciousness taken as air and alert, and said), else its lower bound; qSOFA."""
    from assistant.text_vitals import describe, read_vitals
    from risk.news2 import news2
    from risk.qsofa import qsofa
    from risk.validation import NAMES, NEWS2_NUMBERS, VitalsError

    notes = []
    stated = read_vitals(text)
    for key in vit.from_form:
        stated.values.pop(key, None)
        stated.quoted.pop(key, None)
    if stated.quoted and vit.child:
        notes.append(f"vital signs in the text not scored ({describe(stated)}): NEWS2 and qSOFA are for adults, "
                     "and this is about a child")
    elif stated.quoted:
        notes.append(f"vital signs read from the text: {describe(stated)}")
    notes += [f"vital signs in the text not used: {m}" for m in stated.set_aside]
    if vit.child or not vit.values:
        return notes
    given = {**vit.values, **vit.extra}
    missing = [NAMES[k] for k in NEWS2_NUMBERS if k not in given]
    if missing:
        notes.append(f"NEWS2 not computed: no {', '.join(missing)} given")
        scores["news2_partial"] = vit.partial
    else:
        try:
            scores["news2"] = news2(**{"o2": "air", "consciousness": "A", **given}).total
        except VitalsError as exc:
            notes.append(f"NEWS2 not computed: {exc}")
        assumed = [w for k, w in (("o2", "breathing air"), ("consciousness", "alert")) if k not in given]
        if assumed:
            notes.append(f"NEWS2 assumes {' and '.join(assumed)} (not given)")
    with contextlib.suppress(VitalsError, TypeError):
        scores["qsofa"] = qsofa(**{k: given[k] for k in ("rr", "sbp", "consciousness") if k in given}).score
    return notes


class TriageEngine:
    """Floor, vital signs, condition candidates and the disposition model; optionally the served model's judgement."""

    def __init__(self, emergency_model: Any = True) -> None:
        """``emergency_model``: True for the shipped disposition model, False for the floor and vital signs alone
        (anything they do not decide is seen today), or a ``DispositionScorer``."""
        if emergency_model is True:
            from assistant.triage_model import default_scorer

            emergency_model = default_scorer()
        self._model = emergency_model or None

    @property
    def emergency_model(self) -> Any:
        """The disposition scorer, or None when the floor and vital signs decide alone."""
        return self._model

    def warm_up(self) -> None:
        """Load what the first case would: the findings pipeline, the model and its embedder."""
        self.assess("warm up: a mild cough")

    def assess(self, text: str, vitals: dict[str, Any] | None = None, backend: Any = None) -> TriageResult:
        return self.assess_many([text], [vitals], backend)[0]

    def assess_many(self, texts: list[str], vitals: list[dict[str, Any] | None] | None = None,
                    backend: Any = None) -> list[TriageResult]:
        """Triage of many cases at once (findings and embeddings in batches)."""
        import numpy as np

        vitals = vitals or [None] * len(texts)
        expanded = [expand_shorthand(t) for t in texts]
        found = extractor().many(expanded)
        reasons: list[list[str]] = [[] for _ in texts]
        reads = [read_case_vitals(t, self._checked(v, r)) for t, v, r in zip(expanded, vitals, reasons, strict=True)]
        for f, v in zip(found, reads, strict=True):
            add_vital_findings(f, v)
        probs = None
        if self._model is not None and texts:
            rows = np.vstack([structured(f, v) for f, v in zip(found, reads, strict=True)])
            probs = self._model.score(rows, list(texts))
        th = self._model.load().thresholds if probs is not None else None
        out = []
        for i, said in enumerate(texts):
            p = None if probs is None else {h: float(v[i]) for h, v in probs.items()}
            out.append(self._one(said, expanded[i], found[i], reads[i], p, th, reasons[i], backend))
        return out

    @staticmethod
    def _checked(vitals: dict[str, Any] | None, reasons: list[str]) -> dict[str, Any]:
        from risk.validation import VitalsError, check_vitals

        if not vitals:
            return {}
        try:
            return check_vitals(vitals)
        except VitalsError as exc:
            reasons.append(f"vital signs not used: {exc}")
            return {}

    def _one(self, said: str, text: str, found: Findings, vit: Any, p: dict[str, float] | None,
             th: dict[str, float] | None, notes: list[str], backend: Any) -> TriageResult:
        reasons: list[str] = []
        scores: dict[str, Any] = {}
        hits = floor(found)
        flags = [f.id for f in hits]
        reasons += [f"red flag: {f.plain}" for f in hits]
        language = guess_language(said)
        low = text.lower().replace("\u2019", "'")
        # the guard's English patterns that match a Spanish message answer to its Spanish negation and dates too
        guard = [g for g in detect(text) if language != "es" or not spanish_denied(low, g.start, g.end)]
        flags += [g.name for g in guard if g.name not in flags]
        reasons += [f"red flag: {g.label}" for g in guard]
        spanish = detect_spanish(said) if language == "es" else []
        flags += [f.name for f in spanish]
        reasons += [f"red flag: {f.label} (in Spanish: '{f.said}')" for f in spanish]
        danger = vital_danger(vit)
        reasons += [f"danger sign: {d}" for d in danger]
        reasons += _vital_notes(text, vit, scores)
        urgent_vitals = vital_urgent(vit)
        if urgent_vitals and not danger:
            reasons.append(f"NEWS2 at least {vit.partial} from the parameters given: needs urgent review")
        if p is not None and not (found.present or flags or danger or vit.values) and len(said.split()) <= BARE_WORDS:
            # "hello", "thanks", "help": the model learned from no such message, and scores them near its point
            p = None
            reasons.append("too little said to judge yet: seen today unless you tell us more")
        if p is not None and language:
            # the model learned from English text: in another language it is not consulted, and anything the floor
            # and the vital signs do not make an emergency is read by a clinician today
            p = None
        elif p is not None:
            scores["p_emergency"], scores["p_self_care"] = round(p["emergency"], 3), round(p["self_care"], 3)
        elif self._model is not None and self._model.error:
            notes.append("note: the disposition model is unavailable; the floor and vital signs decided, and "
                         "anything else is to be seen today")
        dangerous = cant_miss(found)
        level = decide(Inputs(p and p["emergency"], p and p["self_care"], bool(flags), bool(danger), urgent_vitals,
                              bool(dangerous)), th)
        if level == "emergency" and not flags and not danger and general_question(said, found):
            # the model never saw a general question and calls most of them emergencies: it may not call this one
            level = "urgent"
            reasons.append("a general question naming no symptom and no one: not called an emergency; if it is about "
                           "someone unwell now, say what is wrong")
        elif p is not None and th is not None and level == "emergency" and not flags and not danger:
            reasons.append(f"danger sign: what is described is like the emergencies the model learned from "
                           f"(P {p['emergency']:.2f} at its operating point {th['emergency']:.2f})")
        elif level == "urgent" and p is not None and th is not None and p["emergency"] >= th["urgent"]:
            reasons.append(f"{URGENT_BY_MODEL}: what is described is like cases that needed a doctor the same day "
                           f"(P(emergency) {p['emergency']:.2f})")
        for c in dangerous[:2]:
            reasons.append(f"possible {c.condition.name} ({_plain(list(c.condition.needs + c.matched))}): "
                           "a condition not to miss")
        if found.present:
            reasons.append(f"noted: {_plain(sorted(found.present))}")
        if not flags and not danger and level in ("routine", "self_care"):
            reasons.append("no danger signs found")
        if language:
            scores["language"] = language
            if level != "emergency":
                level = raise_only(level, "urgent")
                reasons.append(f"note: the message looks like {language_name(language)}; the findings are read in "
                               "English only, so a clinician should read it today")
        if backend is not None and getattr(backend.profile, "strong_reasoning", False) and level != "emergency":
            llm = _llm_disposition(backend, said)
            if llm and LEVELS.index(llm) > LEVELS.index(level):
                reasons.append(f"model judgement: {llm}")
                level = llm
        questions = questions_for(found, level)
        return TriageResult(level, _findings_first(reasons + notes), flags, scores, questions, found.to_dict())


def _llm_disposition(backend: Any, text: str) -> str | None:
    from assistant.llm.errors import BackendError
    from core.llm_types import ChatOptions

    prompt = ("Classify the urgency of this case for a patient. Answer with exactly one word: "
              "emergency, urgent, routine, or self_care.\n\nCase: " + text[:3000])
    try:
        out = backend.chat([{"role": "user", "content": prompt}], ChatOptions(max_tokens=8, temperature=0.0))
    except BackendError as exc:
        log.warning("triage: model judgement unavailable (%s)", type(exc).__name__)
        return None
    word = out.content.strip().lower().replace("-", "_").replace(" ", "_")
    return next((d for d in ORDER if word.startswith(d)), None)


def emergency_message(triage: dict[str, Any]) -> str:
    """The emergency answer, written by code: what to do now, and why."""
    # the findings that made it an emergency, before those that only called for urgent review and the notes
    decisive = [r for r in triage["reasons"] if r.startswith(("red flag:", "danger sign:", "qSOFA"))
                or "high clinical risk" in r]
    why = "; ".join(r.split(": ", 1)[-1] if r.startswith(("red flag:", "danger sign:")) else r
                    for r in (decisive or triage["reasons"])[:3])
    lines = [f"**This may be an emergency.** {NEXT_STEP['emergency']}",
             f"Why: {why}." if why else "",
             "Do not drive yourself if you feel faint or very unwell; do not wait to see if it passes."]
    if {"suicidal", "suicide_plan"} & set(triage.get("red_flags", [])):
        lines.insert(1, CRISIS_RESOURCES)
    lines += _language_lines(triage, emergency=True)
    return "\n\n".join(line for line in lines if line)


def next_step_line(triage: dict[str, Any]) -> str:
    """The next step by disposition, and the questions whose answers could change it (asked again each turn until
    the conversation answers them)."""
    label = triage["disposition"].replace("_", "-")
    asks = [f"- {q}" for q in triage.get("questions", [])]
    lines = [f"**Next step ({label}):** {NEXT_STEP[triage['disposition']]}"]
    if asks:
        lines.append("**To advise you better, please tell me:**\n" + "\n".join(asks))
    return "\n\n".join([*lines, *_language_lines(triage)])


def _language_lines(triage: dict[str, Any], emergency: bool = False) -> list[str]:
    """For a message in another language: that the assessment read English rules (unless it is an emergency
    already) and what to do in an emergency, in that language where it is written here."""
    language = triage.get("scores", {}).get("language")
    if not language:
        return []
    lines = [] if emergency else [
        (f"_This message looks like {language_name(language)}. I can only assess messages in English, so a clinician "
         "should read yours today. If this is an emergency, call your local emergency number now._")]
    said = emergency_line(language)
    if said:
        lines.append(f"_{said}_")
    return lines
