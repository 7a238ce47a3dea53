"""Image input: PNG, JPEG and DICOM to a grayscale float array in [0, 1], with clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.errors import UserInputError

MAX_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 80_000_000
MIN_SIDE = 16


def _check_file(path: Path) -> bytes:
    if not path.exists():
        raise UserInputError(f"image not found: {path}")
    if not path.is_file():
        raise UserInputError(f"{path} is not a file")
    size = path.stat().st_size
    if size == 0:
        raise UserInputError(f"image {path.name} is 0 bytes: expected PNG, JPEG or DICOM")
    if size > MAX_BYTES:
        raise UserInputError(f"image {path.name} is {size / 1e6:.0f} MB; the limit is {MAX_BYTES // 1_000_000} MB")
    with open(path, "rb") as fh:
        return fh.read(132)


def load_image(path: str | Path) -> np.ndarray:
    """Grayscale float32 in [0, 1], shape (H, W). DICOM: rescale, window, MONOCHROME1 inverted."""
    path = Path(path)
    head = _check_file(path)
    if head[128:132] == b"DICM" or path.suffix.lower() in (".dcm", ".dicom"):
        return _dicom(path)
    if head.startswith(b"\x89PNG") or head[:3] == b"\xff\xd8\xff":
        return _raster(path)
    raise UserInputError(f"{path.name} is not a supported image: expected PNG, JPEG or DICOM")


def _raster(path: Path) -> np.ndarray:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as im:
            im.load()
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                background = Image.new("RGBA", im.size, (0, 0, 0, 255))
                im = Image.alpha_composite(background, im)
            if im.mode in ("I;16", "I;16B", "I"):
                arr = np.asarray(im, dtype=np.float32)
            else:
                arr = np.asarray(im.convert("L"), dtype=np.float32)
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise UserInputError(f"{path.name} is corrupt or truncated ({type(exc).__name__}): "
                             "re-export the image") from None
    except Image.DecompressionBombError:
        raise UserInputError(f"{path.name} is larger than {MAX_PIXELS:,} pixels") from None
    return _normalise(arr, path.name)


def _dicom(path: Path) -> np.ndarray:
    try:
        import pydicom
        from pydicom.errors import InvalidDicomError
    except ImportError:
        raise UserInputError("DICOM support needs pydicom: run `pip install 'medassist[vision]'`") from None
    try:
        ds = pydicom.dcmread(str(path))
        arr = ds.pixel_array.astype(np.float32)
    except (InvalidDicomError, AttributeError, ValueError, OSError) as exc:
        raise UserInputError(f"{path.name} is not a readable DICOM image ({type(exc).__name__})") from None
    if arr.ndim == 3 and arr.shape[-1] in (3, 4):
        arr = arr[..., :3].mean(-1)
    elif arr.ndim == 3:
        arr = arr[arr.shape[0] // 2]  # a multi-frame series: the middle frame
    arr = arr * float(getattr(ds, "RescaleSlope", 1) or 1) + float(getattr(ds, "RescaleIntercept", 0) or 0)
    center, width = getattr(ds, "WindowCenter", None), getattr(ds, "WindowWidth", None)
    if center is not None and width is not None:
        c = float(center[0] if isinstance(center, pydicom.multival.MultiValue) else center)
        w = float(width[0] if isinstance(width, pydicom.multival.MultiValue) else width)
        arr = np.clip((arr - (c - w / 2)) / max(w, 1e-6), 0, 1)
    else:
        arr = _normalise(arr, path.name)
    if str(getattr(ds, "PhotometricInterpretation", "")).upper() == "MONOCHROME1":
        arr = 1.0 - arr
    return arr.astype(np.float32)


def _normalise(arr: np.ndarray, name: str) -> np.ndarray:
    if arr.ndim != 2 or min(arr.shape) < MIN_SIDE:
        raise UserInputError(f"{name} is {arr.shape[1] if arr.ndim > 1 else '?'}x{arr.shape[0]} pixels: too small for "
                             f"an X-ray")
    lo, hi = np.percentile(arr, 0.5), np.percentile(arr, 99.5)
    if hi - lo < 1e-6:
        raise UserInputError(f"{name} is blank (a single grey level)")
    return np.clip((arr - lo) / (hi - lo), 0, 1).astype(np.float32)


def to_model_input(gray: np.ndarray, size: int = 28) -> np.ndarray:
    """Full-size X-ray to the model's 28x28 uint8 input: centre square crop, area resampling."""
    from PIL import Image

    h, w = gray.shape
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = gray[top:top + side, left:left + side]
    im = Image.fromarray((square * 255).astype(np.uint8))
    return np.asarray(im.resize((size, size), Image.Resampling.BOX), dtype=np.uint8)
