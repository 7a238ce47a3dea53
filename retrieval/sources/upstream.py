"""Upstream downloads into the cache: checksum-verified files and archives, written atomically.

A pinned SHA-256 is checked on download. Where the upstream publishes no stable bytes to pin (a GitHub archive,
a sample-data zip), the checksum of the first download is recorded beside it and checked on every later use, so
a cache that changed underneath is noticed rather than indexed.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.errors import SetupError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upstream:
    """Where a dataset file lives upstream, with its SHA-256 when the bytes are stable enough to pin."""

    url: str
    sha256: str | None = None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _check_recorded(target: Path) -> None:
    record = target.with_name(target.name + ".sha256")
    if record.exists() and sha256_of(target) != record.read_text().strip():
        raise SetupError(f"{target} changed since it was downloaded (checksum differs); delete it to download again")


def download(source: Upstream, target: Path) -> Path:
    """``target``, downloaded once from ``source`` (checksum-verified); later calls verify the recorded checksum."""
    if target.exists():
        _check_recorded(target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    log.info("downloading %s", source.url)
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(source.url, timeout=120) as resp, open(tmp, "wb") as out:
            while block := resp.read(1 << 20):
                digest.update(block)
                out.write(block)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SetupError(f"cannot download {source.url} ({exc}); offline, set MEDASSIST_DATA_MIRROR") from None
    got = digest.hexdigest()
    if source.sha256 and got != source.sha256:
        tmp.unlink(missing_ok=True)
        raise SetupError(f"checksum mismatch for {source.url} (got {got[:12]}, pinned {source.sha256[:12]}): "
                         "the upstream file changed; not using it")
    target.with_name(target.name + ".sha256").write_text(got + "\n")
    tmp.replace(target)
    return target


def extract_archive(source: Upstream, cache: Path, name: str) -> Path:
    """A zip from ``source`` unpacked under ``cache/name`` (unpacked beside, then renamed: never half-extracted)."""
    out = cache / name
    archive = download(source, cache / f"{name}.zip")
    if out.is_dir():
        return out
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=cache))
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                dest = (work / member.filename).resolve()
                if not dest.is_relative_to(work.resolve()):
                    raise SetupError(f"{archive} holds a path outside the archive ({member.filename}); not using it")
            zf.extractall(work)
    except zipfile.BadZipFile:
        shutil.rmtree(work, ignore_errors=True)
        archive.unlink(missing_ok=True)
        raise SetupError(f"{source.url} did not give a zip archive; removed it, try again") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    work.rename(out)
    return out
