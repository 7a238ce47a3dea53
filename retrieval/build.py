"""``medassist index build``: sources -> chunks -> vectors + BM25 + docstore, incremental and atomic.

A build writes a new version directory and then replaces the ``CURRENT`` pointer with ``os.replace``; a killed
build leaves the previous index readable. Chunks whose content hash already has a vector are not re-embedded.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.bm25_index import BM25Index
from retrieval.chunking import chunk_documents
from retrieval.docstore import SCHEMA_VERSION, DocStore
from retrieval.documents import Chunk, Document, content_hash
from retrieval.embedders import build_embedder
from retrieval.faiss_index import FaissIndex
from retrieval.sources import load_source
from retrieval.store import POINTER, IndexNotFound, current_dir, read_manifest

log = logging.getLogger(__name__)


def _progress(enabled: bool) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class Rate(TextColumn):
        def __init__(self) -> None:
            super().__init__("")

        def render(self, task: Any) -> Any:
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f}/s" if speed else "", style="cyan")

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                    Rate(), TimeElapsedColumn(), TimeRemainingColumn(), disable=not enabled, transient=False)


def _previous(index_dir: Path, embedder_name: str) -> tuple[dict[str, int], FaissIndex | None]:
    try:
        path = current_dir(index_dir)
        manifest = read_manifest(index_dir)
    except (IndexNotFound, ValueError):
        return {}, None
    if manifest.get("embedder") != embedder_name or manifest.get("schema_version") != SCHEMA_VERSION:
        return {}, None
    store = DocStore(path / "docstore.sqlite")
    try:
        return store.ids_to_rows(), FaissIndex.load(path / "index.faiss")
    finally:
        store.close()


def build_index(settings: Any, sources: list[str], progress: bool = True, kind: str = "auto",
                limit: int | None = None) -> dict[str, Any]:
    """Build (or rebuild incrementally) the index at ``settings.index_dir``; returns the summary."""
    started = time.perf_counter()
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    embedder = build_embedder(settings.embedder, quantize=settings.embed_quantize,
                              cache_dir=Path(settings.cache_dir)).load()
    old_rows, old_vectors = _previous(index_dir, embedder.name)

    docs: list[Document] = []
    stats = []
    with _progress(progress) as prog:
        for name in dict.fromkeys(sources):
            it, st = load_source(name, settings.data_mirror, Path(settings.cache_dir) / "data")
            task = prog.add_task(f"read {name}", total=None)
            for n, d in enumerate(it):
                if limit is not None and n >= limit:
                    break
                docs.append(d)
                prog.advance(task)
            st.documents = min(st.documents, limit) if limit is not None else st.documents
            prog.update(task, total=st.documents, completed=st.documents)
            stats.append(st)
        chunk_task = prog.add_task("chunk", total=len(docs))
        chunks: dict[str, Chunk] = {}
        for c in chunk_documents(_advancing(docs, prog, chunk_task), embedder.count_tokens):
            chunks.setdefault(c.id, c)
        ordered = list(chunks.values())
        if not ordered:
            from core.errors import UserInputError

            raise UserInputError("the sources yielded no text to index")
        reuse = [i for i, c in enumerate(ordered) if c.id in old_rows]
        fresh = [i for i, c in enumerate(ordered) if c.id not in old_rows]
        vectors = np.zeros((len(ordered), embedder.dim), dtype=np.float32)
        if reuse and old_vectors is not None:
            vectors[reuse] = old_vectors.reconstruct(np.array([old_rows[ordered[i].id] for i in reuse]))
        embed_task = prog.add_task("embed", total=len(fresh))
        texts = [f"{ordered[i].title}\n{ordered[i].text}" for i in fresh]
        step = 512  # progress granularity; each embedder batches by length inside
        for start in range(0, len(fresh), step):
            part = fresh[start:start + step]
            vectors[part] = embedder.embed(texts[start:start + step])
            prog.advance(embed_task, len(part))

    tmp = index_dir / f".build-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    vec_index = FaissIndex.create(embedder.dim, len(ordered), kind=kind)
    vec_index.add(vectors)
    vec_index.save(tmp / "index.faiss")
    lexical = BM25Index.build([f"{c.title}\n{c.text}" for c in ordered])
    lexical.save(tmp / "bm25")
    store = DocStore(tmp / "docstore.sqlite", create=True)
    store.add_chunks(ordered, 0)
    store.add_documents(docs)
    digest = content_hash([c.id for c in ordered])
    manifest = {"schema_version": SCHEMA_VERSION, "embedder": embedder.name, "embedder_ref": settings.embedder,
                "embedder_quantized": settings.embed_quantize, "dim": embedder.dim, "faiss": vec_index.kind,
                "bm25_stemmer": lexical.stemmer,
                "chunks": len(ordered), "documents": len(docs), "content_hash": digest,
                "sources": [s.to_dict() for s in stats], "reused_vectors": len(reuse), "embedded": len(fresh),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "seconds": round(time.perf_counter() - started, 1)}
    store.set_meta("content_hash", digest)
    store.commit()
    store.close()
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
    _fsync_dir(tmp)
    final = index_dir / f"v-{digest[:12]}-{uuid.uuid4().hex[:6]}"
    os.rename(tmp, final)
    pointer_tmp = index_dir / f".{POINTER}.{uuid.uuid4().hex[:6]}"
    pointer_tmp.write_text(final.name)
    os.replace(pointer_tmp, index_dir / POINTER)  # the atomic switch
    _fsync_dir(index_dir)
    _cleanup(index_dir, keep=final.name)
    if progress:
        from rich.console import Console

        con = Console(stderr=True)
        for s in stats:
            skipped = ", ".join(f"{k}: {v}" for k, v in s.skipped.items()) or "none"
            con.print(f"{s.source}: {s.documents} documents, skipped {skipped}")
        con.print(f"{len(ordered)} chunks ({len(fresh)} embedded, {len(reuse)} reused) in {manifest['seconds']} s "
                  f"-> {index_dir}")
    return manifest


def _advancing(docs: list[Document], prog: Any, task: Any) -> Any:
    for d in docs:
        yield d
        prog.advance(task)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _cleanup(index_dir: Path, keep: str) -> None:
    for p in index_dir.iterdir():
        if p.is_dir() and p.name != keep and (p.name.startswith("v-") or p.name.startswith(".build-")):
            shutil.rmtree(p, ignore_errors=True)


def index_info(index_dir: Path) -> dict[str, Any]:
    manifest = read_manifest(Path(index_dir))
    manifest["path"] = str(current_dir(Path(index_dir)))
    return manifest
