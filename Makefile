# make run   — set up and start the wizard (a demo mail server and scratch folder unless CONFIG=path is given)
# make test  — set up with test dependencies and run the whole suite offscreen
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CONFIG ?=

.PHONY: run test lint translations binary clean

# pip's and the build backend's chatter goes to $(VENV)/pip.log and is shown only when an install fails.
PIP_QUIET = $(PY) -m pip install -q $(1) >$(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log >&2; exit 1; }

$(PY):
	$(PYTHON) -m venv $(VENV)
	@echo "Setting up $(VENV) (pip's output: $(VENV)/pip.log)"
	@$(call PIP_QUIET,--upgrade pip)

$(VENV)/.run-installed: pyproject.toml | $(PY)
	@echo "Installing the wizard and its dependencies into $(VENV)"
	@$(call PIP_QUIET,-e .)
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(PY)
	@echo "Installing the wizard with its test dependencies into $(VENV)"
	@$(call PIP_QUIET,-e '.[test]')
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	scripts/ensure-system-deps run
	VENV=$(VENV) scripts/build-translations --release-only
	@# exit 1 is "cancelled": the user quit before writing, which is no error of the build
	$(PY) -m wizard $(if $(CONFIG),--config "$(CONFIG)",--demo) || [ $$? -eq 1 ]

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

# The release binaries (dist/smtp-wizard/ and dist/smtp-wizard-<version>-linux-x86_64), built on the old
# base (needs root: docs/binary.md), smoke-tested here and inside the base.
binary: $(VENV)/.test-installed
	packaging/build
	packaging/smoke
	packaging/smoke-base

clean:
	rm -rf $(VENV) build dist *.egg-info
