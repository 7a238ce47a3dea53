"""The assistant's tools: scoped search, patient record lookup, vision, NEWS2, qSOFA, sepsis risk."""

from __future__ import annotations

import logging
from typing import Any

from assistant.tools import Tool, ToolRegistry
from core.settings import Settings

log = logging.getLogger(__name__)


def default_tools(settings: Settings, retriever: Any = None, backend: Any = None) -> ToolRegistry:
    """Every tool whose package is installed; a missing optional package just leaves its tool out. ``backend`` is
    the chat backend, handed to the vision tool for its vision-LLM classifier."""
    reg = ToolRegistry()
    try:
        from risk.tools import news2_tool, qsofa_tool, sepsis_risk_tool

        for fn in (news2_tool, qsofa_tool, sepsis_risk_tool):
            reg.add(Tool.from_function(fn, name=fn.__name__.removesuffix("_tool")))
    except ImportError as exc:
        log.info("risk tools unavailable: %s", exc)
    try:
        from vision.tool import make_vision_tool

        reg.add(Tool.from_function(make_vision_tool(settings, backend), name="vision_classify"))
    except ImportError as exc:
        log.info("vision tool unavailable: %s", exc)
    if retriever is not None:
        from retrieval.tools import make_record_tool, make_search_tool

        reg.add(Tool.from_function(make_search_tool(retriever), name="search_literature"))
        reg.add(Tool.from_function(_with_news2(make_record_tool(retriever)), name="patient_record"))
    return reg


def record_news2(vitals: dict[str, Any]) -> dict[str, Any]:
    """NEWS2 from a record's latest vitals (values with dates); missing ACVPU and oxygen are assumed, and said."""
    from risk.news2 import news2
    from risk.validation import NEWS2_NUMBERS, VitalsError

    missing = [k for k in NEWS2_NUMBERS if k not in vitals]
    if missing:
        return {"computed": False, "reason": f"no recorded {', '.join(missing)}"}
    try:
        score = news2(**{k: vitals[k]["value"] for k in NEWS2_NUMBERS}, o2="air", consciousness="A")
    except VitalsError as exc:
        return {"computed": False, "reason": str(exc)}
    dates = sorted({vitals[k]["date"] for k in NEWS2_NUMBERS})
    return {"computed": True, **score.to_dict(),
            "observed": f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else dates[0],
            "assumed": "alert (A) and breathing air: not recorded in the FHIR observations"}


def _with_news2(record_fn: Any) -> Any:
    def patient_record(patient_id: str) -> dict[str, Any]:
        """Latest vital signs (with NEWS2), active conditions, medications and allergies of the bound patient."""
        rec = record_fn(patient_id)
        rec["news2"] = record_news2(rec.get("latest_vitals") or {})
        return rec

    return patient_record
