# The generator's repository, which is also its example site. One command per task;
# `make serve` and `make test` set everything up on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VERSUS := $(VENV)/bin/versus
STAMP := $(VENV)/.installed-from-lock
NODE_STAMP := node_modules/.installed-from-lock
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

# Make variables reach the command line through the environment, never through the shell's quoting:
# `make check DATA=path` (or build, serve, stale, ids, schema) works on another data folder;
# `make stale DAYS=90` changes the threshold, `STRICT=1` makes it fail when a fact is listed;
# `make build ENGINE=zensical` (or properdocs) builds with another engine; MkDocs 1.6 is the default;
# `make diff BASE=main` compares the data with a git revision, `FORMAT=json` gives it as data.
# `$(value ...)` keeps a `$` in a value as typed: make would otherwise read it as a variable of its own.
export VERSUS_DATA := $(value DATA)
export NEW_DIR := $(value DIR)
export NEW_TITLE := $(value TITLE)
export NEW_SUBJECTS := $(value SUBJECTS)
export DAYS ?= 365
export ENGINE
export ARGS
export BASE
export FORMAT ?= markdown

.PHONY: new serve build check schema stale ids diff doctor test test-all lint format lock clean bench lighthouse engines wheel

new: $(STAMP)  ## start a new comparison: make new DIR=../my-site TITLE="A vs B" SUBJECTS="A, B"
	@$(VERSUS) new "$$NEW_DIR" --title "$$NEW_TITLE" --subjects "$$NEW_SUBJECTS"

serve: $(STAMP)  ## build and serve at http://127.0.0.1:8000 with live reload
	$(VERSUS) serve

build: $(STAMP)  ## build the site into site/
	$(VERSUS) build

check: $(STAMP)  ## validate the data alone
	@$(VERSUS) check

schema: $(STAMP)  ## rewrite the JSON Schemas in data/schema/
	$(VERSUS) schema

stale: $(STAMP)  ## list facts last checked more than DAYS days ago, oldest first
	@$(VERSUS) stale --days "$$DAYS" $(if $(filter 1 true yes,$(STRICT)),--strict)

ids: $(STAMP)  ## record the published ids in data/ids.lock (after adding or retiring one)
	$(VERSUS) ids

diff: $(STAMP)  ## what the data's edits do to the comparison against a git revision: make diff BASE=main [FORMAT=json]
	@$(VERSUS) diff --base "$$BASE" --format "$$FORMAT"

doctor: $(STAMP)  ## list the example's overrides of the generator's files whose original changed
	$(VERSUS) doctor

engines: $(STAMP) $(CHROMIUM)  ## build with MkDocs, ProperDocs and Zensical into .build/engines/ and check each output
	$(VERSUS) engines

# `make bench ARGS=--preview-only` times the preview alone; ARGS passes any option of the bench.
bench: $(STAMP)  ## time builds of synthetic data sets, `make check`, the comparison page's weight and the preview
	$(PY) -c 'import os, shlex, sys; from versus.cli import main; sys.exit(main(["bench", *shlex.split(os.environ.get("ARGS", ""))]))'

lighthouse: build $(NODE_STAMP) $(CHROMIUM)  ## Lighthouse scores of every page type, the site served with gzip
	$(PY) -m versus.checks.lighthouse

# The gates are MkDocs' figures (ENGINE=mkdocs); tests/test_engines.py checks the other engines. The default tier runs a
# test file per core; the campaigns run alone afterwards, since Lighthouse's performance score wants a quiet machine.
test: $(STAMP) $(CHROMIUM) $(NODE_STAMP) | data/schema  ## the generator's tests: unit, rendering, build and browser (about 5 minutes on 2 cores)
	ENGINE=mkdocs $(PY) -m pytest -m "not campaign" --numprocesses=auto --maxprocesses=4 --dist=loadfile

test-all: test  ## every test: adds the long campaigns (engines, Lighthouse, axe everywhere, a new site's own CI); CI runs it
	ENGINE=mkdocs $(PY) -m pytest -m campaign

# Data brought in from elsewhere has no schemas yet: the first `make test` writes them, as `make schema`
# does. Once they exist, a test holds them to the model and the data, and `make schema` updates them.
data/schema: | $(STAMP)
	$(VERSUS) schema

lint: $(STAMP)  ## ruff (lint and format check) and mypy; CI runs it before the tests
	$(PY) -m ruff check scripts tests
	$(PY) -m ruff format --check scripts tests
	$(PY) -m mypy

format: $(STAMP)  ## let ruff fix what it can and format the code
	$(PY) -m ruff check --fix scripts tests
	$(PY) -m ruff format scripts tests

wheel: $(STAMP)  ## build the generator's wheel into dist/
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist .

# The browser tests drive the system's Chromium; Playwright never downloads one.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Lighthouse and the YAML language server, pinned in package-lock.json; Lighthouse 12.2.3 is the last that runs on Node 20.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The pinned dependencies, then the generator itself in development mode: the example site is built by the package.
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

lock:  ## re-resolve pyproject.toml's dependencies: requirements.lock (a site's build) and requirements-dev.lock (tests and tools)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies']))" > .lock-venv/runtime.txt
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r .lock-venv/runtime.txt
	.lock-venv/bin/pip freeze > requirements.lock
	.lock-venv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['optional-dependencies']['dev']))" > .lock-venv/dev.txt
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r .lock-venv/dev.txt -c requirements.lock
	.lock-venv/bin/pip freeze | grep -vxFf requirements.lock > requirements-dev.lock
	rm -rf .lock-venv

clean:
	rm -rf site .build dist
