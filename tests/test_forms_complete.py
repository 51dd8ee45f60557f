"""Every form in the catalogue, as a user gets it from the demo inbox.

- each printed form carries every label and fixed text its ../shared/forms-inventory/ entry lists (a
  form made for the Philippines or Viet Nam with its country words read back as the seed's Indonesian
  form prints them: tests/country_texts.py);
- each form is produced by some demo case;
- each committed template.docx is what its source in tools/templates/ builds.
"""

from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import INBOX, ROOT, run_formgen
from country_texts import as_the_indonesian_form
from docxread import full_text
from generator.catalogue import load_catalogue
from generator.load import load_case
from generator.validate import validate_case
from inventory import missing_from

CATALOGUE = load_catalogue()
# Dates the 2022 edition printed in the form text come from the case (DOMAIN.md "Seed typos"); the demo
# cases use their own month, which the check reads back as the printed one.
CASE_DATES = {"現状：2026年4月時点": "現状：2021年4月時点"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copytree(INBOX, inbox, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".schema"))
    outbox = tmp_path_factory.mktemp("outbox")
    run_formgen("build", "--format", "docx", str(inbox), "--out", str(outbox))
    return outbox


def produced(outbox, form) -> list:
    return sorted(outbox.glob(f"*/{form.output}.docx"))


@pytest.mark.parametrize("form", CATALOGUE, ids=[f.id for f in CATALOGUE])
def test_each_form_is_produced_by_a_demo_case(demo, form):
    assert produced(demo, form), f"no demo case produces {form.id} ({form.title})"


def countries_of(case_id: str) -> list[str]:
    """The sending countries a demo case's forms are made for (none for the kinds that name none)."""
    case = validate_case(load_case(INBOX / f"{case_id}.yaml", INBOX))
    if case.kind == "epa_job_offer":
        return case.countries
    return [case.person.nationality] if case.kind == "epa_employment_contract" else []


@pytest.mark.parametrize("form", [f for f in CATALOGUE if f.inventory], ids=[f.id for f in CATALOGUE if f.inventory])
def test_each_printed_form_carries_every_label_and_fixed_text(demo, form):
    documents = produced(demo, form)
    assert documents
    for document in documents:
        text = as_the_indonesian_form(full_text(document), countries_of(document.parent.name))
        for filled, printed in CASE_DATES.items():
            text = text.replace(filled, printed)
        assert missing_from(text, form.inventory) == [], document.parent.name


@pytest.mark.parametrize("form", CATALOGUE, ids=[f.id for f in CATALOGUE])
def test_each_committed_template_is_what_its_source_builds(tmp_path, form):
    source = ROOT / "tools" / "templates" / f"{form.id}.py"
    if not source.exists():
        pytest.skip("template edited in Word: no source")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from build_templates import build

    rebuilt = build(form.id, tmp_path / "template.docx")
    with zipfile.ZipFile(rebuilt) as new, zipfile.ZipFile(form.template_path) as committed:
        assert new.read("word/document.xml") == committed.read("word/document.xml"), \
            f"forms/{form.id}/template.docx is stale: run `make templates`"
