"""``make bench``: every benchmark whose components are installed, printed as tables and saved as JSON."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

BENCHES = ["llm_bench", "retrieval_bench", "turn_bench", "vision_bench", "risk_bench", "phi_bench", "triage_bench"]


def _table(name: str, out: dict | list) -> Table:
    """One row per measurement: a dict prints as key/value, a list of dicts as a wide table."""
    table = Table(title=name)
    if isinstance(out, dict):
        table.add_column("measure")
        table.add_column("value", justify="right")
        for key, value in out.items():
            table.add_row(str(key), str(value))
        return table
    keys = list(dict.fromkeys(k for row in out for k in row))
    for key in keys:
        table.add_column(str(key))
    for row in out:
        table.add_row(*[str(row.get(k, "")) for k in keys])
    return table


def main() -> int:
    console = Console()
    only = sys.argv[1:] or BENCHES
    results = {}
    for name in only:
        try:
            mod = importlib.import_module(f"tests.bench.{name}")
        except ModuleNotFoundError as exc:
            console.print(f"[yellow]skip {name}: {exc}")
            continue
        console.print(f"[bold]running {name} ...")
        out = mod.run()
        results[name] = out
        for part in (out if isinstance(out, list) else [out]):
            console.print(_table(name, part))
    out_dir = Path(os.environ.get("MEDASSIST_BENCH_DIR", ".benchmarks"))
    out_dir.mkdir(exist_ok=True)
    (out_dir / "bench.json").write_text(json.dumps(results, indent=2))
    console.print(f"saved {out_dir / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
