# make main   train + evaluate the default suite on the shipped data and build the leaderboard (creates .venv)
# make test   run the test suite (creates .venv)
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export HF_EVALUATE_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install main test test-all lint browser data-check clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, pinned: a plain `torch` requirement would pull a multi-GB CUDA build on a CPU machine
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev,slurm]"
	touch $@

install: $(VENV)/.installed

main: install
	$(PY) scripts/main.py $(ARGS)

browser:
	@bash scripts/ensure_browser.sh

test: install browser
	$(PY) -m pytest -q $(ARGS)

test-all: install browser
	$(PY) -m pytest -q -m "" $(ARGS)

lint: install
	$(PY) -m ruff check benchmark scripts tests

data-check: install
	$(PY) -m benchmark.data.cli validate
	$(PY) -m benchmark.data.cli stats

clean:
	rm -rf outputs multirun .pytest_cache
