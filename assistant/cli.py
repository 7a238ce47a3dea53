"""The ``medassist`` command: the composition root (the one module that imports ui/ and eval/)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from core.errors import MedassistError, UserInputError
from core.settings import Settings, load_settings

log = logging.getLogger("medassist")

Handler = Callable[[argparse.Namespace, Settings], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _COMMANDS[name] = fn
        return fn
    return register


def emit_json(doc: Any) -> None:
    """Exactly one JSON document on stdout."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


# -- argument parser --------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="medassist", description="Medical assistant with retrieval (decision support, "
                                "not a medical device).")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more logging on stderr")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    c = sub.add_parser("chat", help="ask a question (streams the answer); no message starts an interactive chat")
    c.add_argument("message", nargs="?", help="the message (omit for an interactive session)")
    c.add_argument("--role", choices=["clinician", "patient"], default="clinician")
    c.add_argument("--patient", help="FHIR Patient.id the conversation is bound to")
    c.add_argument("--image", help="an attached image (PNG, JPEG or DICOM)")
    c.add_argument("--vitals", help='vital signs as JSON, e.g. {"rr": 22, "spo2": 94, "o2": "air", ...}')
    c.add_argument("--session", help="resume a conversation by id")
    c.add_argument("--json", action="store_true", help="print the answer as one JSON document")

    sub.add_parser("models", help="which backend and model are configured, and whether they answer") \
        .add_argument("--json", action="store_true")

    from assistant import cli_access, cli_data, cli_tools

    for module in (cli_tools, cli_data, cli_access):
        module.add_parsers(sub)
    return p


def vitals_option(text: str | None) -> dict[str, Any] | None:
    """``--vitals`` as a JSON object; text that is not one is a one-line error. The values are checked where they
    are used (triage and the turn loop), which set aside impossible ones and say so, so they never block triage."""
    if not text:
        return None
    from risk.validation import VitalsError, load_vitals_json

    try:
        return load_vitals_json(text)
    except VitalsError as exc:
        raise UserInputError(f"--vitals: {exc}") from None


@command("chat")
def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.events import Answer, ErrorEvent, GuardFired, Token, ToolCalled
    from assistant.loop import TurnRequest
    from assistant.wiring import build_assistant

    if args.message is not None and not args.message.strip():
        raise UserInputError("the message is empty: type a question")
    vitals = vitals_option(args.vitals)
    if args.image and not os.path.isfile(args.image):
        raise UserInputError(f"image not found: {args.image}")
    bot = build_assistant(settings)
    session = args.session
    interactive = args.message is None
    messages = _repl() if interactive else iter([args.message])
    for message in messages:
        req = TurnRequest(message=message, role=args.role, patient_id=args.patient, image_path=args.image,
                          vitals=vitals, session_id=session)
        streamed = ""
        for event in bot.turn(req):
            if isinstance(event, ErrorEvent):
                if interactive:
                    print(f"\n[error] {event.message}", file=sys.stderr)
                    break
                raise (UserInputError if event.kind == "input" else MedassistError)(event.message)
            if args.json:
                if isinstance(event, Answer):
                    emit_json(event.to_dict())
                continue
            if isinstance(event, Token):
                streamed += event.text
                sys.stdout.write(event.text)
                sys.stdout.flush()
            elif isinstance(event, GuardFired):
                print(f"[{event.guard}] {event.detail}", file=sys.stderr)
            elif isinstance(event, ToolCalled):
                print(f"[tool] {event.record.name}{' error: ' + event.record.error if event.record.error else ''}",
                      file=sys.stderr)
            elif isinstance(event, Answer):
                session = event.session_id
                print("\n\n" + _final_block(event, streamed))
        if interactive:
            print()
    return 0


def _final_block(ans: Any, streamed: str = "") -> str:
    """What the streamed text lacks (paragraphs the guards added or changed: the next step, notices, the
    disclaimer), then the triage and the sources."""
    lines = [p for p in ans.text.split("\n\n") if p.strip() and p.strip() not in streamed]
    if ans.triage:
        lines.append(f"Triage: {ans.triage['disposition']}")
    lines += [f"[{c.n}] {c.title} ({c.source}) {c.url}" for c in ans.citations]
    return "\n".join(lines)


def _repl() -> Any:
    print("medassist chat: type a message, Ctrl-D to quit. Decision support only, not a diagnosis.")
    while True:
        try:
            line = input("\nyou> ").strip()
        except EOFError:
            print()
            return
        if line:
            yield line


TRUST_MEANS = {"extractive": "replies are composed by code and quote the sources; the model only picks and orders",
               "generative": "the model writes answers from the sources; citations are checked by code"}


@command("models")
def cmd_models(args: argparse.Namespace, settings: Settings) -> int:
    import time

    from assistant.wiring import build_backend
    from core.llm_types import ChatOptions

    backend = build_backend(settings)
    info: dict[str, Any] = {"backend": backend.name,
                            "base_url": settings.llm_base_url if backend.name == "openai" else None}
    started = time.perf_counter()
    try:
        info["model"] = backend.model_name()
        out = backend.chat([{"role": "user", "content": "Say OK."}], ChatOptions(max_tokens=4))
        info.update(answers=True, reply=out.content.strip(), seconds=round(time.perf_counter() - started, 2))
    except MedassistError as exc:
        info.update(answers=False, error=str(exc))
    info["profile"] = vars(backend.profile) if hasattr(backend.profile, "__dict__") else str(backend.profile)
    if args.json:
        emit_json(info)
    else:
        state = "answers" if info["answers"] else f"does NOT answer: {info['error']}"
        print(f"backend {info['backend']}, model {info.get('model', '?')}: {state}")
        print(f"trusted as {backend.profile.trust}: " + TRUST_MEANS[backend.profile.trust])
    return 0 if info["answers"] else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.WARNING - 10 * args.verbose
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "httpx", "sentence_transformers", "presidio-analyzer", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    debug = os.environ.get("MEDASSIST_DEBUG") == "1"
    try:
        settings = load_settings()
        return _COMMANDS[args.cmd](args, settings)
    except MedassistError as exc:
        print(f"medassist: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("medassist: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in our code: one line for the user, the traceback on request
        if debug:
            raise
        print(f"medassist: internal error: {type(exc).__name__}: {exc} (MEDASSIST_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
