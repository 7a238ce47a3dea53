"""``medassist eval answers``: consumer questions with expert answers, answered in extractive and generative mode.

Per answer, by stated methods (no judge model):
- **support**: overlap of content-word stems with the reference answer (stop words removed): recall is the share of
  the reference's terms the answer contains, F1 balances it with the share of the answer's terms in the reference;
- **citation precision**: of the sentences that cite a source, the share whose content terms are at least half
  found in a source they cite;
- **reading grade** (Flesch-Kincaid, textstat) and **length** in words.
Each mean with a bootstrap 95% CI, per mode. ``--exclude-reference`` drops retrieved passages from the reference's
own page, so that a question is not answered by copying its answer. Resumable: finished items are read back.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.errors import UserInputError

MODES = ("extractive", "generative")
METRICS = ("support_recall", "support_f1", "citation_precision", "reading_grade", "words")
_CITE = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_MARKUP = re.compile(r"[*_>#`]|^- ", re.MULTILINE)


class Trusted:
    """A backend whose profile says ``trust``: the same model run as extractive or generative."""

    def __init__(self, backend: Any, trust: str) -> None:
        self._backend = backend
        self._profile = replace(backend.profile, trust=trust)
        self.name = backend.name

    @property
    def profile(self) -> Any:
        return self._profile

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)


class WithoutPage:
    """A retriever that leaves out one page (the reference answer's source) from every search."""

    def __init__(self, retriever: Any) -> None:
        self._retriever = retriever
        self.left_out = ""

    def search(self, query: str, k: int = 5, patient_id: str | None = None, sources: Any = None) -> list[Any]:
        hits = self._retriever.search(query, k=k + 10, patient_id=patient_id, sources=sources)
        return [h for h in hits if not self.left_out or h.url != self.left_out][:k]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._retriever, name)


def terms(text: str) -> set[str]:
    from assistant.compose import content_terms

    return content_terms(text)


def plain(text: str) -> str:
    """The answer's prose: no citations, markup or the disclaimer and notices (lines in italics); a list item or a
    heading counts as a sentence of its own (a full stop added where it has none)."""
    kept = []
    for line in text.splitlines():
        if line.strip().startswith("_"):
            continue
        line = _MARKUP.sub("", _CITE.sub("", line)).strip()
        if line:
            kept.append(line if line[-1] in ".!?:" else line + ".")
    return "\n".join(kept)


def support(answer: str, reference: str) -> tuple[float, float]:
    a, r = terms(answer), terms(reference)
    if not a or not r:
        return 0.0, 0.0
    shared = len(a & r)
    recall, precision = shared / len(r), shared / len(a)
    return recall, (2 * recall * precision / (recall + precision) if shared else 0.0)


def citation_precision(text: str, citations: list[Any]) -> float | None:
    """Share of citing sentences supported by a source they cite; None when nothing is cited."""
    by_n = {c.n: terms(c.title + " " + c.text) for c in citations}
    checked = supported = 0
    for sentence in re.split(r"(?<=[.!?\]])\s+(?!\[)|\n+", text):  # "... marrow. [2]": the marker stays
        cited = [int(n) for group in re.findall(r"\[(\d+(?:\s*,\s*\d+)*)\]", sentence)
                 for n in re.split(r"\s*,\s*", group)]
        words = terms(_CITE.sub("", sentence))
        if not cited or not words:
            continue
        checked += 1
        supported += any(len(words & by_n.get(n, set())) >= 0.5 * len(words) for n in cited)
    return supported / checked if checked else None


def reading_grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text)) if text.strip() else 0.0


def score(answer: Any, reference: str) -> dict[str, Any]:
    prose = plain(answer.text)
    recall, f1 = support(prose, reference)
    return {"support_recall": round(recall, 4), "support_f1": round(f1, 4),
            "citation_precision": citation_precision(answer.text, answer.citations),
            "reading_grade": round(reading_grade(prose), 2), "words": len(prose.split())}


def medquad_questions(mirror: Path | None, every: int = 50, offset: int = 10) -> list[dict[str, Any]]:
    """MedQuAD's NIH question-answer pairs (``corpora/medquad.jsonl``), every ``every``-th from ``offset``, with
    answers of more than 20 words: consumer questions with expert answers and the page they come from."""
    from eval.datasets import load_jsonl

    if mirror is None or not (mirror / "corpora" / "medquad.jsonl").is_file():
        raise UserInputError("--data medquad reads corpora/medquad.jsonl: set MEDASSIST_DATA_MIRROR to the datasets")
    rows = load_jsonl(mirror / "corpora" / "medquad.jsonl")[offset::every]
    return [{"id": r["doc"], "question": r["question"], "answer": " ".join(r["answer"].split()), "url": r["url"]}
            for r in rows if len(str(r.get("answer", "")).split()) > 20]


def load_questions(path: str) -> list[dict[str, Any]]:
    """JSONL rows with ``question`` and ``answer`` (MedicationQA-style; ``url`` and ``id`` optional)."""
    from eval.datasets import load_jsonl

    rows = load_jsonl(path)
    bad = [i + 1 for i, r in enumerate(rows) if not (str(r.get("question", "")).strip()
                                                      and str(r.get("answer", "")).strip())]
    if bad:
        raise UserInputError(f"{path}: rows {bad[:5]} lack a question or an answer")
    return [{**r, "id": str(r.get("id", i))} for i, r in enumerate(rows)]


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    from rich.console import Console
    from rich.progress import Progress

    from assistant.loop import TurnRequest
    from assistant.wiring import build_assistant, build_backend, build_retriever
    from core.metrics import bootstrap_ci

    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in MODES for m in modes):
        raise UserInputError(f"--modes takes {', '.join(MODES)} (comma-separated), not {args.modes!r}")
    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    if args.data == "medquad":
        rows = medquad_questions(Path(settings.data_mirror) if settings.data_mirror else None)
    else:
        rows = load_questions(args.data)
    rows = rows[: args.limit] if args.limit else rows
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir / "results.jsonl"
    done: dict[tuple[str, str], dict[str, Any]] = {}
    if log_path.exists():
        for line in log_path.read_text().splitlines():
            rec = json.loads(line)
            done[(rec["mode"], rec["id"])] = rec
    retriever = WithoutPage(build_retriever(settings, required=True))
    base = build_backend(settings)
    bots = {m: build_assistant(settings, backend=Trusted(base, m), retriever=retriever) for m in modes}
    with open(log_path, "a") as log, Progress(console=Console(stderr=True)) as progress:
        task = progress.add_task("answers", total=len(rows) * len(modes))
        for row in rows:
            for mode in modes:
                if (mode, row["id"]) not in done:
                    retriever.left_out = row.get("url", "") if args.exclude_reference else ""
                    answer = bots[mode].run(TurnRequest(message=row["question"], role=args.role))
                    rec = {"mode": mode, "id": row["id"], "question": row["question"], "answer": answer.text,
                           "citations": [c.url for c in answer.citations], **score(answer, row["answer"])}
                    log.write(json.dumps(rec) + "\n")
                    log.flush()
                    done[(mode, row["id"])] = rec
                progress.advance(task)
    ids = {r["id"] for r in rows}
    table: dict[str, Any] = {}
    for mode in modes:
        recs = [r for (m, i), r in done.items() if m == mode and i in ids]
        table[mode] = {"n": len(recs)}
        for metric in METRICS:
            values = [float(r[metric]) for r in recs if r[metric] is not None]
            if not values:
                table[mode][metric] = None
                continue
            lo, hi = bootstrap_ci(lambda s, _y: float(s.mean()), values, [0] * len(values))
            table[mode][metric] = {"mean": round(sum(values) / len(values), 4), "ci95": [round(lo, 4), round(hi, 4)],
                                   "n": len(values)}
    summary = {"data": str(args.data), "questions": len(rows), "role": args.role,
               "reference_page_left_out": bool(args.exclude_reference), "model": base.model_name(), "modes": table}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    _plot(table, out_dir / "answers.png")
    if not getattr(args, "json", False):
        for mode, row in table.items():
            cells = [f"{m} {row[m]['mean']:.3f} ({row[m]['ci95'][0]:.3f}-{row[m]['ci95'][1]:.3f})"
                     for m in METRICS if row.get(m)]
            print(f"{mode} (n={row['n']}): " + "; ".join(cells))
        print(f"per-answer log {log_path}, plot {out_dir / 'answers.png'}")
    return summary


def _plot(table: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = ("support_recall", "support_f1", "citation_precision")
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.8 / max(1, len(table))
    for i, (mode, row) in enumerate(table.items()):
        means = [row[m]["mean"] if row.get(m) else 0.0 for m in shown]
        errs = [[max(0.0, row[m]["mean"] - row[m]["ci95"][0]) if row.get(m) else 0.0 for m in shown],
                [max(0.0, row[m]["ci95"][1] - row[m]["mean"]) if row.get(m) else 0.0 for m in shown]]
        ax.bar([x + i * width for x in range(len(shown))], means, width, yerr=errs, capsize=3, label=mode)
    ax.set_xticks([x + width * (len(table) - 1) / 2 for x in range(len(shown))], [s.replace("_", " ") for s in shown])
    ax.set_ylim(0, 1)
    ax.set_title("Answers against expert references (mean, 95% CI)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
