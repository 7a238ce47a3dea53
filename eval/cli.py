"""``medassist eval ...``: one command group for every evaluation."""

from __future__ import annotations

import argparse
from typing import Any


def add_eval_parser(sub: Any) -> None:
    ev = sub.add_parser("eval", help="run an evaluation").add_subparsers(dest="eval_cmd", required=True)

    m = ev.add_parser("mcq", help="multiple-choice benchmarks (MIRAGE format, PubMedQA PQA-L)")
    m.add_argument("--data", required=True, help="MIRAGE-format JSON or PubMedQA PQA-L JSON")
    m.add_argument("--dataset", required=True, help="subset name (medmcqa, pubmedqa, bioasq, medqa, mmlu, pqal)")
    g = m.add_mutually_exclusive_group()
    g.add_argument("--rag", dest="rag", action="store_true", help="retrieve k snippets per question")
    g.add_argument("--no-rag", dest="rag", action="store_false")
    m.set_defaults(rag=False)
    m.add_argument("--k", type=int, default=3, help="snippets per question with --rag")
    m.add_argument("--mode", choices=["generate", "cot", "likelihood"], default="generate")
    m.add_argument("--limit", type=int)
    m.add_argument("--concurrency", type=int, default=1)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--out", required=True)
    m.add_argument("--json", action="store_true")

    c = ev.add_parser("compare", help="paired comparison of two runs (McNemar)")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--json", action="store_true")

    r = ev.add_parser("report", help="Markdown report with plots over run directories")
    r.add_argument("runs", nargs="+")
    r.add_argument("--out", required=True)
    r.add_argument("--json", action="store_true")

    t = ev.add_parser("triage", help="triage cases with em/ne/sc, four-level or KTAS labels (JSONL with "
                                     "case_description), Avey or AgentClinic vignettes; or --loso")
    t.add_argument("--data")
    t.add_argument("--loso", action="store_true",
                   help="leave-one-source-out over the shared labelled sources (each judged by a model that never "
                        "saw it)")
    t.add_argument("--shared", help="with --loso: the shared data folder (default: ../shared/data)")
    t.add_argument("--out")
    t.add_argument("--json", action="store_true")

    p = ev.add_parser("phi", help="PHI redaction against labelled spans")
    p.add_argument("--data", required=True)
    p.add_argument("--part", choices=["all", "dev", "test"], default="all",
                   help="test: the quarter of cases set aside by a hash of their id (held out from tuning)")
    p.add_argument("--no-tagger", action="store_true", help="the recognizers alone, without the trained PHI tagger")
    p.add_argument("--json", action="store_true")

    rt = ev.add_parser("retrieval", help="questions finding their own source document")
    rt.add_argument("--dataset", choices=["pubmedqa", "medquad"], required=True)
    rt.add_argument("--index")
    rt.add_argument("--limit", type=int)
    rt.add_argument("--offset", type=int, default=0, help="skip the first N questions (e.g. the half used for tuning)")
    rt.add_argument("--json", action="store_true")

    v = ev.add_parser("vision", help="pneumonia classifier on an npz split")
    v.add_argument("--npz", required=True)
    v.add_argument("--split", required=True)
    v.add_argument("--out")
    v.add_argument("--json", action="store_true")

    hb = ev.add_parser("healthbench", help="HealthBench-format conversations graded on rubrics by a judge model")
    hb.add_argument("--data", required=True)
    hb.add_argument("--limit", type=int)
    hb.add_argument("--role", choices=["clinician", "patient"], default="patient")
    hb.add_argument("--out", required=True)
    hb.add_argument("--json", action="store_true")

    an = ev.add_parser("answers", help="consumer questions with expert answers (JSONL: question, answer, url): "
                                       "support, citation precision, reading grade, extractive vs generative")
    an.add_argument("--data", required=True, help="a JSONL file, or `medquad`: every 50th MedQuAD pair from the "
                                                  "11th (the held-out sample)")
    an.add_argument("--modes", default="extractive,generative", help="extractive, generative, or both")
    an.add_argument("--role", choices=["clinician", "patient"], default="clinician")
    an.add_argument("--exclude-reference", action="store_true",
                    help="leave the reference answer's own page out of retrieval")
    an.add_argument("--index")
    an.add_argument("--limit", type=int)
    an.add_argument("--out", required=True, help="run directory (resumable: finished items are kept)")
    an.add_argument("--json", action="store_true")

    rk = ev.add_parser("risk", help="sepsis model vs NEWS2 vs qSOFA on a PhysioNet 2019 CSV")
    rk.add_argument("--csv", required=True)
    rk.add_argument("--out")
    rk.add_argument("--json", action="store_true")


def run_eval(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    """Dispatch to the evaluation named by ``args.eval_cmd``; returns the summary document."""
    import importlib

    module = importlib.import_module(f"eval.run_{args.eval_cmd}")
    return module.run(args, settings)
