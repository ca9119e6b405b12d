# Tingwu: `make run` serves the platform with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TINGWU := $(VENV)/bin/tingwu
STAMP := $(VENV)/.installed
NODE_STAMP := federation/node_modules/.installed
WEB_STAMP := web/node_modules/.installed

.PHONY: install install-federation install-web install-browser web run test federation lock schema bench bench-compare clean

$(STAMP): requirements.lock pyproject.toml
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

# The hall pages (web/): their build (web/dist) is committed, so serving them needs no Node; the tests
# use the pinned tools (vite, axe-core) to check that build and the pages' accessibility.
$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	@touch $(WEB_STAMP)

install-web: $(WEB_STAMP)

# Remake web/dist after changing web/src (commit both).
web: install-web
	npm run --prefix web build

# Debian's headless Chromium, its driver and CJK fonts for the browser tests (no browser download).
install-browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk; \
	fi

run: install
	$(TINGWU) db upgrade
	$(TINGWU) demo load
	$(TINGWU) serve

test: install install-federation install-web install-browser
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
	rm -rf $(VENV) tingwu.db tingwu.db-wal tingwu.db-shm .pytest_cache federation/node_modules web/node_modules test-artifacts
