# make run   — set up and start the wizard (a demo mail server and scratch folder unless CONFIG=path is given)
# make test  — set up with test dependencies and run the whole suite offscreen
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CONFIG ?=

.PHONY: run test lint translations binary clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	scripts/ensure-system-deps run
	VENV=$(VENV) scripts/build-translations --release-only
	$(PY) -m wizard $(if $(CONFIG),--config "$(CONFIG)",--demo)

test: $(VENV)/.test-installed
	scripts/ensure-system-deps test
	VENV=$(VENV) scripts/build-translations --release-only
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider
	$(PY) -m ruff check wizard tests bench
	$(PY) -m mypy

lint: $(VENV)/.test-installed
	$(PY) -m ruff check wizard tests bench
	$(PY) -m mypy

translations: $(VENV)/.run-installed
	VENV=$(VENV) scripts/build-translations

# The packaged desktop binaries (dist/smtp-wizard/ and dist/smtp-wizard-<version>-linux-x86_64), smoke-tested.
binary: $(VENV)/.test-installed
	packaging/build
	packaging/smoke

clean:
	rm -rf $(VENV) build dist *.egg-info
