"""The assistant's tools: scoped search, patient record lookup, vision, NEWS2, qSOFA, sepsis risk."""

from __future__ import annotations

import logging
from typing import Any

from assistant.settings import Settings
from assistant.tools import Tool, ToolRegistry

log = logging.getLogger(__name__)


def default_tools(settings: Settings, retriever: Any = None) -> ToolRegistry:
    """Every tool whose package is installed; a missing optional package just leaves its tool out."""
    reg = ToolRegistry()
    try:
        from risk.tools import news2_tool, qsofa_tool, sepsis_risk_tool

        for fn in (news2_tool, qsofa_tool, sepsis_risk_tool):
            reg.add(Tool.from_function(fn, name=fn.__name__.removesuffix("_tool")))
    except ImportError as exc:
        log.info("risk tools unavailable: %s", exc)
    try:
        from vision.tool import make_vision_tool

        reg.add(Tool.from_function(make_vision_tool(settings), name="vision_classify"))
    except ImportError as exc:
        log.info("vision tool unavailable: %s", exc)
    if retriever is not None:
        from retrieval.tools import make_record_tool, make_search_tool

        reg.add(Tool.from_function(make_search_tool(retriever), name="search_literature"))
        reg.add(Tool.from_function(make_record_tool(retriever), name="patient_record"))
    return reg
