# make run   — set up and start the wizard (a demo mail server and scratch folder unless CONFIG=path is given)
# make test  — set up with test dependencies and run the whole suite offscreen
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CONFIG ?=

.PHONY: run test lint translations clean

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
	$(PY) -m wizard $(if $(CONFIG),--config "$(CONFIG)",--demo)

test: $(VENV)/.test-installed
	scripts/ensure-system-deps test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider
	$(PY) -m ruff check wizard tests bench
	$(PY) -m mypy

lint: $(VENV)/.test-installed
	$(PY) -m ruff check wizard tests bench
	$(PY) -m mypy

clean:
	rm -rf $(VENV) build dist *.egg-info
