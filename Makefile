# Two commands on a fresh clone: `make demo` and `make test`. Nothing needed but Python >= 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint format bench bench-quality clean-out

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,dask]'
	touch $(STAMP)

demo: $(STAMP)  ## clean the bundled seed pages into out/ (text and JSONL) with an audit
	$(BIN)/clean seeds -o out --report out/audit.jsonl
	$(BIN)/clean seeds -o out --format jsonl -q
	@echo "cleaned pages: out/*.txt, articles: out/*.jsonl, audit: out/audit.jsonl"

test: $(STAMP)  ## run the test suite (pytest's "no tests collected", exit 5, is a failure)
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; fi; exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

check: lint test  ## ruff, ruff format --check, mypy --strict, pytest

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)  ## speed and memory, per filter, beside a naive baseline and data-juicer (bench/README-speed.md)
	$(BIN)/python -m bench.speed --json out/speed.json

bench-quality: $(STAMP)  ## quality benchmark (gold seeds, synthetic pages, clean text) and its gate
	$(BIN)/python -m bench.quality --json out/quality.json --baseline bench/baseline.json

clean-out:
	rm -rf out
