# The only entry points a contributor needs. Each target creates the virtual environment it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/growth-brand.toml
PORT ?= 8000

.PHONY: demo serve test lint bench docs check-python clean pictures browser

demo: $(STAMP) pictures
	$(BIN)/tiktok-team plan $(EXAMPLE)
	@mkdir -p build
	@if command -v dot >/dev/null 2>&1; then \
	  $(BIN)/tiktok-team plan $(EXAMPLE) --format html --lang both --output build/plan.html && \
	  echo "The report with its org chart is in build/plan.html: open it in a browser."; \
	else echo "Install Graphviz (see above) for the HTML report with the org chart."; fi

# The planner page and the HTTP API on this machine, starting from the bundled example (Ctrl-C stops it).
serve: $(STAMP) pictures
	$(BIN)/tiktok-team serve --port $(PORT) --profile $(EXAMPLE)

# The suite runs on every core (pytest-xdist), each test module whole on one worker process, the slowest modules
# handed out first (tests/conftest.py, SLOWEST_FIRST). Its tests run
# `tiktok-team rules verify` and `tiktok-team rules test` on the bundled rulebook and scenario files as a user does,
# and fail unless the rulebook verifies clean, every scenario passes and every bundled rule is fired by some scenario
# (tests/test_cli_commands.py, tests/test_cli_compare.py, tests/test_scenario_coverage.py).
test: lint pictures browser
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs
	$(BIN)/mypy --strict src

# Speed and memory figures (docs/performance.md); each script's last line is its summary. `--profile` shows where
# time goes. startup.py times the installed command (--help, --version, schema, plan) against the import floor of
# pydantic and networkx. load.py starts `tiktok-team serve` on a free loopback port and drives it with concurrent clients;
# cluster.py plans the fact space on a process pool and a dask LocalCluster; verify.py times rules verify's level 2
# against the sweep of the fact space it reuses; render.py times the reports and pictures of a plan.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/embedder.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/cluster.py
	$(BIN)/python benchmarks/verify.py
	$(BIN)/python benchmarks/render.py

docs: $(STAMP) pictures browser
	$(BIN)/python -m tiktok_team._schemas --write
	$(BIN)/tiktok-team rules coverage > docs/coverage.md.tmp && mv docs/coverage.md.tmp docs/coverage.md
	$(BIN)/tiktok-team plan $(EXAMPLE) --format svg --lang both --output docs/images/org-chart.svg
	$(BIN)/python tests/screenshot.py docs/images/plan-screenshot.png
	$(BIN)/python -m tiktok_team.serve.apidoc > docs/api.md.tmp && mv docs/api.md.tmp docs/api.md
	$(BIN)/python tests/planner_screenshot.py docs/images
	$(BIN)/python docs/reference.py > docs/reference.md.tmp && mv docs/reference.md.tmp docs/reference.md

# System programs, not Python packages: Graphviz lays out the svg and html pictures, a CJK font draws their Chinese,
# and the HTML report's test looks at it through headless Chromium. Each missing one is installed with apt-get where
# that works (Debian or Ubuntu, as root); elsewhere we say what to install, and the tests that need it fail.
APT_INSTALL = if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing$$missing with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "make: please install$$missing (Debian/Ubuntu: sudo apt-get install$$missing; macOS: brew install graphviz)" >&2; \
	fi

pictures:
	@missing=""; command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	$(APT_INSTALL)

browser:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	$(APT_INSTALL)

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || \
	  { echo "tiktok-team needs Python >= 3.10; '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Run: make PYTHON=python3.12 ..." >&2; exit 1; }

$(STAMP): pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,serve,cluster]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .hypothesis
