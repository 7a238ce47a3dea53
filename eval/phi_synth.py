"""Synthetic PHI training text: the frames in ``eval/data/phi_synth_frames.json`` filled with Faker values.

Every slot is filled in one of several surface forms (a name as "Anna Smith", "Anna S.", "Smith, Anna" or in
capitals; dates with and without a year; identifiers with and without a prefix), and a fifth of the texts are
written in capitals or lower case, as nursing notes and chat messages are; one in seven is a longer nursing note
composed of body-system lines in shorthand around a few lines with PHI. Clinical filler sentences come from
MedQuAD answers after the first 600 (those are kept for measuring over-redaction). Development data, never evidence.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import regex as re

FRAMES = Path(__file__).parent / "data" / "phi_synth_frames.json"
#: Slot -> the label the tagger learns; slots not here (CLIN, DRUG, EPONYM, TITLE, AGE under 90) are not PHI.
LABELS = {"NAME": "NAME", "NAME_SHORT": "NAME", "FIRST": "NAME", "LAST": "NAME", "FACILITY": "LOCATION",
          "FAC_SHORT": "LOCATION", "CITY": "LOCATION", "CITY_STATE": "LOCATION", "ADDRESS": "LOCATION",
          "ZIP": "LOCATION", "DATE": "DATE", "DATE_NOYEAR": "DATE", "MRN": "ID", "ID": "ID", "PLAN": "ID",
          "SSN": "ID", "ACCOUNT": "ID", "PHONE": "CONTACT", "PAGER": "CONTACT", "EMAIL": "CONTACT"}
_SLOT = re.compile(r"\{([A-Za-z_]+)\}")
_SITES = ["Hospital", "Medical Center", "Clinic", "Health", "Memorial Hospital", "General Hospital", "ER",
          "Care Home", "Nursing Home", "Rehab", "Health Center", "Children's Hospital", "Family Practice"]
_PLACE_WORDS = ["River Valley", "Green Valley", "Oak Ridge", "Cedar", "Pine Ridge", "Lakeside", "Sunrise", "Mercy",
                "New Hope", "Riverside", "Northside", "Highland", "Bayview", "Fairview", "Good Samaritan", "Elm"]
_DISEASE = [" disease", " syndrome", "'s disease", "'s syndrome", " palsy", " lymphoma"]


class Synth:
    """Fills frames with random values from ``seed``; ``make(style)`` -> {"text", "spans"}."""

    def __init__(self, seed: int = 0, clinical: list[str] | None = None) -> None:
        from faker import Faker

        from guards.phi.allowlist import DRUGS, EPONYMS

        self.rng = random.Random(seed)
        self.fake = Faker(["en_US", "en_US", "en_GB", "es_MX", "en_IN"])
        self.fake.seed_instance(seed)
        self.frames = json.loads(FRAMES.read_text())
        self.drugs = sorted(DRUGS)
        self.eponyms = sorted(e for e in EPONYMS if len(e) > 3)
        self.clinical = clinical or ["Symptoms include fever and cough."]

    def _pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def value(self, slot: str) -> str:
        """One surface form of ``slot`` (upper-case slot name); lower-case slot names are handled by the caller."""
        f, r = self.fake, self.rng
        first, last = f.first_name(), f.last_name()
        forms: dict[str, Any] = {
            "NAME": lambda: self._pick([f"{first} {last}", f"{first} {r.choice('ABCDEFGHJKLMNPRSTW')}. {last}",
                                        f"{last}, {first}", f"{first} {last}-{f.last_name()}", f"{first} {last}"]),
            "NAME_SHORT": lambda: self._pick([f"{first} {last[0]}.", f"{first} {last[0]}", f"{first[0]}. {last}",
                                              first, f"{first} {last}", f"{first} {last[0]}."]),
            "FIRST": lambda: first, "LAST": lambda: last,
            "FACILITY": lambda: self._pick([
                f"{last} {self._pick(_SITES)}", f"St. {first}'s", f"St. {first}'s {self._pick(_SITES)}",
                f"Mt. {last} {self._pick(_SITES)}", f"{f.city()} {self._pick(_SITES)}",
                f"{self._pick(_PLACE_WORDS)} {self._pick(_SITES)}", f"University of {f.state()} Hospital",
                f"{last} {self._pick(_SITES)} in {f.city()}"]),
            "FAC_SHORT": lambda: self._pick([f"{last} HOSPITAL", f"{f.city()} GENERAL", f"{last} REHAB",
                                             f"{self._pick(_PLACE_WORDS)} NURSING HOME"]).upper(),
            "CITY": lambda: f.city(),
            "CITY_STATE": lambda: self._pick([f"{f.city()}, {f.state_abbr()}", f"{f.city()}, {f.state()}"]),
            "ADDRESS": lambda: f.street_address(), "ZIP": lambda: f.postcode(),
            "DATE": lambda: f.date_between("-30y", "today").strftime(self._pick(
                ["%B %d, %Y", "%m/%d/%Y", "%m/%d/%y", "%d %b %Y", "%Y-%m-%d", "%b %d %Y", "%-m/%-d/%y",
                 "%b %-d '%y", "%-d %B %Y"])),
            "DATE_NOYEAR": lambda: f.date_between("-3y", "today").strftime(self._pick(
                ["%-m/%-d", "%B %-d", "%b %-d", "%-d %B", "%m/%d", "%B %-dth"])).replace("1th", "1st"),
            "MRN": lambda: self._pick([str(r.randint(10**5, 10**9)), f"{r.randint(0, 99):02d}-{r.randint(100, 999)}-"
                                       f"{r.randint(100, 999)}", f"MRN-{r.randint(10**5, 10**7)}",
                                       f"#{r.randint(10**4, 10**6)}-{f.lexify('???').upper()}"]),
            "ID": lambda: self._pick([f.bothify("?#####").upper(), f.bothify("??-######").upper(), f.ssn(),
                                      f.bothify("CM-#####"), f.bothify("###-##-####")]),
            "PLAN": lambda: self._pick([f.bothify("HMO-######"), f.bothify("??-######").upper(),
                                        f.bothify("???#########").upper(), f.bothify("Medicare #??-######").upper()]),
            "SSN": lambda: f.ssn(), "ACCOUNT": lambda: f.bothify("########"),
            "PHONE": lambda: self._pick([f.numerify("(###) ###-####"), f.numerify("###-###-####"),
                                         f.numerify("###.###.####"), f.numerify("###-###-#### ext. ###"),
                                         f.numerify("07### ######")]),
            "PAGER": lambda: self._pick([f.numerify("#-####"), f.numerify("#####"), f.numerify("x####")]),
            "EMAIL": lambda: f.email(),
            "AGE": lambda: str(r.choice([r.randint(18, 89)] * 4 + [r.randint(90, 104)])),
            "TITLE": lambda: self._pick(["Mr.", "Mrs.", "Ms.", "Mr", "Mrs"]),
            "DRUG": lambda: self._pick(self.drugs).capitalize(),
            "EPONYM": lambda: self._pick(self.eponyms).capitalize() + self._pick(_DISEASE),
            "CLIN": lambda: self._pick(self.clinical),
            "MEASURE": lambda: self._measure(),
        }
        return forms[slot]()

    def _measure(self) -> str:
        """A clinical number that is not PHI: a score out of a maximum, a vital sign, a dose fraction, a clock time,
        a lab value, a span of years."""
        r = self.rng
        return self._pick([
            f"{self._pick(['pain', 'pain score', 'GCS', 'strength', 'power', 'APGAR', 'Wells', 'MMSE'])} "
            f"{r.randint(0, 9)}/{self._pick(['10', '15', '5', '30', '9'])}",
            f"BP {r.randint(80, 190)}/{r.randint(40, 110)}", f"vision 20/{self._pick(['20', '40', '200'])}",
            f"{self._pick(['1/2', '1/4', '3/4'])} {self._pick(['tab', 'tablet', 'of a tablet', 'dose'])}",
            f"{r.randint(1, 3)}/{r.randint(3, 5)} of patients", f"at {r.randint(0, 23):02d}{self._pick(['00', '30'])}",
            f"SpO2 {r.randint(82, 100)}%", f"HR {r.randint(40, 160)}", f"Na {r.randint(125, 150)}",
            f"K {r.randint(30, 60) / 10}", f"from {r.randint(1990, 2020)}-{r.randint(2021, 2025)}",
            f"{r.randint(1, 12)}/{r.randint(1, 12)} nodes positive",
            f"grade {r.randint(1, 4)}/{r.randint(4, 6)} murmur",
            f"INR {r.randint(10, 40) / 10}", f"temp {r.randint(360, 404) / 10}"])

    def make(self, style: str | None = None) -> dict[str, Any]:
        """One synthetic text with its PHI spans (Python offsets), in a random or the given style."""
        style = style or self._pick(["query", "query", "note", "nursing", "nursing_note", "chat", "negative"])
        if style == "nursing_note":
            text, spans = self._compose()
        else:
            text, spans = self._fill(self._pick(self.frames[style]))
        case = self.rng.random()
        if len(text.upper()) == len(text) == len(text.lower()):  # offsets hold only if casing keeps the length
            if case < (0.4 if style == "nursing_note" else 0.1):
                text = text.upper()
            elif case > (0.75 if style == "nursing_note" else 0.9):
                text = text.lower()
        return {"text": text, "spans": spans, "source": f"synthetic {style}"}

    def _fill(self, frame: str) -> tuple[str, list[dict[str, Any]]]:
        caps = _SLOT.sub("", frame).isupper()  # a note in capitals has its names and places in capitals too
        text, spans, pos = "", [], 0
        for m in _SLOT.finditer(frame):
            text += frame[pos:m.start()]
            slot = m.group(1)
            value = self.value(slot.upper())
            value = value.lower() if slot.islower() else value.upper() if caps else value
            label = LABELS.get(slot.upper())
            if slot.upper() == "AGE" and int(value) >= 90:
                label = "AGE"
            if label:
                spans.append({"start": len(text), "end": len(text) + len(value), "label": label})
            text += value
            pos = m.end()
        return text + frame[pos:], spans

    def _compose(self) -> tuple[str, list[dict[str, Any]]]:
        """A nursing note of several lines: body-system lines without PHI around one to three lines with it."""
        parts = self.rng.sample(self.frames["nursing_lines"], self.rng.randint(2, 6))
        parts += self.rng.sample(self.frames["nursing_events"], self.rng.randint(1, 3))
        self.rng.shuffle(parts)
        joiner = self._pick(["\n", " ", "  ", "\n\n"])
        text, spans = "", []
        for frame in parts:
            part, found = self._fill(frame)
            if text:
                text += joiner
            spans += [dict(s, start=s["start"] + len(text), end=s["end"] + len(text)) for s in found]
            text += part
        return text, spans

def clinical_sentences(medquad: Path, skip: int = 600, limit: int = 6000) -> list[str]:
    """Sentences of 30-200 characters from MedQuAD answers after the first ``skip`` (no patient in them)."""
    out: list[str] = []
    with medquad.open() as f:
        for i, line in enumerate(f):
            if i < skip:
                continue
            for sent in re.split(r"(?<=[.?!])\s+", " ".join(json.loads(line)["answer"].split())):
                if 30 <= len(sent) <= 200:
                    out.append(sent)
            if len(out) >= limit:
                break
    return out
