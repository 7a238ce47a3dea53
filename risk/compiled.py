"""Sepsis boosters compiled to machine code (lleaves, LLVM), cached per model file and CPU.

Compiling takes 20-30 s per booster, so it happens once, on request (``medassist risk compile``, run by
``make install``), never while scoring. Scoring uses a compiled booster only when its cached object is complete and
its raw scores match LightGBM's on a probe batch; otherwise it falls back to LightGBM, which gives the same numbers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from risk.parallel import run_threaded

log = logging.getLogger(__name__)

#: Bumped when the compile options below change, so older cached objects are not reused.
COMPILE_VERSION = 1
#: Rows per chunk when scoring: each chunk is copied to float64 (about 8 MB) once and read by both boosters.
CHUNK_ROWS = 4096
#: Largest difference from LightGBM's raw score accepted on the probe batch.
PROBE_TOLERANCE = 1e-9


def available() -> bool:
    """Whether lleaves (the optional compiler) is installed."""
    try:
        import lleaves  # noqa: F401
    except ImportError:
        return False
    return True


def _cache_key(model_file: Path) -> str:
    import lleaves
    import llvmlite
    import llvmlite.binding as llvm

    try:
        features = llvm.get_host_cpu_features().flatten()
    except RuntimeError:
        features = ""
    parts = [hashlib.sha256(model_file.read_bytes()).hexdigest(), getattr(lleaves, "__version__", "?"),
             llvmlite.__version__, llvm.get_host_cpu_name(), features, str(COMPILE_VERSION)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def object_path(model_file: Path, cache_dir: Path) -> Path:
    """Where the compiled object of ``model_file`` for this CPU lives (its digest sits beside it as JSON)."""
    return Path(cache_dir) / "lleaves" / f"{Path(model_file).stem}-{_cache_key(Path(model_file))}.o"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compile_booster(model_file: Path, cache_dir: Path) -> tuple[Path, float]:
    """Compile ``model_file`` into the cache unless it is there already; returns the object path and seconds spent.

    The object and then its digest are written to temporary names and renamed, so an interrupted compile leaves
    nothing that loads.
    """
    import lleaves

    target = object_path(model_file, cache_dir)
    if _complete(target):
        return target, 0.0
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    start = time.perf_counter()
    model = lleaves.Model(model_file=str(model_file))
    model.compile(cache=str(tmp), raw_score=True)
    seconds = time.perf_counter() - start
    digest = _digest(tmp)
    os.replace(tmp, target)
    meta_tmp = target.with_name(f"{target.name}.{os.getpid()}.json.tmp")
    meta_tmp.write_text(json.dumps({"sha256": digest, "model_file": str(model_file), "seconds": round(seconds, 1)}))
    os.replace(meta_tmp, target.with_suffix(".json"))
    return target, seconds


def _complete(target: Path) -> bool:
    meta = target.with_suffix(".json")
    if not (target.is_file() and meta.is_file()):
        return False
    try:
        return json.loads(meta.read_text()).get("sha256") == _digest(target)
    except (OSError, ValueError):
        return False


class CompiledBooster:
    """A LightGBM booster's raw score from its compiled object."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Raw scores of a C-ordered float64 matrix, on the calling thread."""
        return self._model.predict(X, n_jobs=1)


def load_compiled(model_file: Path, cache_dir: Path, reference: Any) -> CompiledBooster | None:
    """The compiled booster when its cached object is complete and agrees with ``reference`` (a LightGBM Booster)
    on a probe batch; None otherwise (lleaves missing, nothing compiled, or a mismatch, which is logged)."""
    if not available():
        return None
    import lleaves

    try:
        target = object_path(model_file, cache_dir)
        if not _complete(target):
            return None
        model = lleaves.Model(model_file=str(model_file))
        model.compile(cache=str(target), raw_score=True)
    except (OSError, RuntimeError, ValueError) as exc:
        log.warning("compiled sepsis booster not usable (%s); scoring with LightGBM", exc)
        return None
    booster = CompiledBooster(model)
    probe = _probe(model.num_feature())
    got = booster.predict(probe)
    want = reference.predict(probe, raw_score=True, num_threads=1)
    if not np.allclose(got, want, rtol=0, atol=PROBE_TOLERANCE):
        log.warning("compiled sepsis booster %s disagrees with LightGBM by %.2g; scoring with LightGBM",
                    target.name, float(np.max(np.abs(got - want))))
        return None
    return booster


def _probe(n_features: int, rows: int = 256) -> np.ndarray:
    """A fixed batch with missing values and values across a wide range, to exercise both sides of many splits."""
    rng = np.random.default_rng(2019)
    X = rng.normal(0, 1, (rows, n_features)) * rng.choice([1, 10, 100, 1000], (rows, n_features))
    X[rng.random((rows, n_features)) < 0.3] = np.nan
    return np.ascontiguousarray(X)


def predict_chunks(boosters: list[CompiledBooster], weights: list[float], X: np.ndarray,
                   threads: int | None = None) -> np.ndarray:
    """``sum(w * booster(X))`` over chunks of rows, each copied to C-ordered float64 once for all boosters, on
    threads (the compiled code and the copies release the GIL)."""
    out = np.empty(len(X), dtype=np.float64)

    def run(start: int) -> None:
        chunk = np.ascontiguousarray(X[start:start + CHUNK_ROWS], dtype=np.float64)
        out[start:start + CHUNK_ROWS] = sum(w * booster.predict(chunk) for booster, w in zip(boosters, weights))

    run_threaded(run, range(0, len(X), CHUNK_ROWS), threads, "sepsis-score")
    return out


def compile_model(model_dir: Path, cache_dir: Path) -> dict[str, Any]:
    """Compile both sepsis boosters of ``model_dir`` into ``cache_dir`` (``medassist risk compile``), then check
    that the model scores through them."""
    from core.errors import SetupError
    from risk.sepsis_model import MODEL_FILES, SepsisModel

    if not available():
        raise SetupError("compiling the sepsis boosters needs lleaves: run `pip install 'medassist[risk]'`")
    boosters = {}
    for name, file in MODEL_FILES.items():
        path = Path(model_dir) / file
        if not path.is_file():
            raise SetupError(f"no sepsis booster {path}: run `medassist risk train`")
        try:
            target, seconds = compile_booster(path, cache_dir)
        except OSError as exc:
            raise SetupError(f"cannot write compiled boosters to {cache_dir} ({exc.strerror or exc}); "
                             "set MEDASSIST_CACHE_DIR to a writable directory") from None
        boosters[name] = {"object": str(target), "compile_seconds": round(seconds, 1)}
    engine = SepsisModel(model_dir, cache_dir=cache_dir).engine
    return {"engine": engine, "boosters": boosters}
