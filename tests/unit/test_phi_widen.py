"""Span edges after the recognizers: titles and closing initials with names, '#' with identifiers, places whole."""

from guards.phi.analyzer import Entity, widen


def spans(text: str, *found: tuple[str, str]) -> list[str]:
    ents = [Entity(text.index(v), text.index(v) + len(v), label, 0.8) for v, label in found]
    return [text[e.start:e.end] for e in widen(text, ents)]


def test_a_name_keeps_its_title_and_its_closing_initials_period():
    assert spans("seen by Dr. Patel today", ("Patel", "NAME")) == ["Dr. Patel"]
    assert spans("Mr. James T. was seen", ("James T", "NAME")) == ["Mr. James T."]


def test_an_identifier_keeps_its_hash():
    assert spans("record #CS123456 here", ("CS123456", "MRN")) == ["#CS123456"]


def test_a_place_keeps_the_kind_of_site_after_it_and_joins_its_city():
    assert spans("who visited our Dallas clinic on May 2", ("Dallas", "PLACE")) == ["Dallas clinic"]
    assert spans("admitted to Memorial Hospital in Atlanta on Jan 5",
                 ("Memorial Hospital", "FACILITY"), ("Atlanta", "CITY")) == ["Memorial Hospital in Atlanta"]
    text = "seen at Memorial Hospital, Los Angeles, CA"
    assert spans(text, ("Memorial Hospital", "FACILITY"), ("Los Angeles, CA", "CITY")) == [text[8:]]


def test_other_spans_are_not_joined_or_widened():
    assert spans("Dallas clinic", ("Dallas", "NAME")) == ["Dallas"]
    assert spans("Atlanta in May 2021", ("Atlanta", "CITY"), ("May 2021", "DATE")) == ["Atlanta", "May 2021"]
