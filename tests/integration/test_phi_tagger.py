"""The shipped PHI tagger (a real spaCy NER) on text it was not trained on, and its union with the recognizers."""

from __future__ import annotations

import json

import pytest

from eval.run_phi import evaluate
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from guards.phi.analyzer import PhiAnalyzer

    a = PhiAnalyzer().load()
    assert a.tagger is not None, "the trained tagger (guards/phi/models/tagger) is missing"
    return a


def parts(analyzer, texts):
    from guards.phi.analyzer import merge, widen

    rules, tagged = analyzer.analyze_parts(texts)
    return ([widen(t, r) for t, r in zip(texts, rules)], [widen(t, merge(g)) for t, g in zip(texts, tagged)],
            analyzer.analyze_many(texts))


def test_the_tagger_finds_phi_in_texts_it_never_saw(analyzer):
    pytest.importorskip("faker")
    from eval.phi_synth import Synth

    synth = Synth(seed=20261207, clinical=["Asthma is a chronic disease of the airways."])  # not a training seed
    cases = [synth.make(style) for style in ("query", "note", "nursing", "chat") for _ in range(60)]
    rules, tagger, union = parts(analyzer, [c["text"] for c in cases])
    scores = {name: evaluate(cases, lambda _t, e=ents: e) for name, ents in
              (("rules", rules), ("tagger", tagger), ("union", union))}
    assert scores["tagger"]["recall"] >= 0.85 and scores["tagger"]["precision"] >= 0.85, scores["tagger"]["missed"]
    assert scores["union"]["recall"] >= max(scores["rules"]["recall"], scores["tagger"]["recall"])


def test_medical_literature_gets_no_span_from_the_tagger(analyzer):
    """MedQuAD answers hold no patient: the union marks no more there than the recognizers alone."""
    with (SHARED_DATA / "corpora" / "medquad.jsonl").open() as f:
        answers = [json.loads(line)["answer"] for _, line in zip(range(600), f)]
    rules, tagger, union = parts(analyzer, answers)
    extra = [(a[e.start:e.end], e.label) for a, found in zip(answers, tagger) for e in found]
    assert sum(map(len, union)) <= sum(map(len, rules)), extra


def test_eval_phi_reports_each_signal_alone_and_their_union(tmp_path):
    from tests.conftest import run_cli

    text = "Seen by Dr. Helen Carter at Elmwood Clinic on 03/14/2024."
    spans = [{"start": text.index(w), "end": text.index(w) + len(w), "label": label}
             for w, label in (("Helen Carter", "NAME"), ("Elmwood Clinic", "GEOGRAPHIC_LOCATION"),
                              ("03/14/2024", "DATE"))]
    data = tmp_path / "phi.jsonl"
    data.write_text(json.dumps({"id": "a", "text": text, "spans": spans}) + "\n")
    doc = json.loads(run_cli("eval", "phi", "--data", str(data), "--json").stdout)
    assert doc["tagger"] is True and set(doc["alone"]) == {"rules alone", "tagger alone"}
    assert doc["recall"] >= max(v["recall"] for v in doc["alone"].values())
    rules_only = json.loads(run_cli("eval", "phi", "--data", str(data), "--no-tagger", "--json").stdout)
    assert rules_only["tagger"] is False and "alone" not in rules_only


def test_the_union_leaves_the_recognizers_clinical_negatives_alone(analyzer):
    """Scores, fractions, vital signs and codes the recognizers learnt to leave alone stay untouched by the union
    (the recognizers' tables of texts without PHI, families of dates, ages and codes; development data)."""
    from guards.phi.recognizers import all_cases

    texts = [t for family, (_, negatives) in all_cases().items() if family in ("DATE", "AGE", "HL7", "file names")
             for t in negatives]
    touched = {t: [t[e.start:e.end] for e in found] for t, found in zip(texts, analyzer.analyze_many(texts)) if found}
    assert len(texts) > 20 and not touched, touched
