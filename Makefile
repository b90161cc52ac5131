# The two commands of the README: `make demo` and `make test`.
# Each makes .venv on first use and (re)installs the project when setup.cfg changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[viz,fast]'
	touch $@

$(VENV)/.installed-dev: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,viz,fast]'
	touch $@

demo: $(VENV)/.installed-demo
	$(BIN)/python examples/engine.py

# graphviz's `dot` renders the figures the tests check; install it when we may.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "graphviz's 'dot' is missing: install it (Debian/Ubuntu: sudo apt-get install graphviz) and rerun make test"; exit 1; \
	  fi; }

test: system-deps $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .hypothesis
