"""A small real index (MiniLM + FAISS + BM25) built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def small_index(tmp_path_factory, shared_data):
    from core.settings import Settings
    from retrieval.build import build_index

    d = tmp_path_factory.mktemp("index")
    settings = Settings(index_dir=d, data_mirror=shared_data, state_dir=d / "state")
    manifest = build_index(settings, ["pubmedqa", "synthea", "medquad"], progress=False, limit=300)
    return settings, manifest


@pytest.fixture(scope="session")
def retriever(small_index):
    from retrieval.store import open_index

    settings, _ = small_index
    return open_index(settings.index_dir)
