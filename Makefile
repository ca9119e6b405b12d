# Tingwu: `make run` serves the platform with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TINGWU := $(VENV)/bin/tingwu
STAMP := $(VENV)/.installed
NODE_STAMP := federation/node_modules/.installed
AUDIT_STAMP := conformance/node_modules/.installed
WEB_STAMP := web/node_modules/.installed

.PHONY: install install-federation install-conformance install-web install-browser system-deps system-deps-run web run test federation lock schema bench bench-compare clean

$(STAMP): requirements.lock pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

# Debian packages. The platform: the CJK font embedded in PDF documents (fonts-wqy-microhei, Apache-2.0/GPLv3
# with the font exception). Its tests: pdftoppm (poppler-utils) and zbarimg (zbar-tools) to check the PDFs,
# Debian's headless Chromium, its driver and CJK fonts for the browser tests (no browser download).
RUN_PACKAGES := fonts-wqy-microhei
TEST_PACKAGES := $(RUN_PACKAGES) poppler-utils zbar-tools chromium chromium-driver fonts-noto-cjk
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing $$missing"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
endef
system-deps-run:
	$(call apt_install,$(RUN_PACKAGES))
system-deps:
	$(call apt_install,$(TEST_PACKAGES))

# The provincial gateway and the 12345 hotline subgraph (Node, pinned by federation/package-lock.json).
$(NODE_STAMP): federation/package.json federation/package-lock.json
	npm ci --prefix federation --no-audit --no-fund
	@touch $(NODE_STAMP)

install-federation: $(NODE_STAMP)

# graphql-http's server audit (GraphQL over HTTP), run by tests/test_graphql_over_http.py (pinned by its lock file).
$(AUDIT_STAMP): conformance/package.json conformance/package-lock.json
	npm ci --prefix conformance --no-audit --no-fund
	@touch $(AUDIT_STAMP)

install-conformance: $(AUDIT_STAMP)

# The hall pages (web/): their build (web/dist) is committed, so serving them needs no Node; the tests
# use the pinned tools (vite, axe-core) to check that build and the pages' accessibility.
$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	@touch $(WEB_STAMP)

install-web: $(WEB_STAMP)

# Remake web/dist after changing web/src (commit both).
web: install-web
	npm run --prefix web build

install-browser: system-deps

run: install system-deps-run
	$(TINGWU) db upgrade
	$(TINGWU) demo load
	$(TINGWU) serve

test: install install-federation install-conformance install-web system-deps
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
	rm -rf $(VENV) tingwu.db tingwu.db-wal tingwu.db-shm .pytest_cache federation/node_modules conformance/node_modules web/node_modules test-artifacts
