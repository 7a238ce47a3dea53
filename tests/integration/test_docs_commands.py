"""Docs that run: every `medassist` command in the README and in docs/ is executed here, as a user would type it.

Commands run from a scratch folder beside a link to ../shared, so the documented relative paths hold, against a
small real index. Five commands take minutes or serve forever; each has one stated stand-in below, and every
other command runs exactly as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_DATA

pytestmark = pytest.mark.slow
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```bash\n(.*?)```", re.S)


def documented_commands() -> list[str]:
    """Every line of a bash block that runs medassist (comments after two spaces and a # dropped)."""
    found: list[str] = []
    for doc in DOCS:
        for block in BLOCK.findall(doc.read_text()):
            for line in block.splitlines():
                line = re.split(r"\s{2,}#", line)[0].strip()
                if re.match(r"^(medassist |echo .*\| *medassist )", line) and line not in found:
                    found.append(line)
    return found


#: Commands that take minutes at full size, with the small run that stands in for them here.
STAND_INS = {
    "medassist index build --source synthea": "medassist index build --source synthea --limit 5 --index {tmp}/idx",
    "medassist risk train": "medassist risk train --csv {tmp}/sepsis_small.csv --out {tmp}/model",
    "medassist eval retrieval --dataset pubmedqa --json":
        "medassist eval retrieval --dataset pubmedqa --limit 20 --json",
    "medassist eval answers --data medquad --exclude-reference --limit 60 --out runs/answers --json":
        "medassist eval answers --data medquad --exclude-reference --limit 2 --out runs/answers --json",
}
#: Served, not run to an end: `medassist ui` is started by the browser tests (tests/ui_server.py).
SERVED = {"medassist ui"}


def test_the_docs_name_the_main_commands():
    commands = documented_commands()
    for name in ("chat", "triage", "redact", "search", "vision", "risk", "eval", "index build", "ui"):
        assert any(c.split("| ")[-1].startswith(f"medassist {name}") for c in commands), name
    assert set(STAND_INS) | SERVED <= set(commands), "a stand-in names a command the docs no longer show"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, small_index):
    import pandas as pd

    tmp = tmp_path_factory.mktemp("docs")
    (tmp / "work").mkdir()
    (tmp / "shared").symlink_to(SHARED_DATA.parent)
    dev = pd.read_csv(SHARED_DATA / "vitals" / "sepsis2019_setB_dev.csv.gz")
    septic = dev.groupby("patient_id")["SepsisLabel"].max()
    keep = list(septic[septic == 1].index[:15]) + list(septic[septic == 0].index[:60])
    dev[dev["patient_id"].isin(keep)].to_csv(tmp / "sepsis_small.csv", index=False)
    settings, _ = small_index
    return tmp, settings


@pytest.mark.parametrize("command", [c for c in documented_commands() if c not in SERVED])
def test_documented_command_runs(command, workdir):
    tmp, settings = workdir
    line = STAND_INS.get(command, command).format(tmp=tmp)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
           "MEDASSIST_DATA_MIRROR": str(SHARED_DATA), "MEDASSIST_INDEX_DIR": str(settings.index_dir),
           "MEDASSIST_STATE_DIR": str(tmp / "state")}
    p = subprocess.run(["bash", "-c", line], cwd=tmp / "work", env=env, capture_output=True, text=True, timeout=1800,
                       check=False)
    assert p.returncode == 0, f"{line}\n{p.stderr[-2000:]}"
    if "--json" in line.split():
        assert json.loads(p.stdout) is not None
