"""Train the pneumonia CNN on PneumoniaMNIST's reduced train split; select and calibrate on val.

Seeded ensemble, class-balanced sampling, light augmentation, flip test-time augmentation, Platt scaling.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from vision.model import PneumoniaNet, to_tensor

WEIGHTS_DIR = Path(__file__).parent / "weights"


def _augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Random affine (rotation +-10 degrees, scale 0.9-1.1, shift +-2 px) and brightness/contrast jitter."""
    n = x.shape[0]
    ang = (torch.rand(n, generator=gen) - 0.5) * (20 * np.pi / 180)
    scale = 1 + (torch.rand(n, generator=gen) - 0.5) * 0.2
    shift = (torch.rand(n, 2, generator=gen) - 0.5) * (4 / 14)
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, padding_mode="border", align_corners=False)
    contrast = 1 + (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.3
    bright = (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.3
    return out * contrast + bright


def predict_logits(model: nn.Module, x: torch.Tensor, tta: bool = True, batch: int = 512) -> torch.Tensor:
    """Logits, averaged over the image and its horizontal flip when ``tta``."""
    model.eval()
    outs = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            xb = x[i:i + batch]
            logit = model(xb)
            if tta:
                logit = (logit + model(torch.flip(xb, dims=[3]))) / 2
            outs.append(logit)
    return torch.cat(outs)


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    from scipy.stats import rankdata

    r = rankdata(scores)
    pos = labels == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return float((r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def train_one(seed: int, xtr: torch.Tensor, ytr: torch.Tensor, xva: torch.Tensor, yva: np.ndarray,
              epochs: int = 30, progress: Any = None) -> tuple[PneumoniaNet, float, list[float]]:
    """One seeded model; returns the state of the epoch with the best val AUC."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = PneumoniaNet()
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=5e-4)
    steps_per_epoch = (len(xtr) + 127) // 128
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=epochs * steps_per_epoch)
    # class-balanced sampling: each batch sees both classes equally often
    counts = torch.bincount(ytr.long(), minlength=2).float()
    weights = (1.0 / counts)[ytr.long()]
    best_auc, best_state, history = -1.0, None, []
    for _epoch in range(epochs):
        model.train()
        idx = torch.multinomial(weights, len(xtr), replacement=True, generator=gen)
        for i in range(0, len(idx), 128):
            b = idx[i:i + 128]
            xb = _augment(xtr[b], gen)
            loss = F.binary_cross_entropy_with_logits(model(xb), ytr[b], reduction="mean")
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        val_auc = auc(predict_logits(model, xva).numpy(), yva)
        history.append(round(val_auc, 4))
        if val_auc > best_auc:
            best_auc, best_state = val_auc, {k: v.clone() for k, v in model.state_dict().items()}
        if progress is not None:
            progress()
    assert best_state is not None
    model.load_state_dict(best_state)
    return model, best_auc, history


def platt(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a * logit + b) on val by maximum likelihood (so 0.5 is the decision point)."""
    z = torch.tensor(logits, dtype=torch.float64)
    y = torch.tensor(labels, dtype=torch.float64)
    a = torch.ones(1, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([a, b], lr=0.5, max_iter=200)

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(a * z + b, y)
        loss.backward()
        return loss

    opt.step(closure)
    return float(a.item()), float(b.item())


def train(npz: Path, out_dir: Path, seeds: int = 3, epochs: int = 30) -> dict[str, Any]:
    """Train ``seeds`` models, ensemble them, calibrate, and save safetensors + calibration JSON + card."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
    from safetensors.torch import save_file

    torch.set_num_threads(max(1, torch.get_num_threads()))
    data = np.load(npz)
    xtr, ytr = to_tensor(data["train_images"]), torch.tensor(data["train_labels"].ravel(), dtype=torch.float32)
    xva, yva = to_tensor(data["val_images"]), data["val_labels"].ravel().astype(int)
    started = time.time()
    models, per_seed = [], []
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn()) as prog:
        task = prog.add_task("training (epochs)", total=seeds * epochs)
        for seed in range(seeds):
            m, best, hist = train_one(seed, xtr, ytr, xva, yva, epochs, progress=lambda: prog.advance(task))
            models.append(m)
            per_seed.append({"seed": seed, "best_val_auc": round(best, 4), "val_auc_by_epoch": hist})
    logits = torch.stack([predict_logits(m, xva) for m in models]).mean(0).numpy()
    a, b = platt(logits, yva)
    probs = 1 / (1 + np.exp(-(a * logits + b)))
    metrics = {"val_auc": round(auc(probs, yva), 4), "val_accuracy": round(float(((probs >= 0.5) == yva).mean()), 4)}
    out_dir.mkdir(parents=True, exist_ok=True)
    tensors = {f"m{i}.{k}": v.contiguous() for i, m in enumerate(models) for k, v in m.state_dict().items()}
    save_file(tensors, str(out_dir / "pneumonia_cnn.safetensors"), metadata={"members": str(len(models))})
    meta = {"members": len(models), "platt_a": a, "platt_b": b, "tta": "hflip", "input": "28x28 grayscale",
            "seconds": round(time.time() - started, 1), "epochs": epochs, "per_seed": per_seed, **metrics}
    (out_dir / "pneumonia_cnn.json").write_text(json.dumps(meta, indent=2))
    return meta


def train_cli(npz: str | None, out: str | None, settings: Any, seeds: int = 3, epochs: int = 30) -> dict[str, Any]:
    from core.errors import SetupError

    path = Path(npz) if npz else (settings.data_mirror / "images" / "pneumoniamnist_trainval.npz"
                                  if settings.data_mirror else None)
    if path is None or not path.is_file():
        raise SetupError(f"PneumoniaMNIST npz not found ({path}); pass --npz or set MEDASSIST_DATA_MIRROR")
    return train(path, Path(out) if out else WEIGHTS_DIR, seeds=seeds, epochs=epochs)
