"""What every source shares: offline mirror or upstream download, and counts of what was skipped."""

from __future__ import annotations

import hashlib
import logging
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import SetupError

log = logging.getLogger(__name__)


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


def locate(relative: str, mirror: Path | None, cache: Path, url: str | None = None, sha256: str | None = None) -> Path:
    """A dataset file: from the offline mirror if present, else downloaded once (checksum-verified) into the cache."""
    if mirror is not None and (mirror / relative).exists():
        return mirror / relative
    target = cache / relative
    if target.exists():
        return target
    if url is None:
        raise SetupError(f"{relative} is not in the data mirror ({mirror}) and has no upstream URL; "
                         "set MEDASSIST_DATA_MIRROR")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    log.info("downloading %s", url)
    try:
        with urllib.request.urlopen(url, timeout=120) as resp, open(tmp, "wb") as out:  # noqa: S310 (fixed https URLs)
            digest = hashlib.sha256()
            while block := resp.read(1 << 20):
                digest.update(block)
                out.write(block)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SetupError(f"cannot download {url} ({exc}); offline, set MEDASSIST_DATA_MIRROR") from None
    if sha256 and digest.hexdigest() != sha256:
        tmp.unlink(missing_ok=True)
        raise SetupError(f"checksum mismatch for {url}: the upstream file changed; not using it")
    tmp.rename(target)
    return target
