"""Clinical PHI recognizers, one small module per family, each with a table of positive and negative cases."""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: the recognizer modules, in the order their recognizers are registered
_MODULES = ("contact", "ids", "dates", "location", "facilities", "places", "names", "structured", "files")


def _modules() -> list[Any]:
    return [import_module(f"guards.phi.recognizers.{name}") for name in _MODULES]


def all_recognizers() -> list[Any]:
    return [rec for module in _modules() for rec in module.RECOGNIZERS]


def all_cases() -> dict[str, tuple[list[str], list[str]]]:
    """{family_or_label: (texts with PHI, texts without)} from every recognizer module."""
    cases: dict[str, tuple[list[str], list[str]]] = {}
    for module in _modules():
        cases.update(module.CASES)
    return cases
