"""The CPU vLLM server for tests: convert the SmolLM2 GGUF to a Hugging Face folder, and serve it.

Runs inside the vLLM virtualenv (``.vllm-venv``), so it imports nothing from medassist.
  python tests/vllm_server.py convert --gguf FILE --out DIR
  python tests/vllm_server.py serve --model DIR --port P [--name NAME]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def convert(gguf: str, out: str) -> None:
    """Dequantize the GGUF into a transformers folder vLLM's CPU build can read (it cannot read GGUF)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    src = Path(gguf)
    tok = AutoTokenizer.from_pretrained(src.parent, gguf_file=src.name)
    model = AutoModelForCausalLM.from_pretrained(src.parent, gguf_file=src.name, torch_dtype="float32")
    # Loading a GGUF dequantizes the weights but leaves a GGUF quantizer attached, which refuses to save.
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    tmp = Path(out + ".tmp")
    model.save_pretrained(tmp, safe_serialization=True)
    tok.save_pretrained(tmp)
    tmp.rename(out)
    print(f"converted {src.name} -> {out}")


def serve(model: str, port: int, name: str) -> None:
    """Replace this process with vLLM's OpenAI-compatible server on 127.0.0.1 (tool calling enabled)."""
    args = [sys.executable, "-m", "vllm.entrypoints.openai.api_server", "--model", model,
            "--served-model-name", name, "--dtype", "bfloat16", "--max-model-len", "2048", "--enforce-eager",
            "--host", "127.0.0.1", "--port", str(port), "--enable-auto-tool-choice", "--tool-call-parser", "hermes"]
    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "2")
    os.execv(sys.executable, args)


def main() -> None:
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("convert")
    c.add_argument("--gguf", required=True)
    c.add_argument("--out", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--model", required=True)
    s.add_argument("--port", type=int, default=8011)
    s.add_argument("--name", default="smollm2-135m")
    a = p.parse_args()
    if a.cmd == "convert":
        convert(a.gguf, a.out)
    else:
        serve(a.model, a.port, a.name)


if __name__ == "__main__":
    main()
