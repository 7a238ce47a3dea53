"""Batch de-identification: a JSONL file of ``{"text"}`` records or a folder of ``.txt`` notes.

Every input is read and checked before anything is written, so a bad line or an undecodable file stops the run
with one line naming it and leaves no half-written output. Texts go through spaCy in batches; each document gets
its own surrogate table, so the same name is the same surrogate throughout one document and unrelated across
documents. Outputs are written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from core.errors import UserInputError
from core.jsonl import read_records
from guards.phi.anonymizer import anonymize

BATCH = 64


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file, each with a string ``text``; a UserInputError names the first bad line."""
    return read_records(path, lambda r: None if isinstance(r.get("text"), str)
                        else 'each line must be an object with a "text" string')


def read_folder(folder: Path) -> list[tuple[Path, str]]:
    """Every ``*.txt`` under ``folder`` (relative path, text), sorted; a UserInputError names an unreadable one."""
    if not folder.is_dir():
        raise UserInputError(f"no such folder: {folder}")
    out = []
    for path in sorted(folder.rglob("*.txt")):
        try:
            out.append((path.relative_to(folder), path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            raise UserInputError(f"{path}: not UTF-8 text; convert it first, e.g. iconv -t utf-8") from None
    if not out:
        raise UserInputError(f"{folder} holds no .txt files")
    return out


def redact_texts(guard: Any, texts: list[str], advance: Callable[[int], None] | None = None
                 ) -> Iterator[tuple[str, list[Any]]]:
    """(redacted text, entities) per text, in order; one surrogate table per text."""
    for start in range(0, len(texts), BATCH):
        part = texts[start:start + BATCH]
        found = guard.analyzer.analyze_many(part)
        if advance is not None:
            advance(len(part))
        for text, entities in zip(part, found):
            yield anonymize(text, entities, guard.new_surrogates()), entities


def redact_jsonl(guard: Any, source: Path, target: Path, advance: Callable[[int], None] | None = None,
                 records: list[dict[str, Any]] | None = None) -> int:
    """Write ``{"text", "entities", ...other fields}`` per input record, in order; returns the count."""
    records = read_jsonl(source) if records is None else records
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    with tmp.open("w", encoding="utf-8") as out:
        for rec, (text, entities) in zip(records, redact_texts(guard, [r["text"] for r in records], advance)):
            row = {**rec, "text": text, "entities": [e.to_dict() for e in entities]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, target)
    return len(records)


def redact_folder(guard: Any, notes: list[tuple[Path, str]], target: Path,
                  advance: Callable[[int], None] | None = None) -> int:
    """Write each note's redacted text to the same relative path under ``target``; returns the count."""
    for (rel, _), (text, _) in zip(notes, redact_texts(guard, [t for _, t in notes], advance)):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.partial")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    return len(notes)
