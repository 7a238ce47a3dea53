"""Triage engine: red flags, clinical features, NEWS2/qSOFA and (for strong models) the LLM, in one disposition.

An emergency found by rules or scores is final: no later step can downgrade it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.triage_rules import (
    EMERGENCY,
    EMERGENCY_ALL,
    SELF_CARE,
    SELF_CARE_ABSENCE,
    URGENT,
)
from assistant.triage_shorthand import expand as expand_shorthand
from guards.safety.context import is_history
from guards.safety.language import emergency_line, guess_language, language_name
from guards.safety.negation import is_negated
from guards.safety.red_flags import CRISIS_RESOURCES, detect
from guards.safety.spanish import denied as spanish_denied
from guards.safety.spanish import detect as detect_spanish

log = logging.getLogger(__name__)

ORDER = ["self_care", "routine", "urgent", "emergency"]
NEXT_STEP = {
    "emergency": "Call your local emergency number (911 in the US) or go to the nearest emergency department now.",
    "urgent": "See a doctor today: call your doctor's office for a same-day visit, or go to an urgent care clinic.",
    "routine": "Book an appointment with your doctor in the next few days; seek care sooner if you get worse.",
    "self_care": "You can likely look after this at home: rest, fluids and over-the-counter remedies. "
                 "See a doctor if it gets worse or does not improve.",
}

#: A single reading outside (low, high) is an emergency whatever else is known, as the danger-sign tables say in
#: words ("oxygen saturation 8x%", "BP 8x/", "pulse 15x"): SpO2 below 90% (not on SpO2 scale 2, whose target is
#: 88-92%), systolic pressure below 90 mmHg, a heart rate of 150 or more or of 40 or less.
DANGEROUS_VITALS = {"spo2": (90, 101), "sbp": (90, 1000), "hr": (40, 150)}

_EMERG = {k: re.compile(v) for k, v in EMERGENCY.items()}
_URG = {k: (w, re.compile(v)) for k, (w, v) in URGENT.items()}
_SELF = {k: (w, re.compile(v)) for k, (w, v) in SELF_CARE.items()}
_ALL = {k: ([re.compile(p) for p in v["all"]], [re.compile(p) for p in v.get("none", [])]) for k,
        v in EMERGENCY_ALL.items()}


def _combinations(text: str) -> list[str]:
    """Emergency patterns made of several findings that must all be stated (and none of the exclusions)."""
    hits = []
    for name, (need, exclude) in _ALL.items():
        stated = all(any(not is_negated(text, m.start()) for m in rx.finditer(text)) for rx in need)
        if stated and not any(rx.search(text) for rx in exclude):
            hits.append(name)
    return hits


@dataclass
class TriageResult:
    disposition: str
    reasons: list[str] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"disposition": self.disposition, "reasons": self.reasons, "red_flags": self.red_flags,
                "scores": self.scores}


#: A measured fever (38 C or more, given or stated) asks for more reassurance before self-care: "T 38.4 C for 2 days;
#: she is eating and drinking" is a sore throat to examine, a child "running around" after ibuprofen is not.
FEVER_C = 38.0
#: How the reason starts when the emergency model's urgent tier raised a disposition (``medassist eval triage`` counts
# it).
URGENT_BY_MODEL = "needs examination today: what is described resembles emergencies"

# "family history of stroke", "his father died of a heart attack", "his brother had a bleed in his 30s": a relative's
# illness, not the patient's. A relative who "had" something only counts when it is dated in the past, because a
# caregiver writes "my mother had a stroke this morning" about the patient.
_RELATIVES = r"\b(father|mother|dad|mum|mom|brother|sister|aunt|uncle|cousin|grand\w+|parents?|siblings?)\b"
_RELATIVE_LEFT = re.compile(rf"(family history|{_RELATIVES}[\w\s']{{0,30}}\b(died|passed away))[^.;:\n]*$")
_RELATIVE_HAD = re.compile(rf"{_RELATIVES}[\w\s']{{0,30}}\bhad\b[^.;:\n]*$")
_PAST_DATE = re.compile(r"^[^.;:\n]{0,40}\b(in (his|her|their) (\d0s|twenties|thirties|forties|fifties|sixties)|at "
                        r"(the )?age"
                        r"|(\d+|many|several) years ago)")


def _relative(text: str, start: int, end: int) -> bool:
    """True when the match at ``start``..``end`` is a relative's illness in the same sentence."""
    left = text[max(0, start - 80):start]
    return bool(_RELATIVE_LEFT.search(left) or (_RELATIVE_HAD.search(left) and _PAST_DATE.search(text[end:end + 60])))


def _found(patterns: dict[str, Any], text: str, unnegated: frozenset[str] = frozenset(),
           denied: Any = None) -> list[str]:
    """Names of the patterns stated in ``text``; those in ``unnegated`` say an absence themselves ("no fever").
    ``denied(text, start, end)``, when given, is one more test that a match is not a report (the Spanish one)."""
    hits = []
    for name, pat in patterns.items():
        rx = pat[1] if isinstance(pat, tuple) else pat
        if name in unnegated and rx.search(text) or any(
                not is_negated(text, m.start()) and not _relative(text, m.start(), m.end())
                 and not is_history(text, m.start(), m.end()) and not (denied and denied(text, m.start(), m.end()))
                 for m in rx.finditer(text)):
            hits.append(name)
    return hits


class TriageEngine:
    """Combines rules, scores and (when the backend is strong) the model's judgement."""

    def __init__(self, news2: Any = None, qsofa: Any = None, emergency_model: Any = True) -> None:
        """``emergency_model``: True for the shipped scorer, False for the rules alone, or an EmergencyScorer."""
        self._news2 = news2
        self._qsofa = qsofa
        if emergency_model is True:
            from assistant.triage_model import default_scorer

            emergency_model = default_scorer()
        self._model = emergency_model or None

    @property
    def emergency_model(self) -> Any:
        """The scorer consulted under the rules, or None when the rules decide alone."""
        return self._model

    def assess(self, text: str, vitals: dict[str, Any] | None = None, backend: Any = None) -> TriageResult:
        said = text  # the emergency model and the LLM read the text as written, the rules with shorthand written out
        text = expand_shorthand(text)
        low = text.lower().replace("\u2019", "'")
        language = guess_language(said)
        # English rules that match a Spanish message ("convulsion") answer to its Spanish negation and dates too
        denied = spanish_denied if language == "es" else None
        flags = [f for f in detect(text) if not _relative(low, f.start, f.end)
                 and not (denied and denied(low, f.start, f.end))]
        reasons: list[str] = []
        scores: dict[str, Any] = {}
        level = "routine"
        spanish = detect_spanish(said) if language == "es" else []
        if language:
            scores["language"] = language
            if spanish:
                level = "emergency"
                reasons += [f"red flag: {f.label} (in Spanish: '{f.said}')" for f in spanish]
        if flags:
            level = "emergency"
            reasons += [f"red flag: {f.label}" for f in flags]
        emerg = _found(_EMERG, low, denied=denied) + _combinations(low)
        if emerg:
            level = "emergency"
            reasons += [f"danger sign: {e}" for e in emerg]
        level, temperature = self._vitals(text, vitals, scores, reasons, level)
        calm = _found(_SELF, low, SELF_CARE_ABSENCE) if level != "emergency" else []
        # a minor complaint or a settled course the rules found is not overruled by resemblance
        if level != "emergency" and self._model is not None and not set(calm) - SELF_CARE_ABSENCE:
            level = self._second_net(said, scores, reasons, level)
        if level != "emergency":
            urgent = _found(_URG, low)
            u = sum(URGENT[k][0] for k in urgent)
            s = sum(SELF_CARE[k][0] for k in calm)
            scores["rule_points"] = {"urgent": u, "self_care": s}
            if u >= 3 or (u >= 2 and s < 4):
                level = _max(level, "urgent")
                reasons += [f"needs examination: {k}" for k in urgent]
            elif (s >= (3 if temperature is not None and temperature >= FEVER_C else 2) and u <= 1
                  and level == "routine" and set(calm) - SELF_CARE_ABSENCE):
                level = "self_care"
                reasons += [f"reassuring: {k}" for k in calm]
            else:
                # a level already raised (by vital signs or the emergency model) says why in its own reason
                reasons += [f"noted: {k}" for k in urgent] or (["no danger signs found"] if level == "routine" else [])
            if language:
                # rules written in English cannot clear a message in another language: a person reads it today
                level = _max(level, "urgent")
                reasons.append(f"note: the message looks like {language_name(language)}; these rules read English "
                               "only, so a clinician should read it today")
            if backend is not None and getattr(backend.profile, "strong_reasoning", False):
                llm = _llm_disposition(backend, said)
                if llm and llm != level:
                    reasons.append(f"model judgement: {llm}")
                    level = _max(level, llm) if ORDER.index(llm) > ORDER.index(level) else level
        return TriageResult(level, _findings_first(reasons), [f.name for f in flags] + [f.name for f in spanish],
                            scores)

    def _second_net(self, text: str, scores: dict[str, Any], reasons: list[str], level: str) -> str:
        """The emergency model, consulted only when no rule said emergency and no minor complaint was found; it can
        raise, never lower: to emergency at its alert threshold, to urgent at its urgent threshold."""
        p = self._model.score(text)
        if p is None:
            if self._model.error:
                reasons.append("note: the emergency model is unavailable; the rules alone decided")
            return level
        scores["emergency_model"] = round(p, 3)
        if p >= self._model.threshold:
            reasons.append(f"danger sign: what is described closely matches emergencies in the reviewed cases "
                           f"(emergency model {p:.2f})")
            return "emergency"
        urgent = getattr(self._model, "urgent_threshold", None)
        if urgent is not None and p >= urgent and ORDER.index(level) < ORDER.index("urgent"):
            reasons.append(f"{URGENT_BY_MODEL} in the reviewed cases (emergency model {p:.2f})")
            return "urgent"
        return level

    def _vitals(self, text: str, vitals: dict[str, Any] | None, scores: dict[str, Any], reasons: list[str],
                level: str) -> tuple[str, float | None]:
        """Scores the vitals given (the form's) and those stated in the text; where both name one, the form wins.
        Returns the level and the temperature in Celsius, if any was given or stated (a child's too)."""
        from assistant.text_vitals import about_a_child, describe, read_vitals
        from risk.validation import VitalsError, check_vitals

        given: dict[str, Any] = {}
        if vitals:
            # impossible or unknown values set the vitals aside (and say so); the text is still triaged
            try:
                given = check_vitals(vitals)
            except VitalsError as exc:
                reasons.append(f"vital signs not used: {exc}")
        stated = read_vitals(text)
        for key in given:
            stated.values.pop(key, None)
            stated.quoted.pop(key, None)
        temp = given.get("temp", stated.values.get("temp"))
        temperature = float(temp) if temp is not None else None
        child = about_a_child(text)
        if stated.quoted and child:
            reasons.append(f"vital signs in the text not scored ({describe(stated)}): NEWS2 and qSOFA are for "
                           "adults, and this is about a child")
            spo2 = stated.values.get("spo2")
            if spo2 is not None and float(spo2) < DANGEROUS_VITALS["spo2"][0]:
                # the one reading whose danger does not depend on age
                level = "emergency"
                reasons.append(f"danger sign: SpO2 {float(spo2):g} (low at any age)")
            stated.values.clear()
        elif stated.quoted:
            reasons.append(f"vital signs read from the text: {describe(stated)}")
        reasons += [f"vital signs in the text not used: {msg}" for msg in stated.set_aside]
        merged = {**stated.values, **given}
        return (self._scores(merged, scores, reasons, level, adult=not child) if merged else level), temperature

    def _scores(self, vitals: dict[str, Any], scores: dict[str, Any], reasons: list[str], level: str,
                adult: bool = True) -> str:
        from risk.news2 import components, news2
        from risk.qsofa import qsofa
        from risk.validation import NAMES, NEWS2_NUMBERS, VitalsError

        # vitals come from check_vitals: known keys only, values plausible, missing ones left out
        missing = [NAMES[k] for k in NEWS2_NUMBERS if k not in vitals]
        # unstated oxygen and consciousness are taken as air and alert, and said: a score with them beats none
        assumed = [text for k, text in (("o2", "breathing air"), ("consciousness", "alert")) if k not in vitals]
        try:
            if missing:
                raise VitalsError(f"no {', '.join(missing)} given")
            n = news2(**{"o2": "air", "consciousness": "A", **vitals})
        except VitalsError as exc:
            reasons.append(f"NEWS2 not computed: {exc}")
            level = self._partial_news2(components(**vitals), scores, reasons, level)
        else:
            scores["news2"] = n.total
            if n.total >= 7:
                level = "emergency"
                reasons.append(f"NEWS2 {n.total} (high clinical risk)")
            elif n.total >= 5 or n.risk == "low-medium":
                level = _max(level, "urgent")
                reasons.append(f"NEWS2 {n.total} ({n.risk} clinical risk)")
            if assumed:
                reasons.append(f"NEWS2 assumes {' and '.join(assumed)} (not given)")
        try:
            q = qsofa(**{k: vitals[k] for k in ("rr", "sbp", "consciousness") if k in vitals})
        except (VitalsError, TypeError):
            pass
        else:
            scores["qsofa"] = q.score
            if q.score >= 2:
                level = "emergency"
                reasons.append(f"qSOFA {q.score} (possible sepsis)")
        for key, (low, high) in DANGEROUS_VITALS.items() if adult else ():
            if key in vitals and not low < vitals[key] < high and not (key == "spo2" and vitals.get("spo2_scale") == 2):
                level = "emergency"
                reasons.append(f"danger sign: {NAMES[key]} {vitals[key]:g}")
        return level

    @staticmethod
    def _partial_news2(points: dict[str, int], scores: dict[str, Any], reasons: list[str], level: str) -> str:
        """NEWS2 points of the parameters given: their sum is a lower bound of the full score, so a sum of 7 is
        high clinical risk, and 5 or a single parameter scoring 3 needs urgent review, whatever the others are."""
        if not points:
            return level
        total = sum(points.values())
        scores["news2_partial"] = total
        worst = ", ".join(f"{name.replace('_', ' ')} {p}" for name, p in points.items() if p)
        said = f"NEWS2 at least {total} from the {len(points)} parameters given" + (f" ({worst})" if worst else "")
        if total >= 7:
            reasons.append(f"{said}: high clinical risk")
            return "emergency"
        if total >= 5 or max(points.values()) == 3:
            reasons.append(f"{said}: needs urgent review")
            return _max(level, "urgent")
        if total:
            reasons.append(said)
        return level


#: Reasons that say what was read or could not be scored, rather than a finding that set the disposition.
_NOTES = ("vital signs read from the text", "vital signs in the text", "vital signs not used", "NEWS2 not computed",
          "NEWS2 assumes", "note:")


def _findings_first(reasons: list[str]) -> list[str]:
    """The findings that set the disposition before the notes, each group in its own order, so the first reasons a
    banner or an emergency answer shows are the ones that decided."""
    return sorted(reasons, key=lambda r: r.startswith(_NOTES))


def _max(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b


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
    if "suicidal" in triage.get("red_flags", []):
        lines.insert(1, CRISIS_RESOURCES)
    lines += _language_lines(triage, emergency=True)
    return "\n\n".join(line for line in lines if line)


def next_step_line(triage: dict[str, Any]) -> str:
    label = triage["disposition"].replace("_", "-")
    return "\n\n".join([f"**Next step ({label}):** {NEXT_STEP[triage['disposition']]}", *_language_lines(triage)])


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
