"""``medassist eval mcq``: one JSON summary on stdout, per-item ``results.jsonl`` and ``summary.json`` in --out."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from eval.datasets import load_mcq
from eval.mcq import RunConfig, run_items, summarise


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from assistant.wiring import build_backend, build_retriever
    from core.errors import UserInputError

    skipped: list[str] = []
    items = load_mcq(args.data, args.dataset, skipped)
    if args.limit is not None:
        if args.limit < 1:
            raise UserInputError("--limit must be at least 1")
        items = items[:args.limit]
    if not items:
        why = f": {len(skipped)} could not be asked (first: {skipped[0]})" if skipped else ""
        raise UserInputError(f"no items in {args.dataset}{why}")
    if skipped:
        print(f"warning: {len(skipped)} items of {args.dataset} could not be asked and are left out "
              f"(first: {skipped[0]}); the summary lists them", file=sys.stderr)
    backend = build_backend(settings, logits_all=args.mode == "likelihood")
    retriever = build_retriever(settings, required=True) if args.rag else None
    cfg = RunConfig(mode=args.mode, rag=args.rag, k=args.k, seed=args.seed, concurrency=max(1, args.concurrency))
    out_dir = Path(args.out)
    started = time.perf_counter()
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  disable=getattr(args, "json", False)) as prog:
        task = prog.add_task(f"{args.dataset} ({args.mode}{', rag' if args.rag else ''})", total=len(items))
        records = run_items(items, backend, cfg, out_dir, retriever, progress=lambda: prog.advance(task))
    summary = summarise(records, args.dataset, time.perf_counter() - started)
    summary.update(model=backend.model_name(), backend=backend.name, mode=args.mode, rag=args.rag,
                   k=args.k if args.rag else 0, concurrency=cfg.concurrency, data=str(args.data))
    if skipped:
        summary.update(skipped=len(skipped), skipped_items=skipped[:50])
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
