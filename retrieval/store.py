"""Index directories: versioned builds behind an atomically replaced ``CURRENT`` pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.errors import MedassistError

POINTER = "CURRENT"


class IndexNotFound(MedassistError):
    """No usable index at the configured directory."""


def current_dir(index_dir: Path) -> Path:
    """The directory of the last complete build (an interrupted build never changes it)."""
    pointer = index_dir / POINTER
    if not pointer.is_file():
        raise IndexNotFound(f"no index at {index_dir}/: run `medassist index build`")
    target = index_dir / pointer.read_text().strip()
    if not (target / "manifest.json").is_file():
        raise IndexNotFound(f"index at {index_dir}/ is incomplete ({target.name} has no manifest): "
                            "run `medassist index build` again")
    return target


def read_manifest(index_dir: Path) -> dict[str, Any]:
    return json.loads((current_dir(index_dir) / "manifest.json").read_text())


def open_index(index_dir: Path, settings: Any = None) -> Any:
    """A HybridRetriever over the current build at ``index_dir``."""
    from retrieval.bm25_index import BM25Index
    from retrieval.docstore import SCHEMA_VERSION, DocStore
    from retrieval.embedders import build_embedder
    from retrieval.faiss_index import FaissIndex
    from retrieval.hybrid import HybridRetriever

    path = current_dir(Path(index_dir))
    manifest = json.loads((path / "manifest.json").read_text())
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexNotFound(f"index at {index_dir}/ has schema {manifest.get('schema_version')}, this version reads "
                            f"{SCHEMA_VERSION}: run `medassist index build`")
    cache = getattr(settings, "cache_dir", None)
    embedder = build_embedder(manifest["embedder_ref"], quantize=manifest["embedder_quantized"], cache_dir=cache)
    if embedder.name != manifest["embedder"]:
        raise IndexNotFound(f"index at {index_dir}/ was embedded with {manifest['embedder']}, this installation embeds "
                            f"queries with {embedder.name}: run `medassist index build` again")
    return HybridRetriever(FaissIndex.load(path / "index.faiss"), BM25Index.load(path / "bm25"),
                           DocStore(path / "docstore.sqlite"), embedder)
