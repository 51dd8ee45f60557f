"""Helpers for the spreadsheet tests: fill a `formgen sheet` workbook as a person would, convert through
LibreOffice Calc, compare validated cases."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from generator import api
from generator.sheets.workbook import set_text

PEOPLE = {
    "dewi": {"name": "デウィ・アユ・レスタリ", "name_alphabet": "DEWI AYU LESTARI", "nationality": "インドネシア",
             "sex": "女", "birth_date": dt.date(1998, 7, 14), "residence_card_number": "AB12345678CD",
             "work_start_date": dt.date(2023, 5, 8)},
    "rina": {"name": "リナ・ウィジャヤ", "name_alphabet": "RINA WIJAYA", "nationality": "インドネシア", "sex": "女",
             "birth_date": dt.date(1999, 1, 5), "residence_card_number": "CD00001111EF",
             "work_start_date": dt.date(2023, 5, 8)},
}
RETURN_HOME = {"institution.ref": "sakura-kai", "facility.ref": "sakura-en", "return_date": dt.date(2026, 11, 10),
               "reason": "国家試験不合格", "contract_end_date": dt.date(2026, 11, 9), "departure.date": dt.date(2026, 11, 10),
               "departure.airport": "成田国際空港", "departure.staff_title": "介護主任", "departure.staff_name": "田中 美咲",
               "report_date": dt.date(2026, 11, 16)}


def fill(path: Path, sheet: str, rows: list[dict[str, Any]]) -> None:
    """Write rows into a formgen workbook by field key (the hidden row 2), from row 3, as typed in a cell."""
    book = load_workbook(path)
    worksheet = book[sheet]
    columns = {cell.value: cell.column for cell in worksheet[2] if cell.value}
    for offset, row in enumerate(rows):
        for key, value in row.items():
            cell = worksheet.cell(3 + offset, columns[key])
            if isinstance(value, str) and value.startswith("="):
                set_text(cell, value)  # typed with Excel's quote prefix: text, not a formula
            else:
                cell.value = value
    book.save(path)


def roster(path: Path, returns: list[dict[str, Any]], people: dict[str, dict] | None = None) -> Path:
    """A 帰国 roster made with `formgen sheet` and filled in: one row per return, the people on 人."""
    from generator.sheets.exporter import blank_workbook

    blank_workbook(["epa_return_home"], path)
    people = PEOPLE if people is None else people
    fill(path, "人", [{"#ref": name, **person} for name, person in people.items()])
    fill(path, "帰国", [{**RETURN_HOME, **row} for row in returns])
    return path


def libreoffice_copy(sources: list[Path], target: Path) -> list[Path]:
    """Each workbook opened and saved again by LibreOffice Calc (headless, a fresh profile)."""
    target.mkdir(parents=True, exist_ok=True)
    profile = target / "profile"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None, "LibreOffice is installed (tools/setup.sh)"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(target), *map(str, sources)],
                   check=True, capture_output=True, timeout=240)
    converted = [target / source.name for source in sources]
    missing = [p for p in converted if not p.exists()]
    assert not missing, f"LibreOffice wrote no {missing}"
    return converted


def models(folder: Path) -> dict[str, dict]:
    """case id → the validated model as plain data (its case id is the file name, so it is left out)."""
    cases = api.check_paths([folder])
    return {str(c.case_id): c.case.model_dump(exclude={"case_id"}) for c in cases.cases if c.case is not None}
