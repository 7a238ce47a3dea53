"""The pneumonia CNN: a small residual network for 28x28 grayscale chest X-rays."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.skip = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                     if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.skip(x))


class PneumoniaNet(nn.Module):
    """Stem, three residual stages (28 -> 14 -> 7), global pooling, one logit (pneumonia)."""

    def __init__(self, width: int = 32, dropout: float = 0.2) -> None:
        super().__init__()
        w = width
        self.stem = nn.Sequential(nn.Conv2d(1, w, 3, 1, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU())
        self.features = nn.Sequential(Block(w, w, 1), Block(w, 2 * w, 2), Block(2 * w, 4 * w, 2),
                                      Block(4 * w, 4 * w, 1))
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(4 * w, 1))

    def feature_maps(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(self.stem(x))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f = self.feature_maps(x)
        return self.head(f.mean(dim=(2, 3))).squeeze(1)


MEAN, STD = 0.5, 0.25


def to_tensor(images_u8: object) -> torch.Tensor:
    """uint8 (N, 28, 28) -> normalised float (N, 1, 28, 28)."""
    t = torch.as_tensor(np.array(images_u8, dtype=np.float32, copy=True)) / 255.0
    return ((t - MEAN) / STD).unsqueeze(1)
