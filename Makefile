# One command per task. `make serve` and `make test` set everything up on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
NODE_STAMP := node_modules/.installed-from-lock
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

# `DAYS=90 make stale` changes the threshold; `STRICT=1 make stale` fails when a fact is listed.
DAYS ?= 365
# `DATA=path make check` (or build, serve, stale, ids, schema) works on another data folder.
DATA_ARG := $(if $(DATA),--data '$(DATA)')
# `ENGINE=zensical make build` (or properdocs) builds with another engine; MkDocs 1.6 is the default.
export ENGINE

.PHONY: new serve build check schema stale ids test lint format lock clean bench lighthouse engines

new: $(STAMP)  ## start a new comparison: make new DIR=../my-site TITLE="A vs B" SUBJECTS="A, B"
	@$(PY) -m scripts.cli new "$$DIR" --title "$$TITLE" --subjects "$$SUBJECTS"

serve: $(STAMP)  ## build and serve at http://127.0.0.1:8000 with live reload
	$(PY) -m scripts.cli serve $(DATA_ARG)

build: $(STAMP)  ## build the site into site/
	$(PY) -m scripts.cli build $(DATA_ARG)

check: $(STAMP)  ## validate the data alone
	@$(PY) -m scripts.cli check $(DATA_ARG)

schema: $(STAMP)  ## rewrite the JSON Schemas in data/schema/
	$(PY) -m scripts.cli schema $(DATA_ARG)

stale: $(STAMP)  ## list facts last checked more than DAYS days ago, oldest first
	@$(PY) -m scripts.cli stale --days '$(DAYS)'$(if $(DATA), --data '$(DATA)') $(if $(filter 1 true yes,$(STRICT)),--strict)

ids: $(STAMP)  ## record the published ids in data/ids.lock (after adding or retiring one)
	$(PY) -m scripts.cli ids $(DATA_ARG)

engines: $(STAMP) $(CHROMIUM)  ## build with MkDocs, ProperDocs and Zensical into .build/engines/ and check each output
	$(PY) -m scripts.checks.engines

# `make bench ARGS=--preview-only` times the preview alone; ARGS passes any option of scripts/checks/bench.py.
bench: $(STAMP)  ## time builds of synthetic data sets, `make check`, the comparison page's weight and the preview
	$(PY) -m scripts.checks.bench $(ARGS)

lighthouse: build $(NODE_STAMP) $(CHROMIUM)  ## Lighthouse scores of every page type, the site served with gzip
	$(PY) -m scripts.checks.lighthouse

test: $(STAMP) $(CHROMIUM) $(NODE_STAMP) | data/schema  ## run every test (installs Debian's Chromium for the browser tests)
	ENGINE=mkdocs $(PY) -m pytest  # the gates are MkDocs' figures; tests/test_engines.py checks the other engines

# Data brought in from elsewhere has no schemas yet: the first `make test` writes them, as `make schema`
# does. Once they exist, a test holds them to the model and the data, and `make schema` updates them.
data/schema: | $(STAMP)
	$(PY) -m scripts.cli schema

lint: $(STAMP)  ## ruff (lint and format check) and mypy; CI runs it before the tests
	$(PY) -m ruff check scripts tests
	$(PY) -m ruff format --check scripts tests
	$(PY) -m mypy

format: $(STAMP)  ## let ruff fix what it can and format the code
	$(PY) -m ruff check --fix scripts tests
	$(PY) -m ruff format scripts tests

# The browser tests drive the system's Chromium; Playwright never downloads one.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Lighthouse, pinned in package-lock.json; 12.2.3 is the last release that runs on Node 20.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

lock:  ## re-resolve the dependencies of pyproject.toml into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['test']))" > .lock-venv/direct.txt
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r .lock-venv/direct.txt
	.lock-venv/bin/pip freeze > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .build
