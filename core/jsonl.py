"""Reading a JSONL file of records for batch commands: every line checked before any work starts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import UserInputError


def read_records(path: Path, problem: Callable[[dict[str, Any]], str | None]) -> list[dict[str, Any]]:
    """The objects of a JSONL file (blank lines skipped); ``problem(record)`` says what is wrong with one, or None.
    A UserInputError names the first bad line."""
    if not path.is_file():
        raise UserInputError(f"no such file: {path}")
    records = []
    with path.open(encoding="utf-8", errors="strict") as fh:
        n = 0
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    raise UserInputError(f"{path}:{n}: not JSON ({exc.msg})") from None
                wrong = "each line must be a JSON object" if not isinstance(rec, dict) else problem(rec)
                if wrong:
                    raise UserInputError(f"{path}:{n}: {wrong}")
                records.append(rec)
        except UnicodeDecodeError:
            raise UserInputError(f"{path}: not UTF-8 text (line {n + 1}); convert it first, e.g. iconv -t utf-8") \
                from None
    return records
