"""Workbooks that a spreadsheet program opened and saved again: real LibreOffice Calc, headless, xlsx → xlsx."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import INBOX
from generator import api
from generator.sheets.exporter import export_cases
from generator.sheets.importer import run_import
from sheetkit import PEOPLE, fill, libreoffice_copy, models, roster

pytestmark = pytest.mark.slow

ORGANISATION = {"#ref": "kita-care", "name": "社会福祉法人きた福祉会", "representative.title": "理事長",
                "representative.name": "北村 一郎", "postal_code": "0600001", "address": "北海道札幌市中央区架空1-1",
                "phone": "0111234567"}
FACILITY = {"#ref": "kita-en", "name": "特別養護老人ホームきた苑", "type_name": "介護老人福祉施設",
            "representative.title": "施設長", "representative.name": "北村 花子", "postal_code": "0600002",
            "address": "北海道札幌市中央区架空2-2", "phone": "011-123-4568"}


@pytest.fixture(scope="module")
def saved_by_calc(tmp_path_factory) -> dict[str, Path]:
    """The export of every example case and a roster filled in by hand, both saved again by LibreOffice."""
    folder = tmp_path_factory.mktemp("calc")
    exported = folder / "cases.xlsx"
    export_cases(api.check_paths([INBOX]), exported, dt.date(2026, 11, 20))
    filled = roster(folder / "名簿.xlsx", [
        {"#case": "dewi-calc", "person.ref": "dewi", "institution.ref": "kita-care", "facility.ref": "kita-en",
         "destination_phone": "0312345678", "reason_detail": "=本人の希望（面談済み）", "departure.flight": None},
        {"#case": "rina-calc", "person.ref": "rina", "return_date": "令和8年11月12日", "memo": "+81 へ連絡"},
    ])
    fill(filled, "機関", [ORGANISATION])
    fill(filled, "施設", [FACILITY])
    converted = libreoffice_copy([exported, filled], folder / "calc")
    return {"export": converted[0], "roster": converted[1]}


def test_the_export_saved_by_calc_imports_to_the_same_cases(saved_by_calc, tmp_path):
    book = load_workbook(saved_by_calc["export"], read_only=True)  # the names only: Calc wrote 11 MB of sheets
    assert book.sheetnames[0] == "期限"
    book.close()
    report = run_import(saved_by_calc["export"], tmp_path / "inbox")
    assert report.written and not report.invalid and not report.blocked, \
        [p.render() for p in report.problems + [e for r in report.invalid for e in r.errors]][:5]
    assert models(tmp_path / "inbox") == models(INBOX)


def test_a_roster_saved_by_calc_keeps_leading_zeros_dates_text_and_blanks(saved_by_calc, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(INBOX / "parties", inbox / "parties")
    report = run_import(saved_by_calc["roster"], inbox)
    assert report.written and not report.invalid, [p.render() for r in report.invalid for p in r.errors]
    cases = models(inbox)
    dewi, rina = cases["dewi-calc"], cases["rina-calc"]
    assert dewi["destination_phone"] == "0312345678"
    assert dewi["institution"]["postal_code"] == "060-0001" and dewi["institution"]["phone"] == "0111234567"
    assert dewi["reason_detail"] == "=本人の希望（面談済み）" and rina["memo"] == "+81 へ連絡"
    assert dewi["departure"]["flight"] is None
    assert rina["return_date"] == dt.date(2026, 11, 12) and dewi["report_date"] == dt.date(2026, 11, 16)
    assert dewi["person"]["birth_date"] == PEOPLE["dewi"]["birth_date"]
    assert dewi["person"]["residence_card_number"] == PEOPLE["dewi"]["residence_card_number"]
    organisation = (inbox / "parties" / "kita-care.yaml").read_text(encoding="utf-8")
    assert "postal_code: 060-0001" in organisation or "postal_code: '0600001'" in organisation
