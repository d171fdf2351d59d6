# WIO: `make run` serves the demo, `make test` runs every check. Both set up everything they need.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := 3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000

.PHONY: env test-env run worker test lint typecheck templates pytest messages bench screenshots bench-national clean

$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv sync --frozen
	@touch $@

# The local OpenID provider of the single sign-on tests (tests/oidc_provider, ADR 0032), from its lock file.
OIDC_PROVIDER := tests/oidc_provider
$(OIDC_PROVIDER)/node_modules/.installed: $(OIDC_PROVIDER)/package.json $(OIDC_PROVIDER)/package-lock.json
	npm ci --prefix $(OIDC_PROVIDER) --no-audit --no-fund
	@touch $@

env: $(VENV)/.synced

# Only the tests need Node.js: `make run` stays Python alone.
test-env: env $(OIDC_PROVIDER)/node_modules/.installed

# Embedded default: SQLite under var/ and Celery inline. DATABASE_URL / CELERY_BROKER_URL switch to
# PostgreSQL and Redis; with a broker, a worker and beat run next to the web server.
run: env
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
		$(VENV)/bin/celery -A wio worker --beat -l info --schedule var/celerybeat-schedule & \
	fi; \
	exec $(MANAGE) runserver 127.0.0.1:$(PORT)

worker: env
	$(VENV)/bin/celery -A wio worker --beat -l info --schedule var/celerybeat-schedule

test: lint typecheck templates pytest

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: env
	$(VENV)/bin/mypy .

templates: env
	$(VENV)/bin/djlint templates --lint

pytest: test-env
	$(VENV)/bin/pytest

# Regenerate the Dutch catalogue after changing translatable strings (needs gettext).
messages: env
	$(MANAGE) makemessages --locale nl --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --no-obsolete
	$(MANAGE) compilemessages --locale nl --ignore ".venv/*"

# Response times and query counts of the main pages on the demo data (SQLite by default,
# PostgreSQL with DATABASE_URL).
bench: env
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) bench_cases
	$(MANAGE) bench_report

# Full-page PNGs of the case list, a dossier (1366 and 390 px), the audit trail and page 3 of the national
# report in var/screenshots/, from a throwaway demo (DATABASE_URL to use that database instead); needs
# Debian's chromium and poppler-utils.
screenshots: env
	$(MANAGE) screenshots

# The national-scale benchmark (issue 13, README "Benchmark op landelijke schaal"): its own database,
# 100,000 cases (BENCH_CASES=5000 for a quick run), gunicorn and a Celery worker. CI does not run it.
BENCH_CASES ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wio_bench
BENCH_MANAGE := DJANGO_SETTINGS_MODULE=wio.settings.bench DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE)
bench-national: env
	$(BENCH_MANAGE) bench_national_createdb
	$(BENCH_MANAGE) migrate --noinput
	$(BENCH_MANAGE) collectstatic --noinput
	$(BENCH_MANAGE) bench_national_seed --cases $(BENCH_CASES)
	$(BENCH_MANAGE) bench_national_run

clean:
	rm -rf $(VENV) var
