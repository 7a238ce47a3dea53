"""``medassist eval triage``: dispositions against published triage labels, per source, with 95% CIs.

Labels read (``eval.triage_labels``): em / ne / sc, four levels ("Emergent", "1 day", "1 week", "Self-care" and the
project's own names), and KTAS 1-5. Reported: exact accuracy, emergency sensitivity, non-emergencies called
emergency, under- and over-triage; for KTAS also the share of levels 1-2 and of levels 4-5 called emergency.
``--loso`` instead judges each shared labelled source by a model and operating points chosen without it.
Per-item records (``results.jsonl``) make a run resumable; a plot of the rates goes beside them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from core.errors import UserInputError
from core.metrics import wilson
from eval.triage_data import load_triage
from eval.triage_labels import gold, over, under

BATCH = 64


def _rate(k: int, n: int) -> dict[str, Any]:
    return {"k": k, "n": n, "rate": round(k / n, 4) if n else None,
            "ci95": [round(v, 4) for v in wilson(k, n)] if n else None}


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Rates over records that carry a gold label."""
    rows = [r for r in records if r.get("gold")]
    em = [r for r in rows if r["gold"] == ["emergency"]]
    ne = [r for r in rows if "emergency" not in r["gold"]]
    out = {"n": len(records), "labelled": len(rows),
           "exact": _rate(sum(r["correct"] for r in rows), len(rows)),
           "emergency_sensitivity": _rate(sum(r["disposition"] == "emergency" for r in em), len(em)),
           "non_emergency_called_emergency": _rate(sum(r["disposition"] == "emergency" for r in ne), len(ne)),
           "under_triage": _rate(sum(r["under"] for r in rows), len(rows)),
           "over_triage": _rate(sum(r["over"] for r in rows), len(rows))}
    ktas = [r for r in rows if r.get("ktas")]
    if ktas:
        hi = [r for r in ktas if r["ktas"] <= 2]
        lo = [r for r in ktas if r["ktas"] >= 4]
        out["ktas_1_2_called_emergency"] = _rate(sum(r["disposition"] == "emergency" for r in hi), len(hi))
        out["ktas_4_5_called_emergency"] = _rate(sum(r["disposition"] == "emergency" for r in lo), len(lo))
    confusion: dict[str, dict[str, int]] = {}
    for r in rows:
        key = "/".join(r["gold"])
        confusion.setdefault(key, {}).setdefault(r["disposition"], 0)
        confusion[key][r["disposition"]] += 1
    out["confusion"] = confusion
    return out


def _previous(out: Path | None, texts: list[str]) -> dict[int, dict[str, Any]]:
    """Records of an earlier run over the same cases (matched by index and text key), to resume from."""
    from assistant.triage_model import text_key

    path = out / "results.jsonl" if out else None
    if not path or not path.is_file():
        return {}
    done = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        i = r.get("i")
        if isinstance(i, int) and 0 <= i < len(texts) and r.get("key") == text_key(texts[i]):
            done[i] = r
    return done


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    if getattr(args, "loso", False):
        return run_loso(args, settings)
    if not args.data:
        raise UserInputError("give --data FILE (or --loso)")
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from assistant.triage import TriageEngine
    from assistant.triage_model import text_key

    rows, skipped = load_triage(args.data)
    if not rows:
        raise UserInputError(f"{args.data} holds no triage cases (rows need case_description, or an Avey / "
                             "AgentClinic case with a known urgency)")
    backend = None
    if settings.llm_backend == "openai":
        from assistant.wiring import build_backend

        backend = build_backend(settings)
    engine = TriageEngine()
    scorer = engine.emergency_model
    out = Path(args.out) if args.out else None
    texts = [r["case_description"] for r in rows]
    done = _previous(out, texts)
    todo = [i for i in range(len(rows)) if i not in done]
    stem = Path(args.data).stem
    with Progress(TextColumn("triage"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("triage", total=len(rows), completed=len(done))
        for start in range(0, len(todo), BATCH):
            part = todo[start:start + BATCH]
            results = engine.assess_many([texts[i] for i in part], [rows[i].get("vitals") for i in part], backend)
            for i, res in zip(part, results, strict=True):
                g = gold(rows[i])
                said = res.disposition
                ktas = rows[i].get("urgency") if g and g[1] == "ktas" else None
                done[i] = {"i": i, "key": text_key(texts[i]), "source": str(rows[i].get("source") or stem)[:80],
                           "gold": sorted(g[0]) if g else None, "ktas": ktas, "disposition": said,
                           "correct": bool(g) and said in g[0], "under": bool(g) and under(g[0], said),
                           "over": bool(g) and over(g[0], said), "reasons": res.reasons, "questions": res.questions,
                           "in_training": bool(scorer) and scorer.trained_on(texts[i])}
            progress.advance(task, len(part))
            if out:
                _write(out, done)
    records = [done[i] for i in range(len(rows))]
    summary = summarise(records)
    summary["skipped"] = skipped
    trained = sum(r["in_training"] for r in records)
    summary["cases_that_trained_the_model"] = trained
    summary["note"] = (f"{trained} of these cases trained the disposition model: their figures are in-sample"
                       if trained else "no case here trained the disposition model")
    if out:
        _write(out, done)
        (out / "summary.json").write_text(json.dumps(summary, indent=2))
        _plot(summary, out / "triage.png", Path(args.data).name)
    return summary


def _write(out: Path, done: dict[int, dict[str, Any]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.jsonl").write_text("".join(json.dumps(done[i]) + "\n" for i in sorted(done)))


def _plot(summary: dict[str, Any], path: Path, title: str) -> None:
    from eval.plots import accuracy_bars

    names = ["exact", "emergency_sensitivity", "non_emergency_called_emergency", "under_triage", "over_triage",
             "ktas_1_2_called_emergency", "ktas_4_5_called_emergency"]
    rows = [{"label": n.replace("_", " "), "accuracy": summary[n]["rate"], "ci95": summary[n]["ci95"]}
            for n in names if n in summary and summary[n]["n"]]
    if rows:
        accuracy_bars(rows, path, f"triage: {title}")


def run_loso(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    """Leave-one-source-out over the shared labelled sources and the project's cases."""
    from eval.triage_train import design, labelled_cases, leave_one_source_out, report, targets
    from retrieval.embedders import SentenceTransformerEmbedder

    shared = Path(args.shared) if getattr(args, "shared", None) else settings.data_mirror
    if not shared or not (Path(shared) / "benchmarks").is_dir():
        raise UserInputError("--loso needs the shared data (--shared DIR with benchmarks/ inside)")
    cases = labelled_cases(Path(shared))
    d = design([c.text for c in cases], SentenceTransformerEmbedder().load())
    summary = {"leave_one_source_out": report(cases, leave_one_source_out(d, cases, targets(cases)))}
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
