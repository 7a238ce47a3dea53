"""The PHI tagger's plumbing: what its spans must look like, their union with the recognizers', its training data."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from guards.phi.analyzer import Entity, PhiAnalyzer
from guards.phi.tagger import plausible


def check(text: str, part: str, label: str) -> bool:
    start = text.index(part)
    return plausible(text, start, start + len(part), label)


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    ("seen by Anna S. today", "Anna S", "NAME", True),
    ("pt seen by dr healey this am", "healey", "NAME", True),
    ("Side Effects of treatment", "Side Effects", "NAME", False),  # ordinary English
    ("the Fallopian Tube is", "Fallopian Tube", "NAME", False),  # medical vocabulary
    ("Childhood Non-Hodgkin Lymphoma", "Childhood Non-Hodgkin", "NAME", False),  # an eponym in clinical use
    ("given Lasix at noon", "Lasix", "NAME", False),  # a drug
    ("Mature B cells", "Mature B", "NAME", False),  # a letter is not a word
    ("treated at Elmwood Clinic", "Elmwood Clinic", "LOCATION", True),
    ("rare.   -  Nonmedulloblastoma", "rare.   -  Nonmedulloblastoma", "NAME", False),  # layout, not a name
    ("MRN 00483921", "00483921", "ID", True),
    ("MRN 123", "123", "ID", False),
    ("in 2013 the trial", "2013", "ID", False),  # a bare year
    ("in 2013 the trial", "2013", "DATE", False),
    ("admitted 7/22", "7/22", "DATE", True),
    ("recall 6/12, 2 fillings", "6/12", "DATE", False),  # six months in British notation
    ("for 3/52 then review", "3/52", "DATE", False),
    ("seen 6/12 by the team", "6/12", "DATE", True),
    ("last December", "December", "DATE", False),
    ("call 1-888-463-6332", "1-888-463-6332", "CONTACT", False),  # toll-free: a service's number
    ("call 617-555-0143", "617-555-0143", "CONTACT", True),
    ("mail ann@x.org", "ann@x.org", "CONTACT", True),
    ("the MK-1775 trial", "MK-1775", "ID", False),  # an investigational drug code
    ("OBX|1|NM|8867-4^Heart rate^LN||88", "8867-4", "ID", False),  # an HL7 coded element: a LOINC code
    ("Von Hippel-Lindau disease", "Von Hippel-Lindau", "NAME", False),  # an eponym before "disease"
    ("Diffuse Perilobar Nephroblastomatosis", "Diffuse Perilobar Nephroblastomatosis", "LOCATION", False),
    ("aged 93 years", "93", "AGE", False),  # ages over 89 are the recognizers' alone
])
def test_a_tagger_span_must_have_the_form_of_its_kind(text, part, label, expected):
    assert check(text, part, label) is expected


class FakeEngine:
    """Presidio's engine shape: ``nlp_engine.process_batch`` and ``analyze``; finds "Carter" only."""

    nlp_engine = SimpleNamespace(process_batch=lambda texts, lang, batch_size: [(t, None) for t in texts])

    def analyze(self, text: str, language: str, nlp_artifacts=None):
        i = text.find("Carter")
        return [] if i < 0 else [SimpleNamespace(start=i, end=i + 6, entity_type="NAME", score=0.9)]


class FakeTagger:
    """Finds "Elmwood Clinic" and the date "7/22"."""

    def tag_many(self, texts):
        out = []
        for t in texts:
            out.append([Entity(t.find(w), t.find(w) + len(w), label, 0.6) for w, label in
                        (("Elmwood Clinic", "LOCATION"), ("7/22", "DATE")) if w in t])
        return out


def test_the_tagger_spans_are_joined_to_the_recognizers():
    text = "Dr. Carter saw her at Elmwood Clinic on 7/22."
    both = PhiAnalyzer(engine=FakeEngine(), tagger=FakeTagger())
    found = [text[e.start:e.end] for e in both.analyze(text)]
    assert found == ["Dr. Carter", "Elmwood Clinic", "7/22"]
    rules, tagged = both.analyze_parts([text, "  "])
    assert [len(rules[0]), len(tagged[0]), rules[1], tagged[1]] == [1, 2, [], []]
    alone = PhiAnalyzer(engine=FakeEngine(), tagger=False)
    assert alone.tagger is None and [text[e.start:e.end] for e in alone.analyze(text)] == ["Dr. Carter"]


def test_a_missing_tagger_model_leaves_the_recognizers(tmp_path, monkeypatch):
    import guards.phi.tagger as tagger

    monkeypatch.setattr(tagger, "MODEL_DIR", tmp_path)
    assert PhiAnalyzer(engine=FakeEngine()).tagger is None


def test_synthetic_texts_carry_spans_on_their_values():
    pytest.importorskip("faker")
    from eval.phi_synth import LABELS, Synth

    styles = [style for style in ("query", "note", "nursing", "nursing_note", "chat", "negative") for _ in range(40)]
    first, again = (Synth(seed=3, clinical=["Asthma is a chronic disease of the airways."]) for _ in range(2))
    cases = [first.make(style) for style in styles]
    assert cases == [again.make(style) for style in styles]  # a seed gives the same texts
    labels = set(LABELS.values()) | {"AGE"}
    for case in cases:
        assert all(s["label"] in labels and case["text"][s["start"]:s["end"]].strip() for s in case["spans"])
        assert not case["spans"] or case["source"] != "synthetic negative"
    assert sum(bool(c["spans"]) for c in cases) >= 180  # some frames of each style hold no PHI
    composed = [c for c in cases if c["source"] == "synthetic nursing_note"]
    assert composed and all(c["spans"] and len(c["text"]) > 100 for c in composed)  # several lines, some with PHI


def test_the_vocabulary_holds_words_medical_text_writes_in_lower_case(tmp_path):
    from eval.phi_tagger_train import write_vocabulary

    rows = [{"answer": "Anna Smith"}] * 2 + [{"answer": "The fallopian tube and Dr. Smith."}] * 3
    medquad = tmp_path / "medquad.jsonl"
    medquad.write_text("".join(json.dumps(r) + "\n" for r in rows))
    target = tmp_path / "words.txt"
    assert write_vocabulary(medquad, target, skip=2, min_count=3) == 3
    words = [w for line in target.read_text().splitlines() if not line.startswith("#") for w in line.split()]
    assert words == ["and", "fallopian", "tube"]  # "The" and "Smith" are capitalised
    assert max(map(len, target.read_text().splitlines())) <= 120


@pytest.mark.parametrize(("text", "run", "label", "expected"), [
    ("SPECIMEN | H8841207 | FBC, U&E", "H8841207 | FBC", "ID", ["H8841207"]),  # the next field is not the id
    ("bed 6 Mr Howell, K+ 6.1", "Howell, K+", "NAME", ["Howell"]),
    ("seen by Smith, Anna today", "Smith, Anna", "NAME", ["Smith", "Anna"]),
    ("from Sunnyvale Manor, UTI, delirium", "Sunnyvale Manor, UTI", "LOCATION", ["Sunnyvale Manor"]),
    ("lives in Fairfield, CT now", "Fairfield, CT", "LOCATION", ["Fairfield", "CT"]),  # a state after a place
    ("seen April 12, 2023 here", "April 12, 2023", "DATE", ["April 12, 2023"]),  # a date keeps its comma
    ("Ana Ruiz,1975-03-02,4410092,asthma", "1975-03-02,4410092,asthma", "DATE", ["1975-03-02", "4410092"]),
    ("will call 555-0143 if worse. Amoxicillin 500 mg", "555-0143 if worse. Amoxicillin 500", "CONTACT",
     ["555-0143"]),
    ("write to ann.lee@example.org today", "ann.lee@example.org", "CONTACT", ["ann.lee@example.org"]),
    # in mixed case a name ends at a word in lower case, a place at one with nothing capitalised or a facility after
    ("Mr Kim Min-jun reports improved reflux", "Kim Min-jun reports improved reflux", "NAME", ["Kim Min-jun"]),
    ("at 22 Elm St. Bring your inhaler", "Elm St. Bring your inhaler", "LOCATION", ["Elm St. Bring"]),
    ("seen at Chicago downtown clinic", "Chicago downtown clinic", "LOCATION", ["Chicago downtown clinic"]),
    ("Memorial Hospital in Atlanta", "Memorial Hospital in Atlanta", "LOCATION", ["Memorial Hospital in Atlanta"]),
    ("PAGED DR HEALEY RE K", "HEALEY RE K", "NAME", ["HEALEY RE K"]),  # capitals: no case to go by
])
def test_a_tagger_span_is_cut_at_separators_and_its_parts_judged_alone(text, run, label, expected):
    from guards.phi.tagger import kept

    start = text.index(run)
    assert [text[s:e] for s, e, _ in kept(text, start, start + len(run), label)] == expected


@pytest.mark.parametrize(("span", "expected"), [
    ("Fallopian Tube", True), ("Malignant", True), ("lymph nodes", True),
    ("Iris", False), ("Gene Clark", False),  # listed names, though "iris" and "gene" are medical words too
    ("Extrahepatic Vasquez", False), ("", False), ("3-D", False),
])
def test_a_span_of_medical_words_only_is_not_a_person(span, expected):
    from guards.phi.allowlist import medical_words_only

    assert medical_words_only(span) is expected
