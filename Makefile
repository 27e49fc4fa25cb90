# The portal's commands. `make site` builds the portal, `make test` runs the tests; both set up
# what they need on a fresh Debian/Ubuntu machine with Python 3.11+.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# MkDocs 1.6 and Material 9.8 print an end-of-life banner at each build; the pins are deliberate.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: new-country offline site serve check test fuzz bench lighthouse schema clean system-deps pdf-deps java

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

## Build the portal into site/ (validates the content first). PDF=0 skips the PDFs.
# The build goes to .cache/site-next and replaces site/ only when everything succeeded:
# a failed build never destroys the last good site.
site: $(BIN)/.installed pdf-deps
	rm -rf .cache/site-next
	$(BIN)/mkdocs build --strict --site-dir .cache/site-next
	$(MAKE) --no-print-directory offline SITE=.cache/site-next
	rm -rf .cache/site-old; if [ -d site ]; then mv site .cache/site-old; fi
	mv .cache/site-next site && rm -rf .cache/site-old
	@echo "Built site/ (open site/index.html through a web server, or the offline zip from disk)"

## The offline edition: the whole site for file://, zipped into $(SITE)/downloads/.
SITE ?= site
offline: $(BIN)/.installed
	PORTAL_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir .cache/offline-site
	$(BIN)/python -m portal offline-zip .cache/offline-site $(SITE)

## Live preview for editors; rebuilds once when countries/, objectives/ or docs/ change.
# Builds the default language only and, after the first build, only the pages whose source
# changed (--dirty: a second, where every page in every language takes ten); PREVIEW_LANG=fr
# adds French. PREVIEW_ALL=1 builds every page in every language, as `make site` does.
# ADDR=0.0.0.0:8080 serves on another address and port (default 127.0.0.1:8000).
serve: $(BIN)/.installed
	$(BIN)/mkdocs serve $(if $(filter 1,$(PREVIEW_ALL)),,--dirty) $(if $(ADDR),--dev-addr "$(ADDR)")

## Validate the content without building: make check [PATHS="countries/mali"] [STRICT=1]
check: $(BIN)/.installed
	$(BIN)/python -m portal check $(if $(STRICT),--strict) $(PATHS)

## Pango, which WeasyPrint renders PDFs with (on most Debian/Ubuntu machines already).
pdf-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

## A new country folder: make new-country SLUG=chad ISO=TCD NAME="Chad" REGION=africa OFFICIAL_LANGS="fr ar"
# OFFICIAL_LANGS: the country's official languages (ISO 639-1), recorded in country.yml; the
# portal's languages are mkdocs.yml's. Only the default language's narrative is written.
# (LANGS, its former name, still works.)
OFFICIAL_LANGS ?= $(LANGS)
new-country: $(BIN)/.installed
	$(BIN)/python -m portal new-country --slug "$(SLUG)" --iso "$(ISO)" --name "$(NAME)" \
		--region "$(REGION)" --official-languages "$(OFFICIAL_LANGS)"

## System packages the tests need: Chromium for the browser tests, poppler for PDFs, and a
## Chinese font (WenQuanYi Micro Hei, 5 MB) that tests/fixtures/programme3 declares.
system-deps: pdf-deps
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null \
		|| ! fc-list | grep -q wqy-microhei; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils \
			fonts-wqy-microhei >/dev/null; \
	fi

## axe-core, injected by the browser tests to check accessibility (npm registry, pinned).
AXE := .cache/node/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix .cache/node axe-core@4.14.1

## acorn, which parses the portal's scripts as Safari 15 would (npm registry, pinned).
ACORN := .cache/node/node_modules/acorn/bin/acorn
$(ACORN): $(AXE)
	npm install --silent --no-audit --no-fund --prefix .cache/node acorn@8.15.0
	@touch $(ACORN)

## schema-dts, whose schema.d.ts is schema.org's vocabulary (types, properties, enumeration
## members) read offline by tests/unit/test_jsonld.py (npm registry, pinned).
SCHEMA_DTS := .cache/node/node_modules/schema-dts/dist/schema.d.ts
$(SCHEMA_DTS): $(AXE)
	npm install --silent --no-audit --no-fund --prefix .cache/node schema-dts@2.1.0
	@touch $(SCHEMA_DTS)

## Outside checkers (npm registry, pinned): Lighthouse 12.2.3 (13 needs Node 22) and the Nu
## HTML Checker, which needs a Java runtime (Debian default-jre-headless).
LIGHTHOUSE := .cache/node/node_modules/.bin/lighthouse
VNU := .cache/node/node_modules/vnu-jar/build/dist/vnu.jar
$(LIGHTHOUSE) $(VNU): $(AXE)
	npm install --silent --no-audit --no-fund --prefix .cache/node lighthouse@12.2.3 vnu-jar@26.9.27
	@touch $(LIGHTHOUSE) $(VNU)
java:
	@command -v java >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

## Run every test: lint and types, then unit, build, shipped portal and browser tests.
test: $(BIN)/.installed-test system-deps $(AXE) $(ACORN) $(SCHEMA_DTS) $(LIGHTHOUSE) $(VNU) java
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q tests

## The fuzzer's longer run: hostile strings in every input field, every output parsed
## and the PDFs built too (`make test` runs a few examples without PDFs, with a fixed seed).
FUZZ_EXAMPLES ?= 30
fuzz: $(BIN)/.installed-test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_PDF=1 $(BIN)/python -m pytest -q tests/fuzz
	PROPERTY_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/unit -k "never_a_crash or decodes_to_itself"

schema: $(BIN)/.installed
	$(BIN)/python -m portal schema

## Build speed, page weight and memory against plain MkDocs at 40 and 240 synthetic countries,
## and the editors' preview (about 10 minutes on 2 cores); PDF=1 adds PDF throughput.
bench: $(BIN)/.installed
	$(BIN)/python tools/bench.py --repeat 2 $(if $(filter 1,$(PDF)),--pdf --rebuild --pdf-cache .cache/pdf)
	$(BIN)/python tools/bench_narratives.py

## Lighthouse (mobile) on the shipped portal, served gzip-compressed as a host would: home, a
## country in Arabic, the catalogue; best of three runs a page. Measure on a quiet machine.
lighthouse: $(BIN)/.installed-test system-deps $(LIGHTHOUSE)
	rm -rf .cache/lighthouse-site
	PDF=0 $(BIN)/mkdocs build -q --strict --site-dir .cache/lighthouse-site
	$(BIN)/python tools/lighthouse.py .cache/lighthouse-site

clean:
	rm -rf site .cache test-artifacts
