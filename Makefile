# The project's commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Where `make run` serves: the demo's printed logins, its Site record and the links
# in emails follow it. Override it behind a proxy, e.g. BASE_URL=https://cpd.test.
BASE_URL ?= http://$(HOST):$(PORT)
SERVE_ENV = WAGTAILADMIN_BASE_URL=$(BASE_URL)
# Extra pytest arguments, e.g. make test PYTEST_ARGS='-m "not browser"'.
PYTEST_ARGS ?=
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=node_modules --ignore=static_collected --ignore=test-artifacts

.DEFAULT_GOAL := help
.PHONY: help install run test test-browser browser-deps lighthouse bench scale-out lint format messages ci migrate demo clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create or update .venv with the pinned dependencies

migrate: $(STAMP) ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content (safe to repeat)
	$(MANAGE) load_demo_content --base-url $(BASE_URL)

run: demo ## Install, migrate, load demo content, serve on HOST:PORT (127.0.0.1:8000) with a task worker
	@echo "Serving $(BASE_URL)/ with a task worker beside it; Ctrl-C stops both."
	@trap 'kill 0' INT TERM EXIT; \
	$(SERVE_ENV) $(MANAGE) run_worker --backend queue --queue-name '*' & \
	$(SERVE_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: $(STAMP) ## Run the whole test suite on every core (browser tests skip without Chromium)
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: $(STAMP) ## Run only the browser and accessibility tests, on every core
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

browser-deps: ## Install Chromium (as root) and axe-core for the browser tests
	scripts/install-browser-deps.sh

lighthouse: $(STAMP) ## Lighthouse scores for the key pages (not a CI gate)
	scripts/install-browser-deps.sh --lighthouse
	$(BIN)/python benchmarks/lighthouse.py

bench: $(STAMP) ## Quick page benchmark beside nginx, cached and uncached, and a form post's CPU
	$(BIN)/python benchmarks/pages.py --quick

scale-out: $(STAMP) ## Two app servers and two workers on PostgreSQL and Redis, checked under load
	$(BIN)/python benchmarks/scale_out.py

lint: $(STAMP) ## Check style, that imports point down the layers, and bandit's security checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	PYTHONPATH=site $(BIN)/lint-imports --no-cache
	$(BIN)/bandit -c pyproject.toml -r . --quiet --severity-level medium

format: $(STAMP) ## Rewrite Python and templates in the house style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

messages: $(STAMP) ## Update the Welsh interface catalogue and compile it (needs gettext)
	$(MANAGE) makemessages -l cy $(I18N_IGNORE)
	$(MANAGE) compilemessages -l cy $(I18N_IGNORE)

ci: ## Run what CI runs
	bash .ci/run

clean: ## Remove the virtualenv, the local database and media
	rm -rf $(VENV) var static_collected
