"""CLI sub-commands for data: index, search, eval, ui."""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli import command, emit_json
from core.settings import Settings


def add_parsers(sub: Any) -> None:
    idx = sub.add_parser("index", help="build or inspect the retrieval index").add_subparsers(dest="index_cmd",
                                                                                              required=True)
    b = idx.add_parser("build", help="build the index from sources")
    b.add_argument("--source", action="append", default=[],
                   help="pubmedqa, medquad, synthea, aci_bench or files:PATH (repeatable; default: all)")
    b.add_argument("--index", help="index directory (default: MEDASSIST_INDEX_DIR)")
    b.add_argument("--limit", type=int, help="at most N documents per source (quick builds)")
    b.add_argument("--json", action="store_true")
    i = idx.add_parser("info", help="what the index holds")
    i.add_argument("--index")
    i.add_argument("--json", action="store_true")

    s = sub.add_parser("search", help="search the index")
    s.add_argument("query")
    s.add_argument("--k", type=int, default=5)
    s.add_argument("--patient", help="bind to this FHIR Patient.id (records of others never return)")
    s.add_argument("--source", action="append", help="only these sources")
    s.add_argument("--mode", choices=["hybrid", "dense", "bm25", "rrf"], default="hybrid")
    s.add_argument("--index")
    s.add_argument("--json", action="store_true")

    u = sub.add_parser("ui", help="serve the chat UI")
    u.add_argument("--host", default="127.0.0.1")
    u.add_argument("--port", type=int, default=7860)

    from eval.cli import add_eval_parser

    add_eval_parser(sub)


@command("index")
def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from retrieval.build import build_index, index_info

    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    if args.index_cmd == "build":
        summary = build_index(settings, args.source or ["pubmedqa", "medquad", "synthea", "aci_bench"],
                              progress=not args.json, limit=args.limit)
        if args.json:
            emit_json(summary)
        return 0
    info = index_info(settings.index_dir)
    if args.json:
        emit_json(info)
    else:
        for k, v in info.items():
            print(f"{k}: {v}")
    return 0


@command("search")
def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from assistant.wiring import build_retriever
    from core.errors import UserInputError

    if not args.query.strip():
        raise UserInputError("the query is empty")
    if args.k < 1 or args.k > 200:
        raise UserInputError("--k must be between 1 and 200")
    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    retriever = build_retriever(settings, required=True)
    held = retriever.sources()
    unknown = sorted(set(args.source or ()) - set(held))
    if unknown:
        raise UserInputError(f"the index holds no source {', '.join(unknown)}; it holds: {', '.join(held)}")
    hits = retriever.search(args.query, k=args.k, patient_id=args.patient, sources=args.source, mode=args.mode)
    if args.json:
        emit_json([h.to_dict() for h in hits])
    else:
        for h in hits:
            print(f"{h.score:.3f}  [{h.source}] {h.title}  {h.url}")
    return 0


@command("ui")
def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    from ui.server import serve

    serve(settings, host=args.host, port=args.port)
    return 0


@command("eval")
def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from eval.cli import run_eval

    doc = run_eval(args, settings)
    if getattr(args, "json", False):
        emit_json(doc)
    return 0
