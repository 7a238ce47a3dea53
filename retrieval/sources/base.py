"""What every source shares: offline mirror or upstream download, and counts of what was skipped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import SetupError

if TYPE_CHECKING:
    from retrieval.sources.upstream import Upstream


@dataclass
class LoadStats:
    """What a source read: documents yielded, and inputs skipped by reason (never a crash)."""

    source: str
    documents: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "documents": self.documents, "skipped": dict(self.skipped)}


def locate(relative: str, mirror: Path | None, cache: Path, upstream: Upstream | None = None) -> Path:
    """A dataset file: from the offline mirror if present, else downloaded once (checksum-verified) into the cache."""
    from retrieval.sources.upstream import download

    if mirror is not None and (mirror / relative).exists():
        return mirror / relative
    target = cache / relative
    if upstream is None:
        if target.exists():
            return target
        raise SetupError(f"{relative} is not in the data mirror ({mirror}) and has no upstream URL; "
                         "set MEDASSIST_DATA_MIRROR")
    return download(upstream, target)
