# Cable Archive: `make serve` builds the example archive and serves it; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CABLES ?= examples/cables
DOCS   := docs
PORT   ?= 8000
# SEARCH_FLAGS=--pagefind adds Pagefind bundles (http only) beside the default index, which works everywhere.
SEARCH_FLAGS ?=
# Names (people, organizations, places) get a page of their own when at least this many cables name them (empty: the
# generator's default, 2); e.g. ENTITY_MIN_CABLES=1 for a page per name.
ENTITY_MIN_CABLES ?=
# `make site` runs MkDocs in parts on large sites (same site as `mkdocs build --strict`); e.g. MKDOCS_ARGS="--parts 8 --jobs 2".
MKDOCS_ARGS ?=
# The site's name and introduction are in mkdocs.yml (`site_name`, `extra.archive`); the example archive has its own.
MKDOCS_CONFIG ?= $(if $(filter examples/cables examples/cables/,$(CABLES)),mkdocs.example.yml,mkdocs.yml)
# Material prints an end-of-life banner on every build unless this is set; the build must print no warnings.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test test-quick site serve open bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Two processes, each test file on one of them (its module fixtures are made once; a site that several files read is
# built once for both), the files with slow tests handed out first (tests/conftest.py orders them).
test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# The inner loop: every test but those marked slow (whole sites and archives built in other processes, Chromium,
# builds stopped on purpose); `make test` runs them all.
test-quick: install
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not slow"

GEN_ARGS = $(if $(ENTITY_MIN_CABLES),--entity-min-cables $(ENTITY_MIN_CABLES),)
# A rebuild does only what changed: the generator is not run when its inputs, code, arguments and docs/ are as the
# last build left them; MkDocs renders only the pages whose Markdown (or theme, config, hooks) changed and writes
# the search index while it runs (generator/site.py; .docs.reuse.json and .site.reuse.json record what was built).
site: install
	@$(BIN)/python -m generator.site inputs --docs $(DOCS) --args "$(GEN_ARGS)" --check $(CABLES) || { \
		$(BIN)/python -m generator build $(CABLES) --docs $(DOCS) $(if $(CI),--quiet,) $(GEN_ARGS) && \
		$(BIN)/python -m generator.site inputs --docs $(DOCS) --args "$(GEN_ARGS)" --save $(CABLES); }
	$(BIN)/python -m generator mkdocs --config $(MKDOCS_CONFIG) --reuse $(if $(SEARCH_FLAGS),,--search) \
		$(if $(CI),--quiet,) $(MKDOCS_ARGS)
	$(if $(SEARCH_FLAGS),$(BIN)/python -m generator search site --docs $(DOCS) $(if $(CI),--quiet,) $(SEARCH_FLAGS))

serve: site
	@echo "Serving site/ at http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

open: site
	$(BIN)/python -m webbrowser -t "file://$(CURDIR)/site/index.html"

# The real archive (../shared/corpus + corpus-2010, skipped when absent) beside calibrated synthetic archives of 1,000
# and 5,000 cables, and the full release projected; e.g. BENCH_ARGS="--real-add 100" or "--sizes 1000 5000 50000".
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache .site.reuse.json .docs.reuse.json
	$(BIN)/python -m generator clean --docs $(DOCS)

# Search benchmark (issue 5): build time, size, peak memory and bytes per query at 1,000 / 5,000 / 20,000 cables.
.PHONY: bench-search
bench-search: install
	$(BIN)/python bench/search_bench.py

# Fidelity (issue "The record"): per field, how often the parse agrees with what each real WikiLeaks page states.
.PHONY: fidelity
fidelity: install
	$(BIN)/python bench/fidelity.py $(FIDELITY_ARGS)
