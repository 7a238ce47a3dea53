"""The layers of DESIGN.md hold: import-linter's contract passes here and catches an upward import in a copy."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("core", "assistant", "retrieval", "vision", "risk", "guards", "ui", "eval")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)}, check=False)


def test_the_layers_contract_is_kept():
    p = _lint(ROOT)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "1 kept, 0 broken" in p.stdout


def _copy(tmp_path: Path) -> Path:
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.json", "*.txt", "*.jsonl",
                                                                                      "*.safetensors", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_an_upward_import_fails_the_contract(tmp_path):
    root = _copy(tmp_path)
    assert _lint(root).returncode == 0  # the copy itself is clean
    news2 = root / "risk" / "news2.py"
    news2.write_text(news2.read_text() + "\n\ndef _up() -> None:\n    from assistant import triage  # noqa: F401\n")
    p = _lint(root)
    assert p.returncode != 0
    assert "BROKEN" in p.stdout and "risk.news2 -> assistant.triage" in p.stdout


def test_packages_of_one_layer_stay_independent(tmp_path):
    root = _copy(tmp_path)
    guard = root / "guards" / "audit.py"
    guard.write_text("import retrieval.chunking  # noqa: F401\n" + guard.read_text())
    p = _lint(root)
    assert p.returncode != 0 and "guards.audit -> retrieval.chunking" in p.stdout


def test_ruff_is_clean_at_120_columns():
    p = subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--line-length", "120", "."], cwd=ROOT,
                       capture_output=True, text=True, timeout=300, check=False)
    assert p.returncode == 0, p.stdout[-3000:]
