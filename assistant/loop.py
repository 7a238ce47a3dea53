"""One turn, top to bottom: guards in, retrieval, tools, triage, the LLM loop, guards out, events out."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from assistant import citations as cite
from assistant import compose, prompts
from assistant.events import (
    Answer,
    Citation,
    ErrorEvent,
    Event,
    GuardFired,
    Retrieved,
    Token,
    ToolCalled,
    ToolRecord,
    TriageDecided,
)
from assistant.llm.errors import BackendError
from assistant.llm.protocol import ChatBackend
from assistant.ports import AccessControl, AuditLog, PhiRedactor, Retriever
from assistant.store import ConversationStore
from assistant.tools import ToolRegistry
from assistant.triage import TriageEngine, emergency_message, next_step_line
from core.errors import UserInputError
from core.llm_types import ChatOptions, Message, Usage
from guards.safety.injection import neutralise
from guards.safety.patients import other_patient_mentions, remove_mentions
from risk.validation import NEWS2_NUMBERS

log = logging.getLogger(__name__)

Role = Literal["clinician", "patient"]


@dataclass
class TurnRequest:
    """What the user sent in one turn."""

    message: str
    role: Role = "clinician"
    patient_id: str | None = None
    image_path: str | None = None
    vitals: dict[str, Any] | None = None
    session_id: str | None = None
    #: The signed-in user, from the server's session (``guards.access.identity.Identity``); when set, it decides
    #: the role and the record, and ``role`` and ``patient_id`` from the client only ask.
    identity: Any = None
    break_glass_reason: str | None = None

    def __repr__(self) -> str:  # message text may carry PHI
        return (f"TurnRequest(role={self.role!r}, chars={len(self.message)}, bound={self.patient_id is not None}, "
                f"image={self.image_path is not None}, vitals={self.vitals is not None})")


@dataclass
class Policy:
    """What may reach the LLM unredacted, per role (logs and storage are always redacted)."""

    raw_to_llm: dict[str, bool] = field(default_factory=lambda: {"patient": False, "clinician": True})


@dataclass
class Assistant:
    """Receives its backend, retriever, tools and guards; it never builds them."""

    backend: ChatBackend
    retriever: Retriever | None = None
    tools: ToolRegistry = field(default_factory=ToolRegistry)
    phi: PhiRedactor | None = None
    triage: TriageEngine = field(default_factory=TriageEngine)
    store: ConversationStore | None = None
    audit: AuditLog | None = None
    access: AccessControl | None = None
    policy: Policy = field(default_factory=Policy)
    k: int = 5
    max_steps: int = 4
    max_tokens: int = 384
    temperature: float = 0.0
    max_message_chars: int = 8000
    _patient_list: list[dict[str, Any]] | None = field(default=None, repr=False)
    _surrogate_tables: dict[str, Any] = field(default_factory=dict, repr=False)

    def warm_up(self) -> None:
        """Load every model now (LLM, embedder, PHI pipeline) so the first user does not wait for it."""
        for part in (self.backend, getattr(self.retriever, "embedder", None), self.phi):
            load = getattr(part, "load", None)
            if callable(load):
                load()
        if self.phi is not None:
            self.phi.redact("warm up, Dr. Smith")
        embedder = getattr(self.retriever, "embedder", None)
        if embedder is not None:
            embedder.embed_query("warm up")
        self.triage.warm_up()  # the findings pipeline, the disposition model and its embedder

    def run(self, req: TurnRequest) -> Answer:
        """Run a turn to its answer; an inline error becomes a BackendError/UserInputError."""
        answer = None
        for event in self.turn(req):
            if isinstance(event, ErrorEvent):
                raise (UserInputError if event.kind in ("input", "access") else BackendError)(event.message)
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def turn(self, req: TurnRequest) -> Iterator[Event]:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        try:
            message = _validate(req.message, self.max_message_chars)
        except UserInputError as exc:
            yield ErrorEvent(str(exc), kind="input")
            return
        try:
            req, decision = self._authorize(req)
        except PermissionError as exc:
            yield ErrorEvent(str(exc), kind="access")
            return
        # input that cannot be used is set aside and said in the answer, never a reason to skip triage
        notices: list[str] = []
        if req.vitals:
            checked, problem = _checked_vitals(req.vitals)
            req = replace(req, vitals=checked)
            if problem:
                notices.append(f"Vital signs not used: {problem}.")
        if req.patient_id:
            unknown = self._unknown_patient(req.patient_id)
            if unknown:
                notices.append(unknown)
        owner = req.identity.username if req.identity is not None else None
        session = (self.store.open(req.session_id, req.role, req.patient_id, owner=owner) if self.store
                   else _ephemeral(req))
        role, patient_id = session.role, session.patient_id
        history = self.store.history(session.id) if self.store else []

        # guards in: a redacted copy is what gets stored, logged and (by policy) sent
        redacted, redactions = message, 0
        if self.phi is not None:
            red = self.phi.redact(message, self._surrogates_for(session.id))
            redacted, redactions = red.text, len(red.entities)
            if redactions:
                yield GuardFired("phi_in", f"{redactions} PHI item(s) redacted", redactions)
        llm_text = message if self.policy.raw_to_llm.get(role, False) else redacted
        log.info("turn session=%s role=%s chars=%d redactions=%d", session.id, role, len(message), redactions)

        # tools the input demands, called by code
        records: list[ToolRecord] = []
        for name, args in self._code_tools(req, patient_id):
            rec = self.tools.call(name, args)
            records.append(rec)
            yield ToolCalled(rec)
            if name == "vision_classify" and rec.error:
                notices.append(f"Image not read: {rec.error}.")

        # triage for patients: red flags and scores decide by code; emergencies skip the model
        triage = None
        if role == "patient":
            said = " ".join([t["content"] for t in history if t["role"] == "user"] + [message])
            triage = self.triage.assess(said, vitals=req.vitals, backend=self.backend).to_dict()
            if triage["red_flags"]:
                yield GuardFired("red_flag", ", ".join(triage["red_flags"]), len(triage["red_flags"]))
            yield TriageDecided(triage)

        # the bound patient's record, computed from FHIR by code: on the first turn and when asked about
        summary, shown = "", []
        if role == "clinician" and patient_id and compose.wants_record(message, first_turn=not history):
            record = self._computed_record(patient_id)
            if record:
                summary, shown = compose.record_summary(record, patient_id)
            elif not any(n.startswith("No ") for n in notices) and callable(getattr(self.retriever,
                                                                                   "computed_record", None)):
                notices.append("This index was built without record summaries: rebuild it (`medassist index build`) "
                               "to see one.")
        extractive = getattr(self.backend.profile, "trust", "generative") == "extractive"

        # retrieval: literature always, records only of the bound patient
        t = time.perf_counter()
        if self.retriever is not None and not (triage and triage["disposition"] == "emergency"):
            hits = self.retriever.search(message, k=self.k, patient_id=patient_id)
            found, neutralised = [], 0
            for i, h in enumerate(hits):
                text, n = neutralise(h.text)  # retrieved text is data: instructions inside it are removed
                neutralised += n
                found.append(Citation(i + 1, h.id, h.source, h.title, h.url, h.patient_id, text, h.score))
            if neutralised:
                yield GuardFired("injection", f"{neutralised} instruction-like sentence(s) removed from sources",
                                 neutralised)
            profile = self.backend.profile
            budget = max(128, min(profile.source_budget, profile.context_window - self.max_tokens - 700))
            per_source = max(300, 4 * budget // max(1, len(found)))
            block, retrieved = prompts.sources_block(found, budget, self.backend.count_tokens,
                                                     per_source_chars=per_source, start=len(shown) + 1)
            shown = shown + retrieved
            yield Retrieved(shown)
        else:
            block, retrieved = "", []
            if shown:
                yield Retrieved(shown)
        timings["retrieval_s"] = time.perf_counter() - t

        # the answer: by code for emergencies, else the model (with function calling where supported)
        best_effort, usage = False, Usage()
        composed, asked = False, compose.beyond_record(message) if summary else message
        if summary:
            yield Token(f"{summary}\n\n")
        if triage and triage["disposition"] == "emergency":
            text = emergency_message(triage)
            yield Token(text)
        elif extractive:  # a small model writes no medical text: the reply is composed from the sources by code
            text = (compose.patient_reply(message, triage, retrieved) if triage is not None
                    else compose.extractive_answer(asked, retrieved, quiet=bool(summary)))
            composed = True
            if text:
                yield Token(text)
        else:
            messages = self._messages(role, patient_id, block, records, history, llm_text)
            try:
                text, best_effort, usage, first = yield from self._llm_loop(messages, records, patient_id)
            except BackendError as exc:
                yield ErrorEvent(str(exc))
                return
            if first is not None:
                timings["first_token_s"] = first - started

        # guards out: citations checked, sentences attributed, triage line and disclaimer by code
        text, removed = cite.strip_unknown(text, {c.n for c in shown})
        if removed:
            yield GuardFired("citation", f"{removed} citation(s) to sources not retrieved removed", removed)
        if not composed:
            text = cite.attribute(text, retrieved)
        if summary:
            text = f"{summary}\n\n{text}".strip()
        mentions = other_patient_mentions(text, self._patients(), patient_id)
        if mentions:
            text = remove_mentions(text, mentions)
            yield GuardFired("other_patient", f"{len(mentions)} mention(s) of another patient removed", len(mentions))
        if self.phi is not None and role == "patient" and not composed:  # composed text quotes no patient
            out = self.phi.redact(text)
            if out.entities:
                text = out.text
                yield GuardFired("phi_out", f"{len(out.entities)} PHI item(s) removed from the answer",
                                 len(out.entities))
        if notices:
            text = f"{text.strip()}\n\n" + "\n".join(f"_{n}_" for n in notices)
        if triage and triage["disposition"] != "emergency":
            text = f"{text.strip()}\n\n{next_step_line(triage)}"
        disclaimer = prompts.PATIENT_DISCLAIMER if role == "patient" else prompts.DISCLAIMER
        text = f"{text.strip()}\n\n_{disclaimer}_"
        timings["total_s"] = time.perf_counter() - started

        if self.store is not None:
            self.store.add(session.id, "user", redacted)
            stored = self.phi.redact(text, self._surrogates_for(session.id)).text if self.phi is not None else text
            self.store.add(session.id, "assistant", stored, {"citations": [c.id for c in shown], "triage": triage})
        if self.audit is not None:
            self.audit.record("turn", session=session.id, role=role, redactions=redactions,
                              tools=[r.name for r in records], citations=len(shown),
                              disposition=(triage or {}).get("disposition"), best_effort=best_effort,
                              seconds=round(timings["total_s"], 3))
        if decision is not None and self.access is not None:
            self.access.record_resources(req.identity, decision, _record_resources(patient_id, shown, records))
        yield Answer(text=text, citations=shown, tool_calls=records, triage=triage, redactions=redactions,
                     session_id=session.id, best_effort=best_effort,
                     usage={"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens},
                     timings=timings)

    def _authorize(self, req: TurnRequest) -> tuple[TurnRequest, Any]:
        """With an identity, the role and the record come from it, and the record only by the access decision
        (logged either way); PermissionError when refused. Without one (the server's own CLI operator), as asked."""
        who = req.identity
        if who is None:
            return req, None
        asked = req.patient_id
        if who.role == "patient":
            req = replace(req, role="patient", patient_id=who.patient_id)
        else:
            req = replace(req, role="clinician")
        if self.access is None:
            if req.patient_id:
                raise PermissionError("records are not available: access control is not configured")
            return req, None
        try:
            if asked and asked != req.patient_id:  # a patient asking for someone else's record: refused, logged
                self.access.decide(who, asked, "chat", req.break_glass_reason)
            decision = self.access.decide(who, req.patient_id, "chat", req.break_glass_reason)
        except Exception as exc:
            if getattr(exc, "status", None) in (401, 403):
                raise PermissionError(str(exc)) from None
            raise
        return req, decision

    def _code_tools(self, req: TurnRequest, patient_id: str | None) -> list[tuple[str, dict[str, Any]]]:
        calls: list[tuple[str, dict[str, Any]]] = []
        if req.image_path and "vision_classify" in self.tools:
            calls.append(("vision_classify", {"image_path": req.image_path}))
        if req.vitals:
            # NEWS2 needs all five numbers (the tool takes air and alert when oxygen and ACVPU are not given)
            if "news2" in self.tools and all(k in req.vitals for k in NEWS2_NUMBERS):
                calls.append(("news2", dict(req.vitals)))
            if "qsofa" in self.tools:
                calls.append(("qsofa", {k: req.vitals[k] for k in ("rr", "sbp", "consciousness") if k in req.vitals}))
        if patient_id and "patient_record" in self.tools:
            calls.append(("patient_record", {"patient_id": patient_id}))
        return calls

    def _messages(self, role: str, patient_id: str | None, block: str, records: list[ToolRecord],
                  history: list[dict[str, Any]], text: str) -> list[Message]:
        system = prompts.system_prompt(role, bound=patient_id is not None)
        context = [block] if block else []
        for r in records:
            payload = r.error and f"error: {r.error}" or json.dumps(r.result, default=str)[:1500]
            context.append(f"Tool {r.name} result: {payload}")
        messages: list[Message] = [{"role": "system", "content": system}]
        messages += [{"role": t["role"], "content": t["content"]} for t in history[-6:]]
        if block:
            context.append("Answer in a few short sentences using only the sources above, and put the number of the "
                           "source after each sentence, like [1].")
        user = "\n\n".join(context + [f"Question: {text}"]) if context else text
        messages.append({"role": "user", "content": user})
        return messages

    def _surrogates_for(self, session_id: str) -> Any:
        """One surrogate table per conversation, in memory only: the same name gets the same tag every turn."""
        make = getattr(self.phi, "new_surrogates", None)
        if make is None:
            return None
        if session_id not in self._surrogate_tables:
            self._surrogate_tables[session_id] = make()
        return self._surrogate_tables[session_id]

    def _computed_record(self, patient_id: str) -> dict[str, Any] | None:
        """The record the index computed from the patient's FHIR resources (None without one)."""
        reader = getattr(self.retriever, "computed_record", None)
        return reader(patient_id) if callable(reader) else None

    def _patients(self) -> list[dict[str, Any]]:
        """Indexed patients (id and name), for the output check; read once."""
        if self._patient_list is None:
            lister = getattr(self.retriever, "patients", None)
            self._patient_list = lister() if callable(lister) else []
        return self._patient_list

    def _unknown_patient(self, patient_id: str) -> str | None:
        """A notice when the bound patient has no indexed records (a mistyped id, or no index loaded)."""
        if self.retriever is None:
            return "No index is loaded, so no patient records were read: the answer does not use them."
        if callable(getattr(self.retriever, "patients", None)) and not any(
                p.get("patient_id") == patient_id for p in self._patients()):
            return f"No records of patient {patient_id} are indexed: the answer uses the literature only."
        return None

    def _scoped(self, name: str, args: dict[str, Any], patient_id: str | None) -> dict[str, Any]:
        """The model may not choose whose records a tool reads: the conversation's binding decides."""
        tool = self.tools.get(name)
        if tool is not None and "patient_id" in tool.parameters.get("properties", {}):
            args = {**args, "patient_id": patient_id}
        return args

    def _llm_loop(self, messages: list[Message], records: list[ToolRecord], patient_id: str | None
                  ) -> Iterator[Event] | Any:
        """Stream the model; run tools it asks for; stop at ``max_steps`` with a best-effort answer."""
        use_tools = self.backend.profile.supports_tools and len(self.tools) > 0
        options = ChatOptions(temperature=self.temperature, max_tokens=self.max_tokens,
                              tools=self.tools.specs() if use_tools else None,
                              tool_choice="auto" if use_tools else None)
        usage, first, text = Usage(), None, ""
        for step in range(1, self.max_steps + 1):
            if step == self.max_steps:  # last step: no more tools, answer now
                options = options.model_copy(update={"tools": None, "tool_choice": None})
            pieces: list[str] = []
            calls = []
            for delta in self.backend.stream(messages, options):
                if delta.content:
                    first = first or time.perf_counter()
                    pieces.append(delta.content)
                    yield Token(delta.content)
                if delta.tool_calls:
                    calls = delta.tool_calls
                if delta.usage:
                    usage = Usage(usage.prompt_tokens + delta.usage.prompt_tokens,
                                  usage.completion_tokens + delta.usage.completion_tokens)
            text = "".join(pieces)
            if not calls:
                return text, False, usage, first
            messages.append({"role": "assistant", "content": text, "tool_calls": [c.to_openai() for c in calls]})
            for call in calls:
                try:
                    args = call.parsed_arguments()
                except ValueError as exc:
                    rec = ToolRecord(call.name, {}, None, error=f"arguments are not valid JSON: {exc}",
                                     called_by="model")
                else:
                    rec = self.tools.call(call.name, self._scoped(call.name, args, patient_id), called_by="model")
                records.append(rec)
                yield ToolCalled(rec)
                content = json.dumps({"error": rec.error} if rec.error else rec.result, default=str)
                messages.append({"role": "tool", "tool_call_id": call.id, "name": call.name, "content": content})
        return (text or "I could not finish within the step limit; this is a best-effort answer."), True, usage, first


def _validate(message: str, max_chars: int) -> str:
    text = (message or "").strip()
    if not text:
        raise UserInputError("the message is empty: type a question")
    if len(text) > max_chars:
        raise UserInputError(f"the message is {len(text)} characters; the limit is {max_chars}")
    return text


def _checked_vitals(vitals: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The turn's observations with every value checked, or None and why when one is impossible or unknown."""
    from risk.validation import VitalsError, check_vitals

    try:
        return check_vitals(vitals), None
    except VitalsError as exc:
        return None, str(exc)


def _ephemeral(req: TurnRequest) -> Any:
    from assistant.store import Session

    return Session(req.session_id or "ephemeral", req.role, req.patient_id)


def _record_resources(patient_id: str | None, shown: list[Any], records: list[ToolRecord]) -> list[str]:
    """Ids of the bound patient's resources a turn returned: cited record chunks and the record tool's read."""
    if not patient_id:
        return []
    ids = [c.id for c in shown if c.patient_id == patient_id]
    if any(r.name == "patient_record" and r.result for r in records):
        ids.append(f"Patient/{patient_id}")
    return ids
