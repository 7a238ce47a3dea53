"""Tools as typed functions: the signature is the JSON schema, the docstring the description."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError, create_model

from assistant.events import ToolRecord
from core.errors import MedassistError
from core.llm_types import ToolSpec

log = logging.getLogger(__name__)


@dataclass
class Tool:
    """A callable with a JSON schema, usable by the turn loop, by function calling and by LangChain."""

    name: str
    description: str
    fn: Callable[..., Any]
    model: Any  # pydantic model of the arguments

    @classmethod
    def from_function(cls, fn: Callable[..., Any], name: str | None = None) -> Tool:
        sig = inspect.signature(fn)
        hints = inspect.get_annotations(fn, eval_str=True)
        fields = {p.name: (hints.get(p.name, Any), ... if p.default is inspect.Parameter.empty else p.default)
                  for p in sig.parameters.values()}
        model = create_model(f"{fn.__name__}_args", __config__={"extra": "forbid"}, **fields)  # type: ignore[call-overload]
        doc = inspect.getdoc(fn) or fn.__name__
        return cls(name=name or fn.__name__, description=doc.split("\n\n")[0].replace("\n", " "), fn=fn, model=model)

    @property
    def parameters(self) -> dict[str, Any]:
        schema = self.model.model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        return schema

    def spec(self) -> ToolSpec:
        return ToolSpec(name=self.name, description=self.description, parameters=self.parameters)

    def call(self, arguments: dict[str, Any], called_by: str = "code") -> ToolRecord:
        """Validate and run; bad arguments or a user-facing failure become the tool's error result."""
        try:
            args = self.model(**arguments).model_dump()
            result = self.fn(**args)
        except ValidationError as exc:
            msg = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            return ToolRecord(self.name, arguments, None, error=f"invalid arguments: {msg}", called_by=called_by)
        except (MedassistError, ValueError, FileNotFoundError) as exc:
            log.info("tool %s failed: %s", self.name, type(exc).__name__)
            return ToolRecord(self.name, arguments, None, error=str(exc), called_by=called_by)
        return ToolRecord(self.name, arguments, result, called_by=called_by)

    def to_langchain(self) -> Any:
        """A LangChain StructuredTool with the same schema."""
        from langchain_core.tools import StructuredTool

        return StructuredTool.from_function(func=self.fn, name=self.name, description=self.description,
                                            args_schema=self.model)


class ToolRegistry:
    """Named tools available to a turn."""

    def __init__(self, tools: Iterable[Tool] = ()) -> None:
        self._tools = {t.name: t for t in tools}

    def add(self, tool: Tool) -> None:
        self._tools[tool.name] = tool

    def __contains__(self, name: str) -> bool:
        return name in self._tools

    def __len__(self) -> int:
        return len(self._tools)

    def get(self, name: str) -> Tool | None:
        return self._tools.get(name)

    def specs(self) -> list[ToolSpec]:
        return [t.spec() for t in self._tools.values()]

    def call(self, name: str, arguments: dict[str, Any], called_by: str = "code") -> ToolRecord:
        tool = self._tools.get(name)
        if tool is None:
            return ToolRecord(name, arguments, None, error=f"unknown tool {name!r}; available: {sorted(self._tools)}",
                              called_by=called_by)
        return tool.call(arguments, called_by=called_by)
