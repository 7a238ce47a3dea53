"""CLI sub-commands for the tools: redact, risk, vision, triage."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli import command, emit_json, vitals_option
from core.errors import UserInputError
from core.settings import Settings


def add_parsers(sub: Any) -> None:
    r = sub.add_parser("redact", help="redact PHI from standard input, a JSONL file or a folder of .txt notes")
    r.add_argument("--json", action="store_true")
    r.add_argument("--jsonl", help='a file with one {"text": ...} object per line')
    r.add_argument("--dir", help="a folder of .txt notes (searched recursively)")
    r.add_argument("--out", help='with --jsonl: the output file ({"text", "entities"} per line, in order); '
                                 "with --dir: the output folder (same relative paths)")

    t = sub.add_parser("triage", help="triage a case description, or many (--jsonl)")
    t.add_argument("case", nargs="?", help="the case text")
    t.add_argument("--jsonl", help='a file with one {"text": ...} (or {"case_description": ...}) object per line')
    t.add_argument("--out", help="with --jsonl: the output file, each input line with its triage added, in order")
    t.add_argument("--vitals", help="vital signs as JSON")
    t.add_argument("--json", action="store_true")

    risk = sub.add_parser("risk", help="NEWS2, qSOFA and the sepsis model").add_subparsers(dest="risk_cmd",
                                                                                           required=True)
    n = risk.add_parser("news2", help="NEWS2 from one set of observations")
    n.add_argument("--rr", type=float, required=True)
    n.add_argument("--spo2", type=float, required=True)
    n.add_argument("--o2", choices=["air", "oxygen"], default="air")
    n.add_argument("--sbp", type=float, required=True)
    n.add_argument("--hr", type=float, required=True)
    n.add_argument("--consciousness", choices=list("ACVPU"), default="A")
    n.add_argument("--temp", type=float, required=True)
    n.add_argument("--spo2-scale", type=int, choices=[1, 2], default=1)
    n.add_argument("--json", action="store_true")
    q = risk.add_parser("qsofa", help="qSOFA")
    q.add_argument("--rr", type=float)
    q.add_argument("--sbp", type=float)
    q.add_argument("--consciousness", choices=list("ACVPU"))
    q.add_argument("--json", action="store_true")
    s = risk.add_parser("sepsis", help="hourly sepsis probabilities for a PhysioNet 2019 CSV")
    s.add_argument("--csv", required=True)
    s.add_argument("--out", required=True)
    co = risk.add_parser("compile", help="compile the sepsis boosters to machine code for this CPU (cached)")
    co.add_argument("--model", help="model directory (default: the packaged one)")
    co.add_argument("--json", action="store_true")
    tr = risk.add_parser("train", help="train the sepsis model")
    tr.add_argument("--csv", action="append", default=[],
                    help="training CSV with patient_id (repeatable; default: the dev file in the data mirror)")
    tr.add_argument("--psv", action="append", default=[],
                    help="a directory or zip of PhysioNet 2019 .psv patient files (repeatable)")
    tr.add_argument("--out", help="model directory (default: the packaged one)")
    tr.add_argument("--json", action="store_true")
    fe = risk.add_parser("fetch", help="download a PhysioNet 2019 training set (zip of .psv files) into the cache")
    fe.add_argument("--set", choices=["A", "B"], required=True)
    fe.add_argument("--url", help="base URL serving training_setA.zip / training_setB.zip (default: PhysioNet)")
    fe.add_argument("--json", action="store_true")

    v = sub.add_parser("vision", help="chest X-ray classifier").add_subparsers(dest="vision_cmd", required=True)
    c = v.add_parser("classify", help="classify one image")
    c.add_argument("image")
    c.add_argument("--no-heatmap", action="store_true")
    c.add_argument("--json", action="store_true")
    pr = v.add_parser("predict", help="probabilities for a split of an npz file")
    pr.add_argument("--npz", required=True)
    pr.add_argument("--split", required=True)
    pr.add_argument("--out", required=True)
    vt = v.add_parser("train", help="train the pneumonia CNN")
    vt.add_argument("--npz", help="PneumoniaMNIST npz (default: the data mirror)")
    vt.add_argument("--out", help="weights directory (default: the packaged one)")
    vt.add_argument("--seeds", type=int, default=3)
    vt.add_argument("--epochs", type=int, default=30)
    vt.add_argument("--json", action="store_true")


@command("redact")
def cmd_redact(args: argparse.Namespace, settings: Settings) -> int:
    from guards.phi.redactor import PhiGuard

    if args.jsonl or args.dir:
        return _redact_batch(args, PhiGuard(surrogates=settings.phi_surrogates))
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserInputError(f"standard input is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                             "convert it first, e.g. iconv -f latin1 -t utf-8") from None
    red = PhiGuard(surrogates=settings.phi_surrogates).redact(text)
    if args.json:
        emit_json({"text": red.text, "entities": [e.to_dict() for e in red.entities]})
    else:
        sys.stdout.write(red.text)
    return 0


def _redact_batch(args: argparse.Namespace, guard: Any) -> int:
    """``redact --jsonl IN --out OUT`` or ``redact --dir IN --out OUT``, every input checked before any output."""
    from pathlib import Path

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from guards.phi.batch import read_folder, read_jsonl, redact_folder, redact_jsonl

    if args.jsonl and args.dir:
        raise UserInputError("give --jsonl or --dir, not both")
    if not args.out:
        raise UserInputError("--out is required with --jsonl and --dir")
    source, target = Path(args.jsonl or args.dir), Path(args.out)
    if source.resolve() == target.resolve():
        raise UserInputError("--out must differ from the input: the originals are kept")
    items: Any = read_jsonl(source) if args.jsonl else read_folder(source)
    console = Console(stderr=True)
    columns = (TextColumn("redact"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("redact", total=len(items))
        guard.load()

        def advance(n: int) -> None:
            progress.advance(task, n)

        if args.jsonl:
            count = redact_jsonl(guard, source, target, advance, records=items)
        else:
            count = redact_folder(guard, items, target, advance)
    if args.json:
        emit_json({"documents": count, "out": str(target)})
    else:
        console.print(f"{count} documents redacted -> {target}")
    return 0


@command("triage")
def cmd_triage(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.triage import TriageEngine

    if args.jsonl:
        return _triage_jsonl(args)
    if not (args.case or "").strip():
        raise UserInputError("the case text is empty (give a case, or --jsonl FILE --out FILE)")
    vitals = vitals_option(args.vitals)
    backend = None
    if settings.llm_backend == "openai":
        from assistant.wiring import build_backend

        backend = build_backend(settings)
    result = TriageEngine().assess(args.case, vitals=vitals, backend=backend).to_dict()
    if args.json:
        emit_json(result)
    else:
        print(f"{result['disposition']}: " + "; ".join(result["reasons"]))
        for q in result["questions"]:
            print(f"  ask: {q}")
    return 0


def _triage_jsonl(args: argparse.Namespace) -> int:
    """Many cases: every line checked before any is triaged; the output written whole or not at all."""
    from pathlib import Path

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from assistant.triage_batch import read_cases, triage_file

    if not args.out:
        raise UserInputError("--jsonl needs --out FILE")
    source, target = Path(args.jsonl), Path(args.out)
    if target.resolve() == source.resolve():
        raise UserInputError("--out must not be the input file")
    records = read_cases(source)
    console = Console(stderr=True)
    columns = (TextColumn("triage"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("triage", total=len(records))
        count = triage_file(records, target, lambda n: progress.advance(task, n))
    if args.json:
        emit_json({"cases": count, "out": str(target)})
    else:
        console.print(f"{count} cases triaged -> {target}")
    return 0


@command("risk")
def cmd_risk(args: argparse.Namespace, settings: Settings) -> int:
    from risk.validation import VitalsError

    try:
        if args.risk_cmd == "news2":
            from risk.news2 import news2

            out = news2(rr=args.rr, spo2=args.spo2, o2=args.o2, sbp=args.sbp, hr=args.hr,
                        consciousness=args.consciousness, temp=args.temp, spo2_scale=args.spo2_scale).to_dict()
        elif args.risk_cmd == "qsofa":
            from risk.qsofa import qsofa

            out = qsofa(rr=args.rr, sbp=args.sbp, consciousness=args.consciousness).to_dict()
        elif args.risk_cmd == "sepsis":
            from risk.sepsis_cli import implausible_warning, score_csv

            n, odd = score_csv(args.csv, args.out)
            print(f"wrote {n} rows to {args.out}", file=sys.stderr)
            if warning := implausible_warning(odd):
                print(warning, file=sys.stderr)
            return 0
        elif args.risk_cmd == "compile":
            from pathlib import Path

            from risk.compiled import compile_model
            from risk.sepsis_model import MODEL_DIR

            out = compile_model(Path(args.model) if args.model else MODEL_DIR, Path(settings.cache_dir))
        elif args.risk_cmd == "fetch":
            from pathlib import Path

            from retrieval.sources.physionet import MIRRORS, fetch

            path, patients = fetch(args.set, Path(settings.cache_dir), (args.url,) if args.url else MIRRORS)
            out = {"set": args.set, "path": str(path), "patients": patients}
        else:
            from risk.sepsis_train import train_cli

            out = train_cli([*args.csv, *args.psv], args.out, settings)
    except VitalsError as exc:
        raise UserInputError(str(exc)) from None
    if getattr(args, "json", False):
        emit_json(out)
    else:
        print(out)
    return 0


@command("vision")
def cmd_vision(args: argparse.Namespace, settings: Settings) -> int:
    if args.vision_cmd == "classify":
        from vision.service import classify_path

        backend = None
        if settings.vision_backend == "vlm":
            from assistant.wiring import build_backend

            backend = build_backend(settings)
        out = classify_path(args.image, settings, heatmap=not args.no_heatmap, backend=backend)
        if args.json:
            emit_json(out)
        else:
            print(f"{out['label']} (p={out['probability']:.3f}, {out['model']}) heatmap: {out['heatmap']}")
        return 0
    if args.vision_cmd == "predict":
        from vision.service import predict_npz

        n = predict_npz(args.npz, args.split, args.out)
        print(f"wrote {n} probabilities to {args.out}", file=sys.stderr)
        return 0
    from vision.train import train_cli

    out = train_cli(args.npz, args.out, settings, seeds=args.seeds, epochs=args.epochs)
    if args.json:
        emit_json(out)
    return 0

