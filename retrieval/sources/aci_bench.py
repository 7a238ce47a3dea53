"""ACI-Bench visit notes as encounter records of their synthetic patients (one patient per encounter id)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from retrieval.documents import Document
from retrieval.sources.base import LoadStats
from retrieval.sources.upstream import Upstream, download

RELATIVE = "records/aci_bench"
SPLITS = ["train", "valid", "clinicalnlp_taskB_test1", "clinicalnlp_taskC_test2", "clef_taskC_test3"]
UPSTREAM_BASE = "https://raw.githubusercontent.com/wyim/aci-bench/5d3cd4d8a25b4ebb5b2b87c3923a7b2b7150e33d/data/challenge_data"
#: SHA-256 of each upstream CSV (the same bytes as the offline mirror).
PINNED = {
    "train.csv": "6c778d4ac5e6cc6f1964786f9286e8d765c210f22ed6b57f83aff8497409cea4",
    "train_metadata.csv": "7da650e223f04ff6bf1666cb62d52ebd83ce71ecfc4b2311cbe64d9f3ab19d83",
    "valid.csv": "6629e89e3fb409d2b3eceab60dc7b32fe1d3fb8d4e07795039284965522aa4d0",
    "valid_metadata.csv": "ae4c7eef6fc97e22f447c33e4546691715821e2a671ab53d80eb1ee5598e2914",
    "clinicalnlp_taskB_test1.csv": "5cc4008e68545f84913744a8e493a58bdf17ba7e1b7a0be46d6943d6bfca9471",
    "clinicalnlp_taskB_test1_metadata.csv": "6960581701816c6dbe1aea8a53df6cff2f1ca92b24b036f6303242ca681cbafd",
    "clinicalnlp_taskC_test2.csv": "599e3330a14e25a0e056aee1365ffac7ebe50058f15821eae42a5513c2bb5a4f",
    "clinicalnlp_taskC_test2_metadata.csv": "60e799ee5033767e9f5c2e9c3d84f64366628e2aae8637cd5d96ca29ba01b83c",
    "clef_taskC_test3.csv": "d3c18362a42124ea2bd1b2b4b66ba76a11bb123dfdb416471ae3b5924d1428ec",
    "clef_taskC_test3_metadata.csv": "e1bec9323b2bed8e544ead77fae6251c4709bc9ffe2d0de346d843334760736b",
}


def _directory(mirror: Path | None, cache: Path) -> Path:
    """The mirror's ACI-Bench folder, or the cache's, downloading the pinned CSVs from upstream first."""
    if mirror is not None and (mirror / RELATIVE).is_dir():
        return mirror / RELATIVE
    for name, sha in PINNED.items():
        download(Upstream(f"{UPSTREAM_BASE}/{name}", sha), cache / RELATIVE / name)
    return cache / RELATIVE


def load(mirror: Path | None, cache: Path, stats: LoadStats) -> Iterator[Document]:
    base = _directory(mirror, cache)
    csv.field_size_limit(sys.maxsize)
    for split in SPLITS:
        notes, meta = base / f"{split}.csv", base / f"{split}_metadata.csv"
        if not notes.exists():
            continue
        people = {}
        if meta.exists():
            with open(meta, encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.DictReader(fh):
                    people[row.get("encounter_id", "")] = row
        with open(notes, encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                enc, note = row.get("encounter_id"), (row.get("note") or "").strip()
                if not enc or not note:
                    stats.skip("row without encounter id or note")
                    continue
                m = people.get(enc, {})
                pid = f"aci-{split}-{enc}"
                who = " ".join(x for x in (m.get("patient_firstname"), m.get("patient_familyname")) if x)
                cc = m.get("cc") or "visit"
                stats.documents += 1
                yield Document(id=f"aci_bench:{split}:{enc}", source="aci_bench", title=f"Visit note: {cc}",
                               text=note, url=f"aci-bench://{split}/{enc}",
                               metadata={"patient_id": pid, "resource_type": "Encounter", "name": who,
                                         "age": m.get("patient_age"), "gender": m.get("patient_gender"),
                                         "license": "CC BY 4.0 (ACI-Bench)"})
