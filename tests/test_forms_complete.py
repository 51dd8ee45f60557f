"""Every form in the catalogue, as a user gets it from the fixture cases (tests/fixtures/cases/).

- each printed form has forms/<id>/labels.yaml, and every document made from it carries every label and
  fixed text listed there (a form made for the Philippines or Viet Nam with its country words read back as
  the seed's Indonesian form prints them: tests/country_texts.py);
- each form is produced by some fixture case;
- each committed template.docx is what its source in tools/templates/ builds.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from typing import Any

import pytest

from conftest import CASES, ROOT, run_formgen
from country_texts import as_the_indonesian_form
from docxread import full_text
from generator.catalogue import load_catalogue
from generator.load import load_case
from generator.validate import validate_case
from inventory import missing_from

CATALOGUE = load_catalogue(ROOT / "forms")
PRINTED = [f for f in CATALOGUE if not f.designed]
# Dates the 2022 edition printed in the form text come from the case; the fixture cases use their own
# month, which the check reads back as the printed one.
CASE_DATES = {"現状：2026年4月時点": "現状：2021年4月時点"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copytree(CASES, inbox, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".schema"))
    outbox = tmp_path_factory.mktemp("outbox")
    run_formgen("build", "--format", "docx", str(inbox), "--out", str(outbox), check=True)
    return outbox


def produced(outbox, form) -> list:
    return sorted(outbox.glob(f"*/{form.output}.docx"))


@pytest.mark.parametrize("form", CATALOGUE, ids=[f.id for f in CATALOGUE])
def test_each_form_is_produced_by_a_fixture_case(demo, form):
    assert produced(demo, form), f"no fixture case in tests/fixtures/cases/ produces {form.id} ({form.title})"


@pytest.mark.parametrize("form", PRINTED, ids=[f.id for f in PRINTED])
def test_each_printed_form_lists_its_labels_and_fixed_texts(form):
    labels = form.printed_labels()
    assert labels is not None, f"forms/{form.id}/labels.yaml is missing (only a designed form may go without)"
    assert labels.labels or labels.fixed_text
    assert labels.official_id == form.official_id


def countries_of(case_id: str) -> list[str]:
    """The sending countries a fixture case's forms are made for (none for the kinds that name none)."""
    case: Any = validate_case(load_case(CASES / f"{case_id}.yaml", CASES))  # read by kind below
    if case.kind == "epa_job_offer":
        return case.countries
    return [case.person.nationality] if case.kind == "epa_employment_contract" else []


@pytest.mark.parametrize("form", PRINTED, ids=[f.id for f in PRINTED])
def test_each_printed_form_carries_every_label_and_fixed_text(demo, form):
    documents = produced(demo, form)
    assert documents
    for document in documents:
        text = as_the_indonesian_form(full_text(document), countries_of(document.parent.name))
        for filled, printed in CASE_DATES.items():
            text = text.replace(filled, printed)
        assert missing_from(text, form.id) == [], f"{document.parent.name}/{document.name}"


@pytest.mark.parametrize("form", CATALOGUE, ids=[f.id for f in CATALOGUE])
def test_each_committed_template_is_what_its_source_builds(tmp_path, form):
    """Every part of the package (body, headers, footers, styles, numbering…), not only word/document.xml."""
    source = ROOT / "tools" / "templates" / f"{form.id}.py"
    if not source.exists():
        pytest.skip("template edited in Word: no source")
    sys.path.insert(0, str(ROOT / "tools"))
    from build_templates import build

    rebuilt = build(form.id, tmp_path / "template.docx")
    new, committed = parts(rebuilt), parts(form.template_path)
    stale = sorted(name for name in new.keys() | committed.keys() if new.get(name) != committed.get(name))
    assert stale == [], f"forms/{form.id}/template.docx is stale in {stale}: run `make templates`"


def parts(docx) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}
