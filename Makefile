# formgen — the two commands of the README, and a few for developers.
VENV := .venv
FORMGEN := $(VENV)/bin/formgen

.PHONY: setup demo test bench templates lint clean

setup:
	bash tools/setup.sh

demo: setup
	$(FORMGEN) schema
	$(FORMGEN) build inbox --out outbox

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python benchmarks/run.py

templates: setup
	$(VENV)/bin/python tools/build_templates.py $(if $(FORCE),--force)

lint: setup
	$(FORMGEN) lint

clean:
	rm -rf outbox/* inbox/.schema
