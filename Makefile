# Named tasks. `make up` and `make test` each set everything up first.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV_BIN := .venv/bin

.PHONY: help setup up down status test lint format

help:  ## list the tasks
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup:  ## install Debian packages, the Python workspace and the engines' jars
	@scripts/setup.sh

up: setup  ## start the engines and services with the demo data; prints the address
	@$(VENV_BIN)/ilteo up

down:  ## stop everything (data is kept under .local/)
	@$(VENV_BIN)/ilteo down

status:  ## state and health of every part
	@$(VENV_BIN)/ilteo status

test: setup  ## run the tests against the real engines (started if needed)
	@$(VENV_BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

lint:  ## ruff and mypy
	@$(VENV_BIN)/ruff check . && $(VENV_BIN)/ruff format --check . && $(VENV_BIN)/mypy libs services tools

format:  ## apply ruff's formatting and safe fixes
	@$(VENV_BIN)/ruff format . && $(VENV_BIN)/ruff check --fix .
