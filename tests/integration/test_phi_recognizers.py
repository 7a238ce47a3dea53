"""Every recognizer's table of positive and negative cases, through the real Presidio + spaCy pipeline (the
recognizers alone: the tagger beside them is tested in test_phi_tagger.py and test_phi_styles.py)."""

from __future__ import annotations

import pytest

from guards.phi.recognizers import all_cases

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from guards.phi.analyzer import PhiAnalyzer

    return PhiAnalyzer(tagger=False).load()


def _cases(kind: int):
    for family, (pos, neg) in all_cases().items():
        for text in (pos if kind == 0 else neg):
            yield pytest.param(family, text, id=f"{family}:{text[:40]}")


@pytest.mark.parametrize("family, text", list(_cases(0)))
def test_positive_case_is_redacted(analyzer, family, text):
    assert analyzer.analyze(text), f"{family}: nothing found in {text!r}"


@pytest.mark.parametrize("family, text", list(_cases(1)))
def test_negative_case_is_left_alone(analyzer, family, text):
    found = [text[e.start:e.end] for e in analyzer.analyze(text)]
    assert not found, f"{family}: wrongly redacted {found} in {text!r}"


def test_a_code_label_is_not_a_town(analyzer):
    """'Eircode' before an Eircode is a label: only the code is redacted, not the word as a town."""
    text = "PPSN 7654321TA, Eircode D02 X285. Seen today."
    found = {(e.label, text[e.start:e.end]) for e in analyzer.analyze(text)}
    assert found == {("SSN", "7654321TA"), ("ZIP", "D02 X285")}, found


def test_a_tab_separated_list_gives_names_not_supplies(analyzer):
    """'LAST, First' in its own cell of a row with a date is a name when one word is a listed name."""
    text = "09:30\tAdeyemi, Tunde\t1971-09-30\tnew\n10:00\tGloves, Aprons\t2025-01-03\tstock"
    names = {text[e.start:e.end] for e in analyzer.analyze(text) if e.label == "NAME"}
    assert names == {"Adeyemi, Tunde"}, names
