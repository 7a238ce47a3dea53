"""HTML fragments for the UI panels, built from the turn's events (no clinical logic here)."""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote

COLORS = {"emergency": ("#b91c1c", "#fee2e2"), "urgent": ("#b45309", "#fef3c7"), "routine": ("#1d4ed8", "#dbeafe"),
          "self_care": ("#15803d", "#dcfce7")}
LABELS = {"emergency": "EMERGENCY: call your local emergency number now", "urgent": "URGENT: see a doctor today",
          "routine": "ROUTINE: book an appointment", "self_care": "SELF-CARE: can likely be managed at home"}


def banner(triage: dict[str, Any] | None) -> str:
    if not triage:
        return ""
    d = triage["disposition"]
    fg, bg = COLORS.get(d, ("#111", "#eee"))
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in triage.get("reasons", [])[:5])
    style = f"border:2px solid {fg};background:{bg};color:{fg};padding:10px;border-radius:8px"
    return (f'<div class="triage-banner triage-{d}" data-disposition="{d}" style="{style}">'
            f"<b>{html.escape(LABELS.get(d, d))}</b><ul>{reasons}</ul></div>")


def record_link(url: str, patient_id: str | None) -> str:
    """A patient-record address (``fhir://Type/id``) as this app's link that opens the resource (access-checked)."""
    if url.startswith("fhir://") and patient_id:
        return f"/record/{quote(url.removeprefix('fhir://'))}?patient={quote(patient_id)}"
    return url


def sources(citations: list[Any]) -> str:
    if not citations:
        return "<p><i>No sources retrieved for this turn.</i></p>"
    items = []
    for c in citations:
        url = html.escape(record_link(c.url or "", c.patient_id))
        link = (f'<a href="{url}" target="_blank" rel="noopener">{html.escape(c.title)}</a>'
                if url.startswith(("http://", "https://", "/record/")) else
                f"<b>{html.escape(c.title)}</b> <code>{url}</code>")
        scope = "patient record" if c.patient_id else c.source
        snippet = html.escape(" ".join(c.text.split())[:280])
        items.append(f'<li class="source" id="source-{c.n}" data-n="{c.n}"><b>[{c.n}]</b> {link} '
                     f'<small>({html.escape(scope)})</small><br><small>{snippet}…</small></li>')
    return '<ol class="sources" style="list-style:none;padding-left:0">' + "".join(items) + "</ol>"


def trace(records: list[Any]) -> str:
    if not records:
        return "<p><i>No tools called.</i></p>"
    rows = []
    for r in records:
        body = html.escape(json.dumps(r.error or r.result, default=str, indent=1)[:1500])
        status = "error" if r.error else "ok"
        rows.append(f'<details class="tool-call" data-tool="{html.escape(r.name)}"><summary>{html.escape(r.name)} '
                    f"({r.called_by}, {status})</summary><pre>args: {html.escape(json.dumps(r.arguments, default=str))}"
                    f"\n{body}</pre></details>")
    return "".join(rows)


def news2_card(result: dict[str, Any] | None, error: str | None = None) -> str:
    if error:
        return f'<div class="news2-card" style="color:#b91c1c">NEWS2 not computed: {html.escape(error)}</div>'
    if not result:
        return ""
    colour = {"low": "#15803d", "low-medium": "#b45309", "medium": "#c2410c", "high": "#b91c1c"}[result["risk"]]
    parts = "".join(f"<li>{html.escape(v)}</li>" for v in result.get("explanation", {}).values())
    return (f'<div class="news2-card" style="border-left:6px solid {colour};padding:6px 10px">'
            f'<b>NEWS2 {result["total"]}</b> ({html.escape(result["risk"])} clinical risk)<br>'
            f'<small>{html.escape(result["response"])}</small><ul>{parts}</ul></div>')


def redactions(n: int) -> str:
    return f'<span class="redactions" data-count="{n}">{n} item{"s" if n != 1 else ""} redacted</span>'


def who(username: str, role: str) -> str:
    """Who is signed in, with the way out."""
    return (f'<div id="signed-in">Signed in as <b>{html.escape(username)}</b> ({html.escape(role)}) · '
            '<a href="/logout" id="logout">Log out</a></div>')


def signed_out() -> str:
    return '<div id="signed-in">Signed out: <a href="/login">sign in</a></div>'
