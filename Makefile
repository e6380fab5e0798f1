# The README's commands. `make run` and `make test` work on a fresh machine: they install uv
# when it is missing, then let uv build the environment from uv.lock.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
# `make run` is a development server: DEBUG on unless the caller says otherwise.
export DEBUG ?= 1
# Must match STARTER_THRESHOLD used for the shipped starter quizzes.
PUBLISH_ABOVE ?= 0.6

.PHONY: help install run setup test test-sqlite test-postgres browser-deps lint format bench

help:
	@echo "make run    install, migrate, import the shipped articles, generate questions, serve on :$(PORT)"
	@echo "make test   the whole suite: SQLite, then a throwaway PostgreSQL, browser tests in Chromium"
	@echo "make lint   ruff check and format check"
	@echo "make bench  load benchmark at scale (BENCH_SCALE=small for a quick one), see bench/README.md"

$(UV):
	python3 -m pip install --user --quiet uv || python3 -m pip install --user --quiet --break-system-packages uv

install: $(UV)
	$(UV) sync --frozen --quiet

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) import_articles content/seeds/ content/library/articles/
	$(MANAGE) generate_questions --publish-above $(PUBLISH_ABOVE)
	$(MANAGE) build_perspective_questions
	$(MANAGE) build_starter_quizzes

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Chromium for the browser tests, from Debian's packages (Playwright's own download can't run here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

# PostgreSQL server binaries for the throwaway cluster, from Debian's packages when missing.
postgres-deps:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing Debian's postgresql for the test cluster"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

test: install browser-deps postgres-deps
	@echo "== checks =="
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	@echo "== the whole suite on SQLite (browser tests included) =="
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(UV) run --frozen pytest
	@echo "== the suite on PostgreSQL (browser tests ran above) =="
	$(UV) run --frozen python -m tests.postgres -- $(UV) run --frozen pytest -m "not browser"

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

format: install
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

# The load benchmark (bench/README.md): throwaway PostgreSQL + gunicorn + wrk on 127.0.0.1.
# BENCH_SCALE=small for a quick run; writes bench/results/<date>-<scale>.md.
bench: install postgres-deps
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the benchmark"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(UV) run --frozen python -m bench.run
