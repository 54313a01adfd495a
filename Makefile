# Set-up and everyday commands. Only Python 3.11+ and make are needed on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test lint format install migrate bootstrap bench bench-aggregator bench-search bench-load messages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

bootstrap: migrate
	$(BIN)/python manage.py bootstrap --demo

## make run: install, migrate, load the demo, serve on 127.0.0.1:8000 with the scheduler in-process
run: bootstrap
	$(BIN)/python manage.py serve 127.0.0.1:8000

## make serve: the production profile on PostgreSQL and Redis: gunicorn and the scheduler as two processes
## on 127.0.0.1:8000 (deploy/serve.sh; defaults overridable from the environment, docs/operations.md)
serve: install
	deploy/serve.sh

## make test: ruff, then pytest (on PostgreSQL when DATABASE_URL points there)
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l vi -l en --ignore=.venv --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make bench: column pages and embeds against a trivial view (bench/README.md)
bench: install
	$(BIN)/python bench/run.py

## make bench-aggregator: the 200-feed loopback farm through our pipeline, feedparser and reader
bench-aggregator: install
	$(BIN)/python bench/aggregator_bench.py
	$(BIN)/python bench/aggregator_bench.py --postgres

## make bench-search: API search over 100,000 shared items on PostgreSQL against an ILIKE scan
bench-search: install
	$(BIN)/python bench/shared_search_bench.py

## make bench-load: 100 clients browse for 60 s while the scheduler ingests the farm (PostgreSQL + Redis, ~8 min)
bench-load: install
	$(BIN)/python bench/load_bench.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm data
