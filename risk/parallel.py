"""Run a function over work items on a few threads (for numpy and compiled code that release the GIL)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def run_threaded(fn: Callable[[T], None], items: Sequence[T], threads: int | None = None, name: str = "risk") -> None:
    """Call ``fn`` on every item, on up to ``threads`` threads (default: the cores); inline when one suffices.
    The first exception raised by a call is raised here."""
    workers = min(len(items), threads or os.cpu_count() or 1)
    if workers <= 1:
        for item in items:
            fn(item)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix=name) as pool:
        list(pool.map(fn, items))
