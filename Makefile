# tagdyr: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install install-dev install-bench system-deps lint typecheck bench bench-names bench-linkage bench-febrl bench-web bench-extract bench-texts-real bench-load bench-scans bench-recluster bench-cli fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(VENV)/.installed $(VENV)/.installed-dev $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## make demo: install, build the demo database and serve the web UI on http://127.0.0.1:8000
demo: install
	@./scripts/system-deps.sh pdf
	$(BIN)/tagdyr demo --db $(DEMO_DB) --serve --host $(HOST) --port $(PORT)

## make test: install everything (Python packages, PostgreSQL, Chromium) and run all tests
test: install-dev system-deps
	$(BIN)/python -m pytest

## Debian packages the tests need: a PostgreSQL server and Chromium for the browser tests
system-deps:
	@./scripts/system-deps.sh

## make bench: every benchmark, each printing its table
bench: bench-names bench-extract bench-texts-real bench-febrl bench-linkage bench-web bench-scans bench-recluster bench-load bench-cli

## make bench-names: names engine against unidecode+Jaro-Winkler, Double Metaphone, Beider-Morse
bench-names: $(VENV)/.installed-bench
	$(BIN)/python -m bench.names

## make bench-linkage: linkage vs competent Splink and recordlinkage on independent data, three
## settings (rich, sparse, held-out); LINKAGE_ARGS="--register 1000000" for a larger register
LINKAGE_ARGS ?=
bench-linkage: $(VENV)/.installed-bench
	$(BIN)/python -m bench.linkage $(LINKAGE_ARGS)

## make bench-extract: person mentions in texts against natasha and capitalised tokens
bench-extract: $(VENV)/.installed-bench
	$(BIN)/python -m bench.extract

## make bench-texts-real: mentions, base forms and facts on the 36 real texts (set-aside third beside)
bench-texts-real: $(VENV)/.installed-bench
	$(BIN)/python -m bench.texts_real

## make bench-load: 50 readers on 1,000,000 persons, and 5 editors reviewing at once (PostgreSQL)
bench-load: $(VENV)/.installed-bench system-deps
	$(BIN)/python -m bench.load

## make bench-recluster: judgement latency on 1,000,000 linked records, local vs global re-clustering
bench-recluster: $(VENV)/.installed-bench
	$(BIN)/python -m bench.recluster

## make bench-cli: `tagdyr --help` start-up (wall and CPU) beside Python's own start and a bare Typer app
bench-cli: $(VENV)/.installed-bench
	$(BIN)/python -m bench.cli

## make fuzz: coverage-guided fuzzing (atheris) of the importers and the name parser
FUZZ_RUNS ?= 200000
fuzz: install-dev
	for target in names tables texts; do \
		$(BIN)/python -m fuzz.harness $$target -atheris_runs=$(FUZZ_RUNS) || exit 1; done

## make bench-web: search latency and recall@20 on 1,000,000 persons vs SQLite FTS5 (and LIKE);
## WEB_ARGS="--size 100000" for a smaller register
WEB_ARGS ?=
bench-web: $(VENV)/.installed-bench
	$(BIN)/python -m bench.web $(WEB_ARGS)

## make bench-scans: reading synthetic scans (CER, field accuracy, linkage F1) vs plain tesseract
bench-scans: $(VENV)/.installed-bench system-deps
	$(BIN)/python -m bench.scans

## make bench-febrl: the public FEBRL4 sanity check, tagdyr against plain Splink's own model
bench-febrl: $(VENV)/.installed-bench
	$(BIN)/python -m bench.linkage.febrl

lint: install-dev
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz

typecheck: install-dev
	$(BIN)/mypy

clean:
	rm -rf $(VENV) test-output .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*
