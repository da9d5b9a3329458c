# Two commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/movies.duckdb

.PHONY: run test lint bench clean

$(BIN)/moviebot: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## run: build the demo catalogue if missing, then the Telegram bot (token set) or the console chat
run: $(BIN)/moviebot
	$(BIN)/moviebot start --db $(DB)

## test: install, lint, run the whole test suite
test: $(BIN)/moviebot
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(BIN)/moviebot
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) data/*.duckdb data/report
