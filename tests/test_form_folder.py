"""Adding a form is two files in a folder: a throwaway form in a temporary forms folder (FORMGEN_FORMS)
is listed, built and linted with no change to the code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import CASES, run_formgen
from docxread import full_text

CASE = "epa-return-home-dewi.yaml"
MANIFEST = """\
id: extra-note
official_id: 試験様式
title: 帰国のお知らせ
kinds: [epa_return_home]
order: 5
output: extra-note_帰国のお知らせ
source: "002_e5f9a0dfd8ef1d48.txt:2065-2071"
designed: {designed}
design_notes: [a throwaway form that only the tests use]
"""


def make_form(forms: Path, designed: bool = True) -> Path:
    folder = forms / "extra-note"
    folder.mkdir(parents=True)
    document = Document()
    document.add_paragraph("帰国のお知らせ")
    document.add_paragraph("氏名: {{ person.name }}（{{ person.nationality }}）")
    document.add_paragraph("帰国日: {{ return_date|seireki }}　{{ form.title }}")
    document.save(str(folder / "template.docx"))
    (folder / "manifest.yaml").write_text(MANIFEST.format(designed=str(designed).lower()), encoding="utf-8")
    return folder


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    target = tmp_path / "inbox"
    target.mkdir()
    shutil.copytree(CASES / "parties", target / "parties")
    shutil.copyfile(CASES / CASE, target / CASE)
    return target


def test_a_form_of_two_files_in_another_folder_is_listed_and_built(tmp_path, inbox, outbox):
    forms = tmp_path / "forms"
    folder = make_form(forms)
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.yaml", "template.docx"]
    environment = {"FORMGEN_FORMS": str(forms)}
    listed = json.loads(run_formgen("forms", "--json", env=environment, check=True).stdout)
    assert [form["id"] for form in listed] == ["extra-note"]
    run_formgen("build", str(inbox / CASE), "--out", str(outbox), env=environment, check=True)
    built = sorted(p.name for p in (outbox / "epa-return-home-dewi").glob("*.docx"))
    assert "extra-note_帰国のお知らせ.docx" in built
    assert "mhlw-8_帰国確認報告書.docx" not in built  # only the forms of that folder
    text = full_text(outbox / "epa-return-home-dewi" / "extra-note_帰国のお知らせ.docx")
    assert "氏名: デウィ・アユ・レスタリ（インドネシア）" in text
    assert "帰国日: 2026年11月10日　帰国のお知らせ" in text


def test_lint_accepts_a_designed_form_without_labels_and_asks_a_printed_one_for_them(tmp_path):
    designed, printed = tmp_path / "designed", tmp_path / "printed"
    make_form(designed)
    make_form(printed, designed=False)
    about_designed = run_formgen("lint", env={"FORMGEN_FORMS": str(designed)})
    assert not [line for line in about_designed.stderr.splitlines() if line.startswith("extra-note:")]
    about_printed = run_formgen("lint", env={"FORMGEN_FORMS": str(printed)})
    assert about_printed.returncode == 5
    assert "extra-note: labels.yaml is missing" in about_printed.stderr


def test_the_catalogue_is_read_again_when_a_forms_file_changes_not_for_an_editors_hidden_file(tmp_path):
    from generator.catalogue import forms_signature, load_catalogue

    forms = tmp_path / "forms"
    folder = make_form(forms)
    first = forms_signature(forms)
    assert [form.id for form in load_catalogue(forms)] == ["extra-note"]
    (folder / ".~lock.template.docx#").write_text("an office's lock file")  # as glob("*/*") skipped it
    assert forms_signature(forms) == first
    (folder / "labels.yaml").write_text("labels: []\n", encoding="utf-8")
    assert forms_signature(forms) != first
    second = forms_signature(forms)
    (folder / "manifest.yaml").write_text(MANIFEST.format(designed="true").replace("帰国のお知らせ", "帰国の連絡", 1),
                                          encoding="utf-8")
    assert forms_signature(forms) != second
    assert [form.title for form in load_catalogue(forms)] == ["帰国の連絡"]


def test_one_look_at_the_forms_holds_for_a_step_over_many_cases_and_no_longer(tmp_path):
    from generator.catalogue import forms_signature, one_look_at_forms

    forms = tmp_path / "forms"
    folder = make_form(forms)
    before = forms_signature(forms)
    with one_look_at_forms():
        assert forms_signature(forms) == before
        (folder / "labels.yaml").write_text("labels: []\n", encoding="utf-8")
        assert forms_signature(forms) == before  # checking 200 cases sees one state of forms/
        with one_look_at_forms():
            assert forms_signature(forms) == before  # a step inside a step: still the same look
    assert forms_signature(forms) != before  # after the step, the edit is seen
