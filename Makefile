# dienhinh — `make run` serves the system with demo data on SQLite; `make test` runs the suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Any Python >= 3.12: pyenv's (selected by .python-version), python3.13/3.12 on PATH, or python3.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; \
	done)
HOST ?= 127.0.0.1
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run test venv setup bench loadtest lint lock messages clean worker

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Cần Python >= 3.12 (Python 3.12 or newer is required)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.txt
	touch $@

venv: $(VENV)/.installed

setup: venv
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo

# `make run` is production-shaped: DEBUG=0 (the Vietnamese error pages, never the debug page),
# a random key generated once into var/secret_key, static files collected and served by
# WhiteNoise; plain HTTP on the local address, so no HTTPS redirect or secure-only cookies.
run: export DEBUG = 0
run: export SECRET_KEY_FILE = var/secret_key
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: export ALLOWED_HOSTS ?= $(HOST),127.0.0.1,localhost
run: export SECURE_SSL_REDIRECT = 0
run: export SECURE_COOKIES = 0
run: export SECURE_HSTS_SECONDS = 0
run: var/secret_key setup
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@$(PY) manage.py demo_logins
	$(PY) manage.py run_with_worker $(HOST):$(PORT)

var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

test: venv
	DEBUG=0 TESTING=1 $(PY) -m pytest -q -n 2 --dist loadfile

bench: venv
	$(PY) manage.py bench

# Users of mixed roles against gunicorn (DEBUG=0) on a copy of the SQLite demo, or on the
# PostgreSQL database DATABASE_URL names (it must hold the demo); LOADTEST_USERS (20,50) and
# LOADTEST_SECONDS (180) bound it. docs/benchmarks.md, "Load test".
loadtest: venv
	@[ -n "$$DATABASE_URL" ] || [ -f var/dienhinh.sqlite3 ] || $(MAKE) setup
	$(PY) manage.py loadtest

lint: venv
	$(VENV)/bin/ruff check .

messages: venv
	$(PY) manage.py makemessages -l vi -l en --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks --ignore=templates/admin
	$(PY) scripts/fill_catalogs.py locale
	$(PY) manage.py compilemessages --ignore=.venv

lock:
	uv lock && uv export --frozen --no-emit-project --all-groups --format requirements-txt -o requirements.txt

clean:
	rm -rf $(VENV) var
