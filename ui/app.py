"""The Gradio chat: streamed answers, image upload, vitals with NEWS2, sources with links keyed to [n], tool trace,
triage banner, redaction count, disclaimer. It only consumes the turn's events.

Who the user is comes from the server's session (``request.username``, set by the login in ``ui.server``): a
patient account has no patient picker and no clinician mode; a clinician picks from their own patients or
breaks the glass with a reason. The turn loop makes the access decision, so the Gradio API is held to it too.
"""


import logging
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


def patient_choices(bot: Any, show_names: bool, allowed: list[str] | None = None) -> list[tuple[str, str]]:
    """The picker's choices: indexed patients, only those in ``allowed`` when given (a clinician's own)."""
    lister = getattr(bot.retriever, "patients", None)
    patients = lister() if callable(lister) else []
    if allowed is not None:
        patients = [p for p in patients if p["patient_id"] in set(allowed)]
    choices = [("(none: literature only)", "")]
    for i, p in enumerate(patients, 1):
        name = p.get("name") if show_names and p.get("name") else f"Patient {i}"
        choices.append((f"{name} · {p['source']} · {p['patient_id'][:8]}", p["patient_id"]))
    return choices


def identity_of(request: Any, accounts: Any) -> Any:
    """The signed-in identity for a Gradio request, from the server's account store (None if signed out)."""
    from guards.access.identity import GUEST

    username = getattr(request, "username", None) if request is not None else None
    if accounts is None or not username:
        return None
    if username == GUEST.username and accounts.empty():
        return GUEST
    return accounts.get(username)


def _vitals(rr, spo2, sbp, hr, temp, o2, acvpu) -> dict[str, Any] | None:
    values = {"rr": rr, "spo2": spo2, "sbp": sbp, "hr": hr, "temp": temp}
    values = {k: (None if v in (None, "") else v) for k, v in values.items()}
    if all(v is None for v in values.values()):
        return None
    out: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    out.update(o2=o2 or "air", consciousness=acvpu or "A")
    return out


def build(bot: Any, show_names: bool = True, accounts: Any = None, access: Any = None) -> Any:
    """The Blocks app around an Assistant (built by the CLI, passed in). With ``accounts`` and ``access`` every
    handler acts as the signed-in user; without them (tests of the chat alone) as a local clinician."""
    import gradio as gr

    with gr.Blocks(title="medassist") as demo:
        session = gr.BrowserState("", storage_key="medassist-session")
        gr.Markdown(f"### medassist\n<span class='disclaimer'>{DISCLAIMER} In an emergency call your local emergency "
                    "number.</span>")
        who_line = gr.HTML("", elem_id="who")
        with gr.Row():
            with gr.Column(scale=3):
                banner = gr.HTML("", elem_id="triage-banner")
                chat = gr.Chatbot(height=460, elem_id="chat", buttons=["copy"])
                box = gr.MultimodalTextbox(placeholder="Ask a question (attach a chest X-ray if you like)…",
                                           file_types=[".png", ".jpg", ".jpeg", ".dcm"], file_count="single",
                                           elem_id="message", show_label=False, submit_btn=True)
                redacted = gr.HTML(render.redactions(0), elem_id="redactions")
            with gr.Column(scale=2):
                role = gr.Radio(["clinician", "patient"], value="clinician", label="I am a", elem_id="role",
                                visible=accounts is None)
                # any value is accepted here and decided (and logged) by the access policy in the turn loop
                patient = gr.Dropdown(choices=patient_choices(bot, show_names, None if accounts is None else []),
                                      value="", label="Patient (clinicians)", elem_id="patient",
                                      visible=accounts is None, allow_custom_value=True)
                with gr.Accordion("Break the glass: a patient not assigned to you", open=False,
                                  visible=False) as glass:
                    glass_patient = gr.Textbox(label="Patient id (FHIR Patient.id)", elem_id="glass-patient")
                    glass_reason = gr.Textbox(label="Why you need this record now (logged and reviewed)",
                                              elem_id="glass-reason")
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

        # the vitals are named, not *args: Gradio injects gr.Request only into positional parameters
        def respond(msg: dict[str, Any], history: list[dict[str, Any]], role_v: str, patient_v: str,
                    glass_patient_v: str, glass_reason_v: str, sid: str, rr_v: Any, spo2_v: Any, sbp_v: Any,
                    hr_v: Any, temp_v: Any, o2_v: Any, acvpu_v: Any,
                    request: gr.Request = None) -> Iterator[tuple[Any, ...]]:
            vitals = (rr_v, spo2_v, sbp_v, hr_v, temp_v, o2_v, acvpu_v)
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
            who = identity_of(request, accounts)
            if accounts is not None and who is None:
                history[-1]["content"] = "⚠️ **Signed out:** sign in again at /login."
                yield emit()
                return
            glass_id = (glass_patient_v or "").strip() or None
            req = TurnRequest(message=text or ("Please describe the attached image." if image else ""),
                              role=role_v or "clinician",
                              patient_id=glass_id or (patient_v or None) if role_v == "clinician" else None,
                              image_path=image, vitals=_vitals(*vitals), session_id=sid or None, identity=who,
                              break_glass_reason=(glass_reason_v or None) if glass_id else None)
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

        box.submit(respond, [box, chat, role, patient, glass_patient, glass_reason, session, *vitals_inputs],
                   [chat, box, banner, sources, trace, redacted, session], concurrency_limit=4, api_name="chat")

        def restore(sid: str, request: gr.Request = None) -> tuple[Any, ...]:
            """The signed-in user's view: who they are, their own patients, and their conversation if it is theirs."""
            who = identity_of(request, accounts)
            history: list[dict[str, Any]] = []
            if sid and bot.store is not None:
                owner = bot.store.owner(sid)
                if accounts is None or (who is not None and owner == who.username):
                    history = [{"role": t["role"], "content": t["content"]} for t in bot.store.history(sid, limit=40)]
            if accounts is None:
                return history, "", gr.update(), gr.update(), gr.update()
            if who is None:
                return [], render.signed_out(), gr.update(visible=False), gr.update(visible=False), gr.update(
                    visible=False)
            clinician = who.role != "patient"
            choices = patient_choices(bot, show_names, access.patients_for(who)) if clinician else []
            role_value = "clinician" if clinician else "patient"
            return (history, render.who(who.username, who.role), gr.update(value=role_value),
                    gr.update(choices=choices, value="", visible=clinician), gr.update(visible=clinician))

        demo.load(restore, [session], [chat, who_line, role, patient, glass])
    return demo
