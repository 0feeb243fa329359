# refcheck: `make demo` runs the audit on the sample corpus, `make test` the tests.
# Each installs what it needs (.venv, packages, the spaCy pipeline) by itself.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0 && $(BIN)/pip install --quiet -e '.[dev,model,semantic]'
	@touch $(STAMP)

demo: setup
	@# the sample corpus against the sample library; findings are the point, so exit 1 is fine
	$(BIN)/refcheck audit corpus/ --bib bib/ --fail-on never

test: setup
	@# the HTML report's browser tests drive Debian's chromium (installed once, as root)
	@test -x /usr/bin/chromium || sh tools/ensure_chromium.sh
	$(BIN)/python -m pytest -n 2

eval: setup
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev \
	    --cmd '$(CURDIR)/$(BIN)/refcheck audit {doc} --bib {bib} --format json'

bench: setup
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_claims.py
	$(BIN)/python benchmarks/refstrings.py
	$(BIN)/python benchmarks/library_load.py
	$(BIN)/python benchmarks/bench_bib_clean.py
	$(BIN)/python benchmarks/bench_match.py

docs: setup
	$(BIN)/python tools/gen_rule_docs.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
