"""Reports over run directories: Markdown tables with n, accuracy, CI and unparsed rate, plus PNG plots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.metrics import mcnemar
from eval.mcq import load_results
from eval.plots import accuracy_bars


def read_run(run_dir: Path) -> dict[str, Any]:
    summary = json.loads((run_dir / "summary.json").read_text())
    summary["records"] = load_results(run_dir / "results.jsonl")
    summary["label"] = f"{summary['dataset']} {'rag' if summary.get('rag') else 'no-rag'} ({run_dir.name})"
    return summary


def compare(a_dir: Path, b_dir: Path) -> dict[str, Any]:
    """Paired comparison on the items both runs answered (exact McNemar)."""
    a, b = read_run(a_dir), read_run(b_dir)
    shared = sorted(set(a["records"]) & set(b["records"]))
    ac = [a["records"][q]["correct"] for q in shared]
    bc = [b["records"][q]["correct"] for q in shared]
    return {"a": str(a_dir), "b": str(b_dir), "paired_items": len(shared),
            "accuracy_a": round(sum(ac) / max(1, len(ac)), 4), "accuracy_b": round(sum(bc) / max(1, len(bc)), 4),
            **mcnemar(ac, bc)}


def write_report(run_dirs: list[Path], out: Path) -> dict[str, Any]:
    runs = [read_run(d) for d in run_dirs]
    out.mkdir(parents=True, exist_ok=True)
    png = accuracy_bars([{"label": r["label"], "accuracy": r["accuracy"], "ci95": r["ci95"], "rag": r.get("rag")}
                         for r in runs], out / "accuracy.png", "Accuracy per run (95% Wilson CI)")
    lines = ["# medassist evaluation report", "",
             "| run | dataset | model | mode | retrieval | n | accuracy | 95% CI | unparsed | items/s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for d, r in zip(run_dirs, runs):
        lines.append(f"| {d.name} | {r['dataset']} | {r.get('model', '?')} | {r.get('mode', '?')} | "
                     f"{'k=' + str(r.get('k')) if r.get('rag') else 'none'} | {r['n']} | {r['accuracy']:.3f} | "
                     f"{r['ci95'][0]:.3f}-{r['ci95'][1]:.3f} | {r['unparsed_rate']:.1%} | {r.get('items_per_s', '')} |")
    lines += ["", f"![accuracy per run]({png.name})", ""]
    pairs = []
    for i, a in enumerate(run_dirs):
        for b in run_dirs[i + 1:]:
            if runs[run_dirs.index(a)]["dataset"] == runs[run_dirs.index(b)]["dataset"]:
                pairs.append(compare(a, b))
    if pairs:
        lines += ["## Paired comparisons (exact McNemar)", "",
                  "| a | b | items | acc a | acc b | only a right | only b right | p |",
                  "|---|---|---|---|---|---|---|---|"]
        for c in pairs:
            lines.append(f"| {Path(c['a']).name} | {Path(c['b']).name} | {c['paired_items']} | "
                         f"{c['accuracy_a']:.3f} | {c['accuracy_b']:.3f} | {c['only_a_correct']} | "
                         f"{c['only_b_correct']} | {c['p_value']:.3g} |")
    (out / "report.md").write_text("\n".join(lines) + "\n")
    return {"report": str(out / "report.md"), "plot": str(png), "runs": len(runs), "comparisons": pairs}
