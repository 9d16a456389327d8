# The two commands: `make run` (the app; `make run PORT=8502` for another port) and `make test` (every test layer). `make bench` times the import and the engine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint unit app e2e bench samples clean chromium dovecot postgresql

PORT ?= 8501

run: $(VENV)/.runtime
	@echo "Sollecito: open http://127.0.0.1:$(PORT) in a browser (Ctrl+C stops it)"
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.dev chromium dovecot postgresql lint
	$(BIN)/python -m pytest --e2e

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: $(VENV)/.dev dovecot postgresql
	$(BIN)/python -m pytest tests/unit tests/test_meta.py

app: $(VENV)/.dev dovecot postgresql
	$(BIN)/python -m pytest tests/app

e2e: $(VENV)/.dev chromium dovecot postgresql
	$(BIN)/python -m pytest --e2e tests/e2e

bench: $(VENV)/.dev postgresql
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_engine.py
	$(BIN)/python bench/bench_pages.py
	$(BIN)/python bench/bench_year.py
	$(BIN)/python bench/bench_soak.py
	$(BIN)/python bench/bench_backends.py

samples: $(VENV)/.runtime
	$(BIN)/python sample_data/make_samples.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Debian's chromium for the browser tests; never a browser download.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# Debian's dovecot for the IMAP tests (tests/unit/imap_server.py runs a throw-away instance; the
# package's own service is not needed and not started by the tests).
dovecot:
	@command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null; }

# Debian's PostgreSQL server for the store's tests (started by the suite itself, as a throw-away).
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
