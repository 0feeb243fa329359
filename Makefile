# refcheck: `make demo` runs the audit on the sample corpus, `make test` the tests.
# Each installs what it needs (.venv, packages, the spaCy pipeline) by itself.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval eval-dev eval-generated eval-real eval-covid bench docs clean train fuzz

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0 && $(BIN)/pip install --quiet -e '.[dev,model,semantic,dask]'
	@touch $(STAMP)

demo: setup
	@# the sample corpus against the sample library; findings are the point, so exit 1 is fine
	$(BIN)/refcheck audit corpus/ --bib bib/ --fail-on never

test: setup
	@# the HTML report's browser tests drive Debian's chromium (installed once, as root)
	@test -x /usr/bin/chromium || sh tools/ensure_chromium.sh
	$(BIN)/python -m pytest -n 2

# Evaluation: every set of $(SHARED)/eval audited in one process per core (tools/eval_batch.py), then scored
# by the shared scorers. Cases made from fetched repositories (real, covid) are built once under EVAL_OUT,
# outside the repository; a set whose repositories are not under MIRROR_ROOT is skipped with one line.
MIRROR_ROOT ?= $(abspath ../.mirror)
EVAL_OUT ?= $(HOME)/.cache/refcheck-eval
EVAL_JOBS ?= 2
EVAL = $(BIN)/python tools/eval_batch.py run --shared $(SHARED) --mirror-root $(MIRROR_ROOT) --out $(EVAL_OUT) --jobs $(EVAL_JOBS)

# one scored table per set: dev and generated are cases as given; real and covid are built from their
# folder's scripts (real: the repositories' exact truth and injected errors; covid: Check-COVID claims)
DEV_SET := $(SHARED)/eval/dev/
GENERATED_SET := $(SHARED)/eval/generated/
REAL_SET := $(SHARED)/eval/real/
COVID_SET := $(SHARED)/eval/covid/

eval: setup
	$(EVAL) $(DEV_SET) $(GENERATED_SET) $(REAL_SET) $(COVID_SET)

eval-dev: setup
	$(EVAL) $(DEV_SET)

eval-generated: setup
	$(EVAL) $(GENERATED_SET)

eval-real: setup
	$(EVAL) $(REAL_SET)

eval-covid: setup
	$(EVAL) $(COVID_SET)

# Fitted decisions: each step fits its weights and thresholds on data under EVAL_OUT (outside the repository)
# with a held-out split, and writes its parameter file and report (docs/training/).
train: setup
	$(BIN)/pip install --quiet -e '.[train]'
	@command -v pandoc >/dev/null || (apt-get update -qq && apt-get install -y -qq pandoc)
	$(BIN)/python tools/train_resolver.py --data $(SHARED)/data/bib
	$(BIN)/python tools/train_claims.py all --out $(EVAL_OUT) --mirror-root $(MIRROR_ROOT)

bench: setup
	@# issue 10's acceptance table: each figure next to its baseline, measured in the same run (benchmarks/results.md)
	$(BIN)/python benchmarks/bench_scaling.py
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_claims.py
	$(BIN)/python benchmarks/refstrings.py
	$(BIN)/python benchmarks/library_load.py
	$(BIN)/python benchmarks/bench_bib_clean.py
	$(BIN)/python benchmarks/bench_match.py
	$(BIN)/python benchmarks/bench_verify.py
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_html.py

# The long fuzz run over the command line (tests/fuzz/fuzz_harness.py): FUZZ_CASES cases or FUZZ_MINUTES, whichever
# ends first; prints the counts of cases, crashes, hangs, invalid outputs and lost entries; failing cases go to .fuzz/.
FUZZ_CASES ?= 20000
FUZZ_MINUTES ?= 30
fuzz: setup
	$(BIN)/python tools/fuzz.py --cases $(FUZZ_CASES) --minutes $(FUZZ_MINUTES)

docs: setup
	$(BIN)/python tools/gen_rule_docs.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
