# Mission Dashboard — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
LOAD_ARGS ?=

# Installs exactly the pinned, hashed versions of requirements/lock.txt (resolved from pyproject.toml by
# `make lock`). The project itself is not installed: it runs from the checkout.
$(VENV)/.installed: pyproject.toml requirements/lock.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/lock.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.PHONY: install
install: $(VENV)/.installed node_modules/.installed ## Install Python and front-end dependencies

.PHONY: lock
lock: install ## Resolve requirements/lock.txt again from pyproject.toml (after changing a dependency)
	$(VENV)/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras \
	  --output-file requirements/lock.txt pyproject.toml

.PHONY: migrate
migrate: install ## Apply database migrations
	$(PY) manage.py migrate --no-input

.PHONY: demo-data
demo-data: migrate ## Load the real demo data and the demo users (safe to run again)
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_sources --base-url http://$(HOST):$(PORT)

.PHONY: demo
demo: demo-data ## Set up and serve the demo at http://$(HOST):$(PORT) (default 127.0.0.1:8000) with a worker and a scheduler
	@mkdir -p var/log
	@echo "Starting the Celery worker and beat (logs in var/log/) and the web server on http://$(HOST):$(PORT)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(VENV)/bin/celery -A config worker -Q pulls,uploads,packs,celery --loglevel=INFO --concurrency=1 --pool=solo > var/log/worker.log 2>&1 & \
	  $(VENV)/bin/celery -A config beat --loglevel=INFO --pidfile= > var/log/beat.log 2>&1 & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

.PHONY: test
test: install ## Install what is missing and run the whole test suite
	$(VENV)/bin/pytest $(PYTEST_ARGS)

.PHONY: lint
lint: install ## Ruff (lint and format), mypy on the domain modules, and a check that no migration is missing
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

.PHONY: format
format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: bench
bench: install ## Run the benchmarks (needs DATABASE_URL pointing at PostgreSQL)
	@status=0; for script in bench/[!_]*.py; do \
	  case $$script in bench/scale*) continue;; esac; \
	  echo "== $$script"; $(PY) $$script || status=1; done; exit $$status

.PHONY: bench-scale
bench-scale: install ## Reads at 50M observations against 10k, and partitioned copies (about 35 min, 30 GB)
	$(PY) bench/scale.py --rows 50000000

.PHONY: load
load: install ## Load run (docs/load.md): 50 users for 5 min during a 1M-row upload and pulls; DATABASE_URL, REDIS_URL
	$(PY) bench/load/run.py $(LOAD_ARGS)

.PHONY: check-deploy
check-deploy: install ## Django's deployment checklist with production settings
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$${SECRET_KEY:-check-deploy-only-$$(date +%s%N)-not-a-real-secret-key-0123456789} \
	  ALLOWED_HOSTS=$${ALLOWED_HOSTS:-missions.example.gov.uk} $(PY) manage.py check --deploy --fail-level WARNING

.PHONY: clean
clean: ## Remove the virtualenv, node_modules and var/
	rm -rf $(VENV) node_modules var

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'
