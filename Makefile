# Xiangmu: two commands for users (`make run`, `make test`); the rest for developers.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false
export AIRFLOW__CORE__LOAD_EXAMPLES := False

.PHONY: install run test lint bench stop airflow clean bi bi-install

# The virtualenv is (re)built from the lock whenever the lock changes.
# --compile-bytecode: uv writes no .pyc by default, and where PYTHONDONTWRITEBYTECODE is set
# (CI sandboxes, some shells) Python never caches one either: every Airflow, dbt and GX process
# then compiles its imports from source (measured: importing Airflow, cosmos and GX 17-18 s
# instead of 8.5-9.7 s; dbt 4.5-5.3 s instead of 2.8-3.5 s).
$(VENV)/.installed: requirements.lock pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 required, got " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Superset has its own virtualenv and lock (its pins conflict with Airflow's).
BI_VENV := .venv-bi
$(BI_VENV)/.installed: bi/requirements.lock $(VENV)/.installed Makefile
	test -x $(BI_VENV)/bin/python || $(PYTHON) -m venv $(BI_VENV)
	$(BIN)/uv pip sync --compile-bytecode --python $(BI_VENV)/bin/python bi/requirements.lock
	touch $@

bi-install: $(BI_VENV)/.installed

## Run the whole pipeline through Airflow's scheduler on the sample e-paper archive, then print a summary.
run: install
	$(BIN)/xiangmu run

## Lint and run every test (starts its own PostgreSQL and HTTP servers).
test: install lint bi-install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests dbt_project/analyses --disable-progress-bar --nocolor
	$(BIN)/lint-imports
	$(BIN)/python tools/generate_seeds.py --check

## Benchmarks (not tests): parse time, scrape throughput, extraction rate.
bench: install
	PYTHONPATH=tools $(BIN)/python bench/run_all.py

## Apache Superset with the repo's dashboards on the warehouse, as bi_reader (http://localhost:8088).
bi: install bi-install
	$(BIN)/python bi/superset_bi.py serve

## Stop the Airflow services of `xiangmu airflow up` and the embedded PostgreSQL (the warehouse and Airflow's metadata).
stop: install
	$(BIN)/xiangmu stop

## The Airflow UI on the embedded warehouse (http://localhost:8080).
airflow: install
	$(BIN)/xiangmu airflow standalone

clean: stop
	rm -rf .state
