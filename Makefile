# The two commands of the README: `make demo` and `make test`.
# Each makes .venv on first use and (re)installs the project when setup.cfg changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint clean system-deps playground

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
	$(BIN)/python -m viz demo

# The playground in the browser: `make playground PORT=0` picks a free port.
PORT ?= 8765
playground: $(VENV)/.installed-demo
	$(BIN)/python -m viz playground --port $(PORT)

# graphviz's `dot` renders the figures the tests check; install it when we may.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "graphviz's 'dot' is missing: install it (Debian/Ubuntu: sudo apt-get install graphviz) and rerun make test"; exit 1; \
	  fi; }
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Debian's chromium is missing (the playground's browser tests drive it): install it (sudo apt-get install chromium) and rerun make test"; exit 1; \
	  fi; }

test: system-deps $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .hypothesis
