# Free as in What? — every command a reader, contributor or CI needs.
# `make serve` and `make test` install everything first (project-local .venv,
# pinned by hash; node tools pinned in package-lock.json; Debian packages).

VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
SITE    ?= site
APT_PACKAGES := chromium fonts-roboto-unhinted libcairo2 graphviz
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
PIP     := --quiet --disable-pip-version-check

.PHONY: help install system-deps serve build check lint test test-fast lock new-essay exports manifest benchmark benchmark-links benchmark-bare benchmark-safety benchmark-lighthouse benchmark-zensical build-zensical clean

help: ## List every target with what it does
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 28

# The hashed lock cannot hash the local project: the engine (mkdocs-debate, src/)
# is installed as a second step, editable and without dependencies.
$(VENV)/.installed: requirements.txt package.json package-lock.json pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP) --require-hashes -r requirements.txt
	$(PY) -m pip install $(PIP) --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The git hook (.pre-commit-config.yaml) is installed from a clone's own work tree. A linked
# worktree (git worktree add) shares its hooks with the main one, and the hook would run this
# worktree's .venv for all of them: it is left to the main work tree. Outside git, nothing.
install: $(VENV)/.installed ## Python and node dependencies (pinned) and the engine, into .venv; the pre-commit hook
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  if [ "$$(git rev-parse --git-dir)" = "$$(git rev-parse --git-common-dir)" ]; then \
	    $(VENV)/bin/pre-commit install >/dev/null && echo "pre-commit hook installed (.git/hooks/pre-commit)" \
	      || echo "pre-commit hook not installed (see above); the tests do not need it"; \
	  else echo "pre-commit hook: a linked worktree shares the main work tree's hooks; run make install there"; fi; \
	fi

system-deps: ## Debian packages the build and browser tests need (chromium, cairo)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

serve: system-deps install ## Serve the site below site_url's path, http://127.0.0.1:8000/<path>/, drafts marked, with live reload
	$(PY) -m mkdocs serve --livereload -a 127.0.0.1:8000

build: system-deps install ## Strict build into site/, then Pagefind's search index into site/pagefind/
	$(PY) -m mkdocs build --strict -d $(SITE)

check: install ## Content checker only: path:line: message for every problem
	$(VENV)/bin/debate-check

lint: install ## ruff (lint and format check) on the engine, tools, benchmarks and tests
	$(VENV)/bin/ruff check src tools benchmarks tests
	$(VENV)/bin/ruff format --check src tools benchmarks tests

test: system-deps install ## The whole test suite (lint, content, builds, browser, accessibility)
	$(VENV)/bin/ruff check src tools benchmarks tests
	$(VENV)/bin/ruff format --check src tools benchmarks tests
	$(VENV)/bin/debate-check
	$(VENV)/bin/debate-export --check
	$(PY) -m pytest tests

test-fast: install ## Unit and golden tests only (no build, no browser): a few minutes, while you work
	$(PY) -m pytest -m "unit or golden" tests

new-essay: install ## Scaffold a draft essay and print its preview address: make new-essay TITLE="My title"
	$(VENV)/bin/debate-new-essay "$(TITLE)"

exports: install ## Regenerate the JSON exports (glossary, models, timeline, claims)
	$(VENV)/bin/debate-export

manifest: install ## Record new published URLs and anchors in tests/url-manifest.txt
	$(VENV)/bin/debate-manifest --update

BENCH_SIZES ?= 0 500 2000 10000
benchmark: system-deps install ## Build CPU, wall, peak memory, page and search weights at 0-10,000 essays (BENCH_SIZES=..., BEFORE=checkout)
	$(PY) benchmarks/build_growth.py --sizes $(BENCH_SIZES) $(if $(BEFORE),--compare $(BEFORE))

benchmark-links: system-deps install ## Cost of the cross-linker vs a bare build and the abbr recipe
	$(PY) benchmarks/cross_links.py

BARE_ESSAYS ?= 2000
benchmark-bare: system-deps install ## Engine build CPU vs the same config without it and vs bare Material (BARE_ESSAYS=...)
	$(PY) benchmarks/bare_ratio.py --essays $(BARE_ESSAYS)

benchmark-safety: system-deps install ## Cost of the contributor-safety checks: checked vs unchecked builds
	$(PY) benchmarks/safety_cost.py

benchmark-lighthouse: system-deps install ## Lighthouse scores and weights, ours vs bare Material
	$(PY) benchmarks/lighthouse.py

ZENSICAL_VENV ?= .venv-zensical
SITE_ZENSICAL ?= site-zensical

$(ZENSICAL_VENV)/.installed: requirements-zensical.txt pyproject.toml
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install $(PIP) --require-hashes -r requirements-zensical.txt
	$(ZENSICAL_VENV)/bin/python -m pip install $(PIP) --no-deps --no-build-isolation -e .
	touch $@

build-zensical: $(ZENSICAL_VENV)/.installed ## Build the same site with Zensical into site-zensical/ (no plugin: see README)
	$(ZENSICAL_VENV)/bin/debate-check
	$(ZENSICAL_VENV)/bin/python tools/build_zensical.py $(SITE_ZENSICAL)

benchmark-zensical: system-deps install $(ZENSICAL_VENV)/.installed ## MkDocs vs Zensical build time, real site and 1,000 essays
	$(PY) benchmarks/zensical.py --essays 0 1000

lock: ## Re-pin requirements.txt from requirements.in
	$(PY) -m piptools compile --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras -q -o requirements.txt requirements.in

clean: ## Remove built sites and caches
	rm -rf $(SITE) $(SITE_ZENSICAL) .cache .pytest_cache build src/*.egg-info
