# The two commands of the README: `make demo` and `make test` (and `make notebooks`).
# Each makes .venv on first use and (re)installs the project when setup.cfg changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test check test-backends lint clean graphviz latex chromium cc node playground bench notebooks site

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[viz,fast,progress]'
	touch $@

$(VENV)/.installed-dev: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,viz,fast]'
	touch $@

# A system package the figures or the tests need: installed with apt-get when we are
# root, otherwise one line says how.  $(1): the command to look for, $(2): the package.
define need
	@command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(2) with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "'$(1)' is missing: install it (Debian/Ubuntu: sudo apt-get install $(2)) and rerun make"; exit 1; \
	  fi; }
endef

graphviz:            # dot renders every graph figure
	$(call need,dot,graphviz)

latex:               # viz.to_tikz's tests compile TikZ with pdflatex and read the page with pdftoppm
	$(call need,pdflatex,texlive-latex-base texlive-pictures)
	$(call need,pdftoppm,poppler-utils)

chromium:            # the playground's browser tests drive Debian's chromium
	$(call need,chromium,chromium)

cc:                  # the C backend of compiled programs builds with Python's compiler
	$(call need,gcc,gcc)

node:                # npm ci installs the static site's Pyodide and Viz.js
	$(call need,npm,nodejs npm)

demo: graphviz $(VENV)/.installed-demo
	$(BIN)/python -m viz demo

test: graphviz latex chromium cc site $(VENV)/.installed-dev
	$(BIN)/python -m pytest
	$(MAKE) test-backends

# The fast tier, for the edit-test loop: no browser, notebooks, docs pages or slow tests (the
# markers of setup.cfg), no site build, no system packages, on every core (pytest-xdist):
# 47 s on two cores.  `make test` still runs them all.
FAST := not browser and not notebooks and not docs and not slow
check: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -n auto -m "$(FAST)"

# The engine's and the networks' tests with every program on one backend (see tests/conftest.py).
BACKEND_TESTS := tests/nn tests/autograd/test_paths.py tests/autograd/test_paths_backends.py \
	tests/autograd/test_pyprogram.py tests/autograd/test_native.py tests/autograd/test_crows.py \
	tests/viz/test_playground_without_numpy.py
test-backends: cc $(VENV)/.installed-dev
	for backend in c python; do \
	  AUTOGRAD_BACKEND=$$backend $(BIN)/python -m pytest -q $(BACKEND_TESTS) || exit 1; done

# The playground as a static site (site/, not committed): `python -m http.server -d site`.
# npm ci installs the versions pinned in package-lock.json (scripts not run).
node_modules/.package-lock.json: package.json package-lock.json | node
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

site: node_modules/.package-lock.json $(VENV)/.installed-demo
	$(BIN)/python -m viz.playground.site site

# The playground in the browser: `make playground PORT=0` picks a free port.
PORT ?= 8765
playground: graphviz $(VENV)/.installed-demo
	$(BIN)/python -m viz playground --port $(PORT)

# The notebook course (notebooks/) in JupyterLab, on this checkout's packages.
$(VENV)/.installed-notebooks: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet 'jupyterlab>=4'
	touch $@

notebooks: graphviz $(VENV)/.installed-notebooks
	PYTHONPATH=$(CURDIR) $(BIN)/jupyter lab --notebook-dir=notebooks \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) out build site node_modules *.egg-info .pytest_cache .hypothesis
