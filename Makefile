# Quick start: `make run` opens the app on the default project; `make test` runs ruff and the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
RUN_QT_QPA_PLATFORM := $(QT_QPA_PLATFORM)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test test-fast interop lint bench app clean check-system check-postgres

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Annotator needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,build]'
	@touch $(STAMP)

check-system:
	@$(PY) -m annotator.core.syscheck

# The team-project tests start a throwaway PostgreSQL server on loopback.
check-postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
		{ echo "make test needs PostgreSQL's server programs (Debian package postgresql):" \
		"sudo apt-get install postgresql  (or: sudo sh tests/team/install_postgres.sh)"; exit 1; }

# `make run` opens a real window, so it does not force the offscreen platform.
run: export QT_QPA_PLATFORM := $(RUN_QT_QPA_PLATFORM)
run: $(STAMP) check-system
	$(PY) -m annotator $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: $(STAMP) check-system check-postgres lint
	$(PY) -m pytest -q -m "not interop"

# The edit loop: the suite without the slow end-to-end and torture tests.
test-fast: $(STAMP) check-system check-postgres lint
	$(PY) -m pytest -q -m "not slow and not interop"

# Real clients (Label Studio, doccano, brat, LibreOffice), installed into a cached folder.
interop: $(STAMP) check-system
	PYTHON=$(PYTHON) sh tests/interop/install.sh
	$(PY) -m pytest -q -m interop tests/interop

bench: $(STAMP) check-system
	$(PY) -m bench

app: $(STAMP) check-system
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

clean:
	rm -rf build dist .pytest_cache
