"""The Gradio chat: role switch, patient picker, streamed answers, image upload, vitals with NEWS2, sources with
links keyed to [n], tool trace, triage banner, redaction count, disclaimer. It only consumes the turn's events."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

from assistant.events import Answer, ErrorEvent, GuardFired, Retrieved, Token, ToolCalled, TriageDecided
from assistant.loop import TurnRequest
from assistant.prompts import DISCLAIMER
from risk.validation import NEWS2_NUMBERS
from ui import render

log = logging.getLogger(__name__)

CSS = """
.disclaimer {font-size: 0.85em; color: #555}
"""


def patient_choices(bot: Any, show_names: bool) -> list[tuple[str, str]]:
    lister = getattr(bot.retriever, "patients", None)
    patients = lister() if callable(lister) else []
    choices = [("(none: literature only)", "")]
    for i, p in enumerate(patients, 1):
        name = p.get("name") if show_names and p.get("name") else f"Patient {i}"
        choices.append((f"{name} · {p['source']} · {p['patient_id'][:8]}", p["patient_id"]))
    return choices


def _vitals(rr, spo2, sbp, hr, temp, o2, acvpu) -> dict[str, Any] | None:
    values = {"rr": rr, "spo2": spo2, "sbp": sbp, "hr": hr, "temp": temp}
    values = {k: (None if v in (None, "") else v) for k, v in values.items()}
    if all(v is None for v in values.values()):
        return None
    out: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    out.update(o2=o2 or "air", consciousness=acvpu or "A")
    return out


def build(bot: Any, show_names: bool = True) -> Any:
    """The Blocks app around an Assistant (built by the CLI, passed in)."""
    import gradio as gr

    with gr.Blocks(title="medassist") as demo:
        session = gr.BrowserState("", storage_key="medassist-session")
        gr.Markdown(f"### medassist\n<span class='disclaimer'>{DISCLAIMER} In an emergency call your local emergency "
                    "number.</span>")
        with gr.Row():
            with gr.Column(scale=3):
                banner = gr.HTML("", elem_id="triage-banner")
                chat = gr.Chatbot(height=460, elem_id="chat", buttons=["copy"])
                box = gr.MultimodalTextbox(placeholder="Ask a question (attach a chest X-ray if you like)…",
                                           file_types=[".png", ".jpg", ".jpeg", ".dcm"], file_count="single",
                                           elem_id="message", show_label=False, submit_btn=True)
                redacted = gr.HTML(render.redactions(0), elem_id="redactions")
            with gr.Column(scale=2):
                role = gr.Radio(["clinician", "patient"], value="clinician", label="I am a", elem_id="role")
                patient = gr.Dropdown(choices=patient_choices(bot, show_names), value="", label="Patient (clinicians)",
                                      elem_id="patient")
                with gr.Accordion("Vital signs", open=False):
                    with gr.Row():
                        rr = gr.Number(value=None, label="Resp. rate /min", elem_id="v-rr")
                        spo2 = gr.Number(value=None, label="SpO2 %", elem_id="v-spo2")
                        sbp = gr.Number(value=None, label="Systolic BP", elem_id="v-sbp")
                    with gr.Row():
                        hr = gr.Number(value=None, label="Heart rate", elem_id="v-hr")
                        temp = gr.Number(value=None, label="Temp °C", elem_id="v-temp")
                        o2 = gr.Radio(["air", "oxygen"], value="air", label="Breathing")
                    acvpu = gr.Dropdown(["A", "C", "V", "P", "U"], value="A", label="Consciousness (ACVPU)")
                    card = gr.HTML("", elem_id="news2-card")
                with gr.Accordion("Sources", open=True):
                    sources = gr.HTML(render.sources([]), elem_id="sources")
                with gr.Accordion("Tool calls", open=False):
                    trace = gr.HTML(render.trace([]), elem_id="trace")
        vitals_inputs = [rr, spo2, sbp, hr, temp, o2, acvpu]

        def update_card(*values: Any) -> str:
            v = _vitals(*values)
            if not v or not all(k in v for k in NEWS2_NUMBERS):
                return ""
            rec = bot.tools.call("news2", v) if "news2" in bot.tools else None
            return render.news2_card(rec.result if rec else None, rec.error if rec else None)

        for comp in vitals_inputs:
            comp.change(update_card, vitals_inputs, card)

        def respond(msg: dict[str, Any], history: list[dict[str, Any]], role_v: str, patient_v: str, sid: str,
                    *vitals: Any) -> Iterator[tuple[Any, ...]]:
            text = (msg or {}).get("text", "") or ""
            files = (msg or {}).get("files") or []
            image = files[0] if files else None
            image = image if isinstance(image, str) else (image or {}).get("path") if image else None
            history = list(history or [])
            if image:
                history.append({"role": "user", "content": gr.Image(image, show_label=False)})
            history.append({"role": "user", "content": text or "(image)"})
            history.append({"role": "assistant", "content": ""})
            out = {"banner": gr.update(), "sources": gr.update(), "trace": gr.update(), "red": gr.update(), "sid": sid}

            def emit() -> tuple[Any, ...]:
                return (history, None, out["banner"], out["sources"], out["trace"], out["red"], out["sid"])

            yield emit()
            req = TurnRequest(message=text or ("Please describe the attached image." if image else ""),
                              role=role_v or "clinician",
                              patient_id=(patient_v or None) if role_v == "clinician" else None,
                              image_path=image, vitals=_vitals(*vitals), session_id=sid or None)
            records, redactions = [], 0
            try:
                for event in bot.turn(req):
                    if isinstance(event, Token):
                        history[-1]["content"] += event.text
                    elif isinstance(event, Retrieved):
                        out["sources"] = render.sources(event.citations)
                    elif isinstance(event, ToolCalled):
                        records.append(event.record)
                        out["trace"] = render.trace(records)
                    elif isinstance(event, TriageDecided):
                        out["banner"] = render.banner(event.triage)
                    elif isinstance(event, GuardFired) and event.guard == "phi_in":
                        redactions = event.count
                    elif isinstance(event, ErrorEvent):
                        history[-1]["content"] = f"⚠️ **Error:** {event.message}"
                    elif isinstance(event, Answer):
                        history[-1]["content"] = event.text
                        out["sid"] = event.session_id
                        out["sources"] = render.sources(event.citations)
                        for rec in event.tool_calls:
                            if rec.name == "vision_classify" and rec.result:
                                r = rec.result
                                history.append({"role": "assistant", "content":
                                                f"**Image finding:** {r['label']} (probability {r['probability']:.2f}, "
                                                f"model {r['model']}). {r['note']}"})
                                if r.get("heatmap"):
                                    history.append({"role": "assistant",
                                                    "content": gr.Image(r["heatmap"], label="Where the model looked")})
                            elif rec.name == "vision_classify" and rec.error:
                                history.append({"role": "assistant", "content": f"⚠️ **Image problem:** {rec.error}"})
                    out["red"] = render.redactions(redactions)
                    yield emit()
            except Exception as exc:  # a bug must not show the user a traceback; it is logged for us
                log.exception("turn failed")
                history[-1]["content"] = f"⚠️ **Error:** something went wrong ({type(exc).__name__}); please try again."
                yield emit()

        box.submit(respond, [box, chat, role, patient, session, *vitals_inputs],
                   [chat, box, banner, sources, trace, redacted, session], concurrency_limit=4)

        def restore(sid: str) -> list[dict[str, Any]]:
            if not sid or bot.store is None:
                return []
            return [{"role": t["role"], "content": t["content"]} for t in bot.store.history(sid, limit=40)]

        demo.load(restore, [session], [chat])
    return demo


def serve(settings: Any, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Build the assistant from settings and serve the UI (blocks until stopped)."""
    import gradio as gr  # noqa: F401  (fails early with a clear message below if missing)

    from assistant.wiring import build_assistant

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    bot = build_assistant(settings)
    bot.warm_up()
    demo = build(bot, show_names=settings.phi_to_llm_clinician)
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.launch(server_name=host, server_port=port, show_error=False, quiet=True, css=CSS,
                allowed_paths=[str(settings.vision_heatmap_dir.resolve())])
