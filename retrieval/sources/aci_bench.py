"""ACI-Bench visit notes as encounter records of their synthetic patients (one patient per encounter id)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from retrieval.documents import Document
from retrieval.sources.base import LoadStats

RELATIVE = "records/aci_bench"
SPLITS = ["train", "valid", "clinicalnlp_taskB_test1", "clinicalnlp_taskC_test2", "clef_taskC_test3"]


def load(mirror: Path | None, cache: Path, stats: LoadStats) -> Iterator[Document]:
    base = next((b / RELATIVE for b in (mirror, cache) if b is not None and (b / RELATIVE).is_dir()), None)
    if base is None:
        from assistant.errors import SetupError

        raise SetupError(f"ACI-Bench CSVs not found under {RELATIVE}; set MEDASSIST_DATA_MIRROR")
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
