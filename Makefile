# Tingwu: `make run` serves the platform with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TINGWU := $(VENV)/bin/tingwu
STAMP := $(VENV)/.installed

.PHONY: install run test lock schema bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(TINGWU) db upgrade
	$(TINGWU) demo load
	$(TINGWU) serve

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

schema: install
	$(TINGWU) schema export

bench: install
	$(PY) bench/run.py

lock: install
	@echo "# Pinned dependencies of Tingwu (runtime and test). Regenerate with: make lock" > requirements.lock
	$(PY) -m pip freeze --all --exclude-editable | grep -v -i '^tingwu' | grep -v '^pip==' >> requirements.lock

clean:
	rm -rf $(VENV) tingwu.db tingwu.db-wal tingwu.db-shm .pytest_cache
