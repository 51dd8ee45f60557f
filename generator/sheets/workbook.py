"""Writes a workbook of tables: what `formgen sheet` hands out and `formgen export` gives back.

Row 1 holds the Japanese labels, each with the input hint as a comment; row 2 (hidden) the field keys
the importer reads; data from row 3. Columns are typed (dates, amounts) or formatted as text (phone
numbers, 郵便番号, 在留カード番号 keep their leading zeros), choices and references are drop-downs, the
header rows are frozen and filtered. A workbook-level defined name `formgen.<table id>` marks each
sheet's header, so that the importer knows a sheet even after someone renamed it. A text that begins
like a formula (= + - @, tab, CR) is stored as text and shown with a quote prefix: nothing a
spreadsheet program opens is ever run.
"""

from __future__ import annotations

import math
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.sheets.mapping import Column, Table
from generator.sheets.values import looks_like_formula, number_format

HEADER_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3
BLANK_ROWS = 500
"""Rows below the data that still get the drop-downs and hints, for rows added by hand."""
DEFINED_NAME_PREFIX = "formgen."
CHOICES_SHEET = "選択肢"
MIN_WIDTH, MAX_WIDTH, WRAP_AT = 8, 48, 26
SAMPLED_ROWS = 200
FIT_TO_WIDTH_COLUMNS = 12
FORMAT_WIDTHS = {"yyyy/mm/dd": 11, "#,##0": 10}
"""The room a typed value needs even before there is one (a too-narrow date shows as ###)."""

FILLS = {"key": PatternFill("solid", fgColor="DDEBF7"), "required": PatternFill("solid", fgColor="FCE4D6"),
         "optional": PatternFill("solid", fgColor="EDEDED")}
HEADER_FONT = Font(bold=True)
KEY_FONT = Font(color="808080", size=8)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
WRAPPED = Alignment(wrap_text=True, vertical="top")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))


@dataclass
class PlainSheet:
    """A sheet that is only read by people (期限): a header row, typed rows, an optional fill per row."""

    title: str
    headers: list[tuple[str, str]]
    """(label, number format) of each column."""
    rows: list[list[Any]]
    fills: list[str | None] = field(default_factory=list)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _value_width(value: Any) -> int:
    if value is None:
        return 0
    if hasattr(value, "isoformat"):
        return 10
    text = str(value)
    return max((display_width(line) for line in text.split("\n")), default=0)


def _column_width(label: str, values: Iterable[Any], fmt: str = "General") -> tuple[float, int]:
    """(width, lines the label needs): wide enough for the values, labels wrap instead of stretching."""
    data = max([FORMAT_WIDTHS.get(fmt, 0), *(_value_width(v) for v in values)])
    label_width = display_width(label)
    width = max(MIN_WIDTH, min(MAX_WIDTH, max(min(label_width, WRAP_AT), data) + 2))
    return width, max(1, math.ceil(label_width / max(1, width - 2)))


def set_text(cell, value: str) -> None:
    """A text that stays text: never parsed as a formula, shown with a quote prefix when it looks like one."""
    cell.value = value
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True


class CellStyles:
    """Styles applied by copying a finished style: setting a format on each of 100,000 cells is slow."""

    def __init__(self) -> None:
        self.made: dict[tuple, Any] = {}

    def put(self, cell, value: Any, fmt: str, fill: str | None = None) -> None:
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"
        else:
            cell.value = value
        key = (fmt if value is not None else "General", isinstance(value, str) and "\n" in value,
               looks_like_formula(value), fill)
        if key == ("General", False, False, None):
            return
        made = self.made.get(key)
        if made is not None:
            cell._style = copy(made)
            return
        if key[0] != "General":
            cell.number_format = key[0]
        if key[1]:
            cell.alignment = WRAPPED
        if key[2]:
            cell.quotePrefix = True
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        self.made[key] = copy(cell._style)



class _Choices:
    """The hidden sheet that lists each set of choices, for the drop-downs to refer to."""

    def __init__(self, book: Workbook):
        self.book = book
        self.sheet: Worksheet | None = None
        self.ranges: dict[tuple, str] = {}

    def range_of(self, label: str, choices: tuple) -> str:
        if choices not in self.ranges:
            if self.sheet is None:
                self.sheet = self.book.create_sheet(CHOICES_SHEET)
                self.sheet.sheet_state = "hidden"
            column = len(self.ranges) + 1
            set_text(self.sheet.cell(HEADER_ROW, column), label)
            for row, choice in enumerate(choices, start=2):
                if isinstance(choice, str):
                    set_text(self.sheet.cell(row, column), choice)
                else:
                    self.sheet.cell(row, column).value = choice
            letter = get_column_letter(column)
            self.ranges[choices] = (f"{quote_sheetname(CHOICES_SHEET)}!${letter}$2:${letter}${len(choices) + 1}")
        return self.ranges[choices]


def _comment(column: Column) -> Comment:
    text = "\n".join([column.label, *column.hint.split("｜")])
    lines = sum(math.ceil(display_width(line) / 36) or 1 for line in text.split("\n"))
    return Comment(text, "formgen", width=260, height=min(400, 16 * lines + 12))


def _validation(column: Column, choices: _Choices, sheets: Mapping[str, str]) -> DataValidation:
    prompt = "\n".join(column.hint.split("｜"))[:250]
    common: dict[str, Any] = dict(allow_blank=True, showInputMessage=True, promptTitle=column.label[:32], prompt=prompt)
    if column.kind in ("choice", "bool") and column.choices:
        return DataValidation(type="list", formula1=choices.range_of(column.label, column.choices),
                              showErrorMessage=True, errorStyle="stop", errorTitle="選択肢にない値です",
                              error="一覧から選んでください。", **common)
    if column.kind == "ref" and column.party is not None and column.party.id in sheets:
        target = quote_sheetname(sheets[column.party.id])
        return DataValidation(type="list", formula1=f"{target}!$A${FIRST_ROW}:$A${FIRST_ROW + BLANK_ROWS * 4}",
                              showErrorMessage=True, errorStyle="warning", errorTitle="参照名",
                              error="このブックにない参照名です（parties フォルダのファイル名なら、そのまま続けてください）。",
                              **common)
    return DataValidation(**common)


def _style_of(cell: Any) -> Any:
    """A copy of the cell's style array (openpyxl's private `_style`): one style, set on many cells at once."""
    return copy(cell._style)


def _set_style(cell: Any, style: Any) -> None:
    cell._style = copy(style)


def _write_header(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> None:
    height = 1
    made: dict[str, Any] = {}
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        label = sheet.cell(HEADER_ROW, index)
        set_text(label, column.label)
        fill = "key" if column.is_key else "required" if column.required else "optional"
        if fill in made:
            _set_style(label, made[fill])
        else:
            label.font, label.alignment, label.border, label.fill = HEADER_FONT, HEADER_ALIGNMENT, HEADER_BORDER, FILLS[fill]
            made[fill] = _style_of(label)
        label.comment = _comment(column)
        key = sheet.cell(KEY_ROW, index)
        set_text(key, column.key)
        if "key-row" in made:
            _set_style(key, made["key-row"])
        else:
            key.font = KEY_FONT
            made["key-row"] = _style_of(key)
        sample = [*(row[index - 1] for row in rows[:SAMPLED_ROWS]), *column.choices]
        width, lines = _column_width(column.label, sample, number_format(column))
        sheet.column_dimensions[letter].width = width
        sheet.column_dimensions[letter].number_format = number_format(column)
        height = max(height, min(lines, 6))
    sheet.row_dimensions[HEADER_ROW].height = 15 * height + 4
    sheet.row_dimensions[KEY_ROW].hidden = True


def _page_setup(sheet: Worksheet, columns: int) -> None:
    """Printed landscape with the label row on every page; a narrow sheet fits the page's width."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
    if columns <= FIT_TO_WIDTH_COLUMNS:
        page_setup = sheet.sheet_properties.pageSetUpPr
        assert page_setup is not None, "openpyxl gives every new sheet its page setup properties"
        page_setup.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def write_table(book: Workbook, table: Table, rows: Sequence[Sequence[Any]], choices: _Choices,
                party_sheets: Mapping[str, str], styles: CellStyles) -> Worksheet:
    sheet = book.create_sheet(table.sheet)
    columns = table.all_columns
    _write_header(sheet, columns, rows)
    formats = [number_format(c) for c in columns]
    for offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            if value is not None:
                styles.put(sheet.cell(FIRST_ROW + offset, index), value, formats[index - 1])
    last_row = FIRST_ROW + len(rows) + BLANK_ROWS - 1
    for index, column in enumerate(columns, start=1):
        validation = _validation(column, choices, party_sheets)
        sheet.add_data_validation(validation)
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_ROW}:{letter}{last_row}")
    last_letter = get_column_letter(len(columns))
    sheet.freeze_panes = sheet.cell(FIRST_ROW, len(table.keys) + 1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{max(FIRST_ROW, FIRST_ROW + len(rows) - 1)}"
    _page_setup(sheet, len(columns))
    name = DEFINED_NAME_PREFIX + table.id
    book.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(table.sheet)}!$A$1:${last_letter}$2")
    return sheet


def write_plain(book: Workbook, plain: PlainSheet, styles: CellStyles) -> Worksheet:
    sheet = book.create_sheet(plain.title)
    for index, (label, fmt) in enumerate(plain.headers, start=1):
        cell = sheet.cell(HEADER_ROW, index)
        set_text(cell, label)
        cell.font, cell.alignment, cell.border, cell.fill = HEADER_FONT, HEADER_ALIGNMENT, HEADER_BORDER, FILLS["key"]
        width, _ = _column_width(label, (row[index - 1] for row in plain.rows[:SAMPLED_ROWS]), fmt)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for offset, values in enumerate(plain.rows):
        fill = plain.fills[offset] if offset < len(plain.fills) else None
        for index, value in enumerate(values, start=1):
            styles.put(sheet.cell(HEADER_ROW + 1 + offset, index), value, plain.headers[index - 1][1], fill)
    sheet.freeze_panes = "B2"
    _page_setup(sheet, len(plain.headers))
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(plain.headers))}{max(2, len(plain.rows) + 1)}"
    return sheet


def build_workbook(tables: Sequence[Table], rows: Mapping[str, Sequence[Sequence[Any]]],
                   plain: Sequence[PlainSheet] = ()) -> Workbook:
    book = Workbook()
    if book.active is not None:  # the sheet a new workbook starts with
        book.remove(book.active)
    styles = CellStyles()
    for sheet in plain:
        write_plain(book, sheet, styles)
    choices = _Choices(book)
    party_sheets = {t.owner: t.sheet for t in tables if t.root == "party" and not t.steps}
    for table in tables:
        write_table(book, table, rows.get(table.id, ()), choices, party_sheets, styles)
    if choices.sheet is not None:
        book.move_sheet(choices.sheet, offset=len(book.sheetnames) - 1 - book.sheetnames.index(CHOICES_SHEET))
    book.active = 0
    return book


def save_workbook(book: Workbook, path: Path, mode: int = 0o600) -> None:
    """Write the file at once (a reader sees the old or the new workbook), owner-only by default."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            book.save(stream)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
