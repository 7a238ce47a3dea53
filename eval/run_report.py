"""``medassist eval report RUN... --out DIR``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.errors import UserInputError
from eval.report import write_report


def run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    dirs = [Path(r) for r in args.runs]
    missing = [str(d) for d in dirs if not (d / "summary.json").is_file()]
    if missing:
        raise UserInputError(f"not run directories (no summary.json): {', '.join(missing)}")
    return write_report(dirs, Path(args.out))
