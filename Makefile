# The only entry points a contributor needs. Each target creates the virtual environment it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/growth-brand.toml

.PHONY: demo test lint docs check-python clean

demo: $(STAMP)
	$(BIN)/tiktok-team plan $(EXAMPLE)

test: lint
	$(BIN)/python -m pytest
	$(BIN)/tiktok-team rules verify

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy --strict src

docs: $(STAMP)
	$(BIN)/tiktok-team rules coverage > docs/coverage.md.tmp && mv docs/coverage.md.tmp docs/coverage.md

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
	  { echo "tiktok-team needs Python >= 3.10; '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Run: make PYTHON=python3.12 ..." >&2; exit 1; }

$(STAMP): pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .hypothesis
