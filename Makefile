# The workshop site's commands. Every target sets up what it needs first, so on a fresh
# machine `make serve` and `make test` are the only two commands a trainer needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Values a user types (make page TITLE="...") are data, never shell or make syntax: they are
# taken unexpanded ($(value ...)) and handed to the scripts in the environment, where a
# front end started with --from-make reads each as one argument, byte for byte.
USER_VARIABLES := KIND TITLE OBJECTIVES SECTION CSV OUT WORKSHEETS REPLY_BY CREDITS TENSION_COLOUR FILE
$(foreach v,$(USER_VARIABLES),$(eval export WORKSHOP_$(v) := $$(value $(v))))
unexport $(USER_VARIABLES)

.PHONY: help venv system serve build check test test-fast bench handouts handouts-large slides offline audit \
        linkcheck page strip-notebooks outline evaluation publish properdocs upgrade clean content-report \
        preview import-references

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $(STAMP)

venv: $(STAMP)  ## Create the virtual environment from the lock (requirements.txt) and install the package

system: $(STAMP)  ## Install the system packages the checks need (Chromium, Java, Hunspell, LibreOffice), if missing
	@$(BIN)/workshop system


serve: $(STAMP)  ## Build and serve the site with live reload on 127.0.0.1:8000
	$(BIN)/workshop serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## Build the site into site/ (strict: any problem fails the build)
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## Check that every page matches a learning objective
	$(BIN)/workshop check

test: $(STAMP) system  ## Run every check and test (the CI command), in parallel workers
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder

test-fast: $(STAMP)  ## The edit-test loop: no browser, no LibreOffice, no whole-site build (under a minute)
	$(BIN)/python -m pytest -n auto --dist loadscope -m "not browser and not slow"

content-report: $(STAMP)  ## Words, citations and repeated sources and figures per page (writes the figures page)
	$(BIN)/workshop content-report --write

bench: $(STAMP)  ## This site against plain Material, paired runs (writes the measured-figures page)
	$(BIN)/workshop bench --write

handouts: $(STAMP)  ## Print every handout to PDF (A4 and US Letter), and the packs, in build/handouts/
	$(BIN)/workshop handouts

handouts-large: $(STAMP)  ## Print every handout participants read in large print (16 pt or more) in build/handouts/
	$(BIN)/workshop handouts --large-print

slides: $(STAMP)  ## Write the PowerPoint decks into build/slides/
	$(BIN)/workshop slides

offline: $(STAMP)  ## Write a zip of the site that works from file:// with no network
	$(BIN)/workshop offline

audit: $(STAMP) system  ## Lighthouse report on one page of each kind (needs Node.js)
	$(BIN)/workshop audit

linkcheck: $(STAMP)  ## Check external links online (not part of make test)
	$(BIN)/workshop links --external

page: $(STAMP)  ## Create a page: make page KIND=concept TITLE="..." OBJECTIVES=LO1,LO2
	$(BIN)/workshop page --from-make

strip-notebooks: $(STAMP)  ## Remove outputs from the committed notebooks
	$(BIN)/workshop strip

outline: $(STAMP)  ## Draft outline for comments: make outline CSV=post-its.csv [TENSION_COLOUR=pink WORKSHEETS=h4.csv REPLY_BY=2027-01-31 CREDITS=names.txt]
	$(BIN)/workshop outline --from-make

evaluation: $(STAMP)  ## Summary of the self-assessment: make evaluation CSV=ratings.csv [OUT=build/x.md]
	$(BIN)/workshop evaluation --from-make

publish: $(STAMP)  ## Build the site to publish, with the handout PDFs, slides and offline copy in site/downloads/
	$(BIN)/workshop handouts
	$(BIN)/workshop handouts --large-print
	$(BIN)/workshop slides
	$(BIN)/workshop offline
	$(BIN)/mkdocs build --strict
	mkdir -p site/downloads
	cp build/slides/workshop.pptx build/handouts/workshop-pack*.pdf build/workshop-site-offline.zip site/downloads/

preview: $(STAMP)  ## The pull-request preview in build/preview/: the site (opens from its folder) and the handout PDFs
	rm -rf build/preview
	$(BIN)/workshop handouts
	$(BIN)/workshop offline --no-strict --output build/preview/site.zip
	$(BIN)/python -m zipfile -e build/preview/site.zip build/preview
	rm build/preview/site.zip
	if [ -d build/handouts ]; then $(BIN)/python -c "import shutil; shutil.copytree('build/handouts', \
	    'build/preview/handouts', ignore=shutil.ignore_patterns('*.json', '.*'))"; fi

import-references: $(STAMP)  ## Add a BibTeX or CSL-JSON export (Zotero...) to the bibliography: make import-references FILE=refs.bib
	$(BIN)/workshop import-references --from-make

properdocs: $(STAMP)  ## Build the same configuration with ProperDocs, the maintained fork
	$(BIN)/properdocs build --strict --config-file mkdocs.yml --site-dir build/properdocs-site

upgrade: $(STAMP)  ## Re-resolve every dependency of pyproject.toml to its newest version into requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check pip-tools
	$(BIN)/pip-compile --quiet --upgrade --strip-extras --extra test --no-header --no-annotate \
	    --no-emit-index-url --no-emit-find-links --output-file requirements.new pyproject.toml
	{ sed -n '1,2p' requirements.txt; cat requirements.new; } > requirements.lock.new && rm requirements.new
	mv requirements.lock.new requirements.txt

clean:  ## Remove built files (never sources)
	rm -rf site build .cache
