# formgen — the two commands of the README, and a few for developers.
VENV := .venv
FORMGEN := $(VENV)/bin/formgen

.PHONY: setup demo serve test check bench bench-web templates golden screenshots lint clean

setup:
	bash tools/setup.sh

demo: setup
	$(FORMGEN) build inbox --out outbox

serve: setup
	$(FORMGEN) serve inbox --out outbox

test: setup
	$(VENV)/bin/python -m pytest -q

# Lint (ruff) and types (mypy) of the code; configured in pyproject.toml.
check: setup
	$(VENV)/bin/ruff check generator schemas tests tools benchmarks
	$(VENV)/bin/mypy

bench: setup
	$(VENV)/bin/python benchmarks/run.py

bench-web: setup
	$(VENV)/bin/python benchmarks/web.py

templates: setup
	$(VENV)/bin/python tools/build_templates.py $(if $(FORCE),--force)

# After a deliberate change of a form's look: write tests/golden/*.png again (look at them before committing).
golden: setup
	FORMGEN_UPDATE_GOLDEN=1 $(VENV)/bin/python -m pytest -q tests/test_golden.py

screenshots: setup
	FORMGEN_UPDATE_SCREENSHOTS=1 $(VENV)/bin/python -m pytest -q tests/test_web_app.py

lint: setup
	$(FORMGEN) lint

clean:
	rm -rf outbox/* inbox/.schema
