"""Sources by name: ``pubmedqa``, ``medquad``, ``synthea``, ``aci_bench``, ``files:PATH``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.errors import UserInputError
from retrieval.documents import Document
from retrieval.sources import aci_bench, files, medquad, pubmedqa, synthea
from retrieval.sources.base import LoadStats

NAMES = ("pubmedqa", "medquad", "synthea", "aci_bench")


def load_source(name: str, mirror: Path | None, cache: Path) -> tuple[Iterator[Document], LoadStats]:
    """Documents of one source and the stats object they fill as they are read."""
    stats = LoadStats(name)
    if name.startswith("files:"):
        return files.load(Path(name[len("files:"):]).expanduser(), stats), stats
    loaders = {"pubmedqa": pubmedqa.load, "medquad": medquad.load, "synthea": synthea.load, "aci_bench": aci_bench.load}
    if name not in loaders:
        raise UserInputError(f"unknown source {name!r}: use one of {', '.join(NAMES)} or files:PATH")
    return loaders[name](mirror, cache, stats), stats
