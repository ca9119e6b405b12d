# Tingwu: `make run` serves the platform with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TINGWU := $(VENV)/bin/tingwu
STAMP := $(VENV)/.installed
NODE_STAMP := federation/node_modules/.installed

.PHONY: install install-federation run test federation lock schema bench bench-compare clean

$(STAMP): requirements.lock pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

# The provincial gateway and the 12345 hotline subgraph (Node, pinned by federation/package-lock.json).
$(NODE_STAMP): federation/package.json federation/package-lock.json
	npm ci --prefix federation --no-audit --no-fund
	@touch $(NODE_STAMP)

install-federation: $(NODE_STAMP)

run: install
	$(TINGWU) db upgrade
	$(TINGWU) demo load
	$(TINGWU) serve

test: install install-federation
	$(PY) -m pytest $(PYTEST_ARGS)

# Tingwu, the 12345 hotline subgraph and the gateway on 127.0.0.1 (see docs/federation.md).
federation: install install-federation
	federation/run.sh

schema: install
	$(TINGWU) schema export

bench: install
	$(PY) bench/run.py

# Tingwu against PostGraphile on the same PostgreSQL data (see docs/performance.md).
bench-compare: install
	npm ci --prefix bench/postgraphile --no-audit --no-fund
	$(PY) bench/compare.py

lock: install
	@echo "# Pinned dependencies of Tingwu (runtime and test). Regenerate with: make lock" > requirements.lock
	$(PY) -m pip freeze --all --exclude-editable | grep -v -i '^tingwu' | grep -v '^pip==' >> requirements.lock

clean:
	rm -rf $(VENV) tingwu.db tingwu.db-wal tingwu.db-shm .pytest_cache federation/node_modules
