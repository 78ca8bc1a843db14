# custodiet: two commands from a clean clone — `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= custodiet-data
DEMO_STAFF ?= 1500
DEMO_DAYS ?= 60
PORT ?= 8000

.PHONY: install browser demo test lint typecheck bench bench-independent clean

$(BIN)/custodiet: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/custodiet

# Headless Chromium for the browser tests (Debian package; Playwright drives it).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

demo: install
	$(BIN)/custodiet --home $(HOME_DIR) simulate $(HOME_DIR)/packages/SY --staff $(DEMO_STAFF) --days $(DEMO_DAYS) --seed 7
	$(BIN)/custodiet --home $(HOME_DIR) import $(HOME_DIR)/packages/SY
	$(BIN)/custodiet --home $(HOME_DIR) detect
	$(BIN)/custodiet --home $(HOME_DIR) demo-users
	$(BIN)/custodiet --home $(HOME_DIR) serve --port $(PORT)

test: install browser
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/bench_import.py
	@test ! -f benchmarks/bench_detect.py || $(BIN)/python benchmarks/bench_detect.py
	@test ! -f benchmarks/bench_web.py || $(BIN)/python benchmarks/bench_web.py

# Detection on forces made by the five generators written apart from custodiet (see their READMEs).
bench-independent: install
	$(BIN)/python benchmarks/bench_independent.py

clean:
	rm -rf $(VENV) $(HOME_DIR) .mypy_cache .ruff_cache .pytest_cache
