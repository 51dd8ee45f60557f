# formgen — the two commands of the README, and a few for developers.
VENV := .venv
FORMGEN := $(VENV)/bin/formgen

.PHONY: setup demo serve test bench bench-web templates lint clean

setup:
	bash tools/setup.sh

demo: setup
	$(FORMGEN) schema
	$(FORMGEN) build inbox --out outbox

serve: setup
	$(FORMGEN) serve inbox --out outbox

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python benchmarks/run.py

bench-web: setup
	$(VENV)/bin/python benchmarks/web.py

templates: setup
	$(VENV)/bin/python tools/build_templates.py

lint: setup
	$(FORMGEN) lint

clean:
	rm -rf outbox/* inbox/.schema
