# IPWeek task file. `make run` serves the demo; `make test` runs every check CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum requirements.lock pyproject.toml | sha1sum | cut -c1-12)
PORT   ?= 8000

.PHONY: install sysdeps fonts run demo test check lint bench messages clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: sysdeps $(STAMP)

# System libraries for PDF rendering (pango), CJK fonts, pdftoppm and Chromium for the browser tests.
sysdeps:
	@bash scripts/sysdeps.sh

fonts: $(STAMP)
	@bash scripts/fonts.sh

run: install fonts
	$(BIN)/ipweek migrate --verbosity 0
	$(BIN)/ipweek demo
	$(BIN)/ipweek serve --port $(PORT)

demo: install
	$(BIN)/ipweek migrate --verbosity 0
	$(BIN)/ipweek demo

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check: lint
	$(BIN)/mypy ipweek
	$(BIN)/ipweek makemigrations --check --dry-run
	$(BIN)/ipweek check

test: install fonts check
	$(BIN)/pytest

bench: install fonts
	@for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

messages: $(STAMP)
	bash scripts/messages.sh

clean:
	rm -rf $(VENV) var/static artifacts
