# Two commands do everything on a fresh machine:
#   make run   set up, load demo data, start the task worker and http://127.0.0.1:8000
#   make test  set up and run every check and test (SQLite; see .ci/run for PostgreSQL)

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMPS := .stamps

.PHONY: run test setup frontend lint check pytest test-postgres bench messages clean release backup restore-check

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty
	@echo "Starting the task worker and the web server at http://127.0.0.1:8000 (Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) task_worker & \
	  $(MANAGE) runserver 127.0.0.1:8000

test: setup
	./scripts/system-deps
	$(MAKE) lint check pytest

setup: $(STAMPS)/python $(STAMPS)/frontend

$(STAMPS)/python: pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(PY) || "$$(./scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

$(STAMPS)/frontend: package.json package-lock.json $(shell find static/src -type f 2>/dev/null) static/build.mjs
	@mkdir -p $(STAMPS)
	# --ignore-scripts: vnu-jar would fetch a Java runtime; scripts/system-deps installs Debian's.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $@

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

pytest:
	$(VENV)/bin/pytest -n 2

# Page speed under gunicorn and wrk (bench/pages.py, docs/performance.md); not part of `make test`.
bench: setup
	./scripts/system-deps bench
	$(PY) bench/pages.py

# After editing locale/en_GB/LC_MESSAGES/django.po (our wording for allauth's pages).
messages:
	msgfmt --check-format -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) node_modules static/build $(STAMPS)

# Production (docs/deploy.md). These read the environment (DATABASE_URL, ...)
# and never install anything.

# Once per deploy, before new processes start: the schema, then Django's deploy checks.
release:
	$(MANAGE) migrate --noinput
	$(MANAGE) check --deploy --fail-level WARNING

# pg_dump of DATABASE_URL (and the media folder when on disk) into BACKUP_DIR.
backup:
	./scripts/backup

# Restore the newest dump (or DUMP=file) into RESTORE_DATABASE_URL and compare.
restore-check:
	$(PY) scripts/restore-check $(DUMP)
