"""Clinical PHI recognizers, one small module per family, each with a table of positive and negative cases."""

from __future__ import annotations

from typing import Any


def all_recognizers() -> list[Any]:
    from guards.phi.recognizers import contact, dates, ids, location, names, structured

    return [*contact.RECOGNIZERS, *ids.RECOGNIZERS, *dates.RECOGNIZERS, *location.RECOGNIZERS, *names.RECOGNIZERS,
            *structured.RECOGNIZERS]


def all_cases() -> dict[str, tuple[list[str], list[str]]]:
    """{family_or_label: (texts with PHI, texts without)} from every recognizer module."""
    from guards.phi.recognizers import contact, dates, ids, location, names, structured

    cases: dict[str, tuple[list[str], list[str]]] = {}
    for module in (contact, ids, dates, location, names, structured):
        cases.update(module.CASES)
    return cases
