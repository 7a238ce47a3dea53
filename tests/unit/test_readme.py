"""Docs that run: the README's quick start and a sample of its commands are real."""

import json
import shlex

import pytest

from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text()


def test_quick_start_commands_exist():
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile and "make test" in (ROOT / ".ci" / "run").read_text()


def _commands(prefix):
    for line in README.splitlines():
        if line.startswith(f"medassist {prefix}"):
            yield shlex.split(line.split("  #")[0])[1:]


@pytest.mark.parametrize("args", list(_commands("risk news2")) + list(_commands("triage")))
def test_readme_commands_run(args):
    p = run_cli(*args)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)


def test_the_readme_stays_short_and_readable():
    """For users, not history: under 400 lines and 25 KB, with its figures in one table that links to docs/."""
    assert len(README.splitlines()) < 400 and len(README.encode()) < 25_000
    assert "docs/measurements.md" in README and (ROOT / "docs" / "measurements.md").is_file()
    assert (ROOT / "docs" / "architecture.md").is_file()
