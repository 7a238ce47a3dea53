"""PhysioNet/CinC Challenge 2019 sepsis training sets (CC BY 4.0), downloaded once into the cache as the challenge's
zips of per-patient ``.psv`` files, for ``medassist risk train --psv``.

Set A (20,336 patients) and set B (20,000) come from two hospital systems; the dev CSV is a subset of set B. The zips
publish no checksum to pin, so the first download's SHA-256 is recorded and checked on every later use.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from core.errors import SetupError
from retrieval.sources.upstream import Upstream, download

#: Where the challenge's zips are served, tried in order.
MIRRORS = ("https://archive.physionet.org/users/shared/challenge-2019",
           "https://physionet.org/static/published-projects/challenge-2019")
SETS = ("A", "B")


def fetch(set_name: str, cache: Path, mirrors: tuple[str, ...] = MIRRORS) -> tuple[Path, int]:
    """The zip of training set ``A`` or ``B`` in ``cache`` (downloaded from the first mirror that answers), and how
    many patient files it holds."""
    if set_name not in SETS:
        raise SetupError(f"PhysioNet 2019 has training sets {', '.join(SETS)}, not {set_name!r}")
    name = f"training_set{set_name}.zip"
    target = Path(cache) / "physionet2019" / name
    errors = []
    for base in mirrors:
        try:
            download(Upstream(f"{base.rstrip('/')}/{name}"), target)
            break
        except SetupError as exc:
            errors.append(str(exc))
    else:
        raise SetupError("; ".join(errors))
    try:
        with zipfile.ZipFile(target) as archive:
            patients = sum(1 for n in archive.namelist() if n.endswith(".psv"))
    except zipfile.BadZipFile:
        target.unlink(missing_ok=True)
        target.with_name(name + ".sha256").unlink(missing_ok=True)
        raise SetupError(f"the download of {name} is not a zip archive; removed it, try again") from None
    if not patients:
        raise SetupError(f"{target} holds no .psv patient files")
    return target, patients
