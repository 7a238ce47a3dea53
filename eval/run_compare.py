"""``medassist eval compare A B``: paired McNemar test on the items both runs answered."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.errors import UserInputError
from eval.report import compare


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    for d in (args.a, args.b):
        if not (Path(d) / "summary.json").is_file():
            raise UserInputError(f"{d} is not a run directory (no summary.json)")
    return compare(Path(args.a), Path(args.b))
