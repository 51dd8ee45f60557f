"""Reads a workbook (.xlsx) or a CSV file back into rows of cells, each cell with its position.

A sheet is known by the defined name `formgen.<table id>` that `formgen sheet`/`export` wrote, else
by its sheet name, else by its header row (an office's own roster whose labels are the ones formgen
uses). Its columns are known by the hidden key row, else by their labels. A CSV file is one sheet:
UTF-8 (with or without BOM) or CP932, Excel's default in Japan.
"""

from __future__ import annotations

import csv
import difflib
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from generator.exceptions import InvalidInput
from generator.messages import Msg
from generator.problems import CellPosition, Problem
from generator.sheets.mapping import Column, Layout, Table
from generator.sheets.values import is_blank
from generator.sheets.workbook import CHOICES_SHEET, DEFINED_NAME_PREFIX, FIRST_ROW, HEADER_ROW, KEY_ROW

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
READ_ONLY_SHEETS = {"期限", CHOICES_SHEET}
"""Sheets formgen writes for people only: never read back."""
MAX_BYTES = 50_000_000


@dataclass
class Row:
    number: int
    cells: dict[int, Any]
    """Column index → the raw value of each non-blank cell."""


@dataclass
class SheetData:
    name: str
    table: Table
    columns: dict[int, Column]
    rows: list[Row]
    file: Path

    def at(self, row: int, column: int) -> CellPosition:
        return CellPosition(self.file, self.name, row, column)

    def column_index(self, key: str) -> int | None:
        return next((i for i, c in self.columns.items() if c.key == key), None)


@dataclass
class Book:
    path: Path
    sheets: list[SheetData] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _normal(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split()) if text is not None else ""


def _problem(position: CellPosition, ja: str, en: str, hint: Msg | None = None, severity: str = "error") -> Problem:
    return Problem(Msg(ja, en), position, hint=hint, severity=severity)


# ── which table, which columns ────────────────────────────────────────────────────────────────────

def _names_of(table: Table) -> dict[str, Column]:
    names: dict[str, Column] = {}
    for column in table.all_columns:
        names.setdefault(_normal(column.label), column)
        names.setdefault(_normal(column.key), column)
    return names


def _is_key_row(values: list[Any], table: Table) -> bool:
    keys = {c.key for c in table.all_columns}
    given = [str(v).strip() for v in values if not is_blank(v)]
    return bool(given) and all(v in keys for v in given)


def table_by_headers(headers: list[Any], tables: Iterable[Table]) -> Table | None:
    """The one table whose labels (or keys) include every header, preferring the closest fit."""
    given = {_normal(h) for h in headers if not is_blank(h)}
    if not given:
        return None
    fits = [(len(t.all_columns), t) for t in tables if given <= set(_names_of(t))]
    fits.sort(key=lambda item: item[0])
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None
    return fits[0][1]


def _map_columns(table: Table, labels: list[Any], keys: list[Any] | None, position) -> tuple[dict[int, Column],
                                                                                             list[Problem]]:
    by_key = table.column_by_key()
    names = _names_of(table)
    columns: dict[int, Column] = {}
    problems = []
    for index, label in enumerate(labels, start=1):
        key = keys[index - 1] if keys and index - 1 < len(keys) and not is_blank(keys[index - 1]) else None
        column = by_key.get(str(key).strip()) if key is not None else names.get(_normal(label))
        if column is None and is_blank(label) and key is None:
            continue
        if column is None:
            shown = key if key is not None else label
            close = difflib.get_close_matches(str(label), [c.label for c in table.all_columns], n=1)
            hint = Msg(f"「{close[0]}」の誤りではありませんか。" if close else "列の見出しを formgen sheet のものに合わせてください。",
                       f"did you mean 「{close[0]}」?" if close else "use the headers that formgen sheet writes.")
            problems.append(_problem(position(HEADER_ROW, index), f"列「{shown}」は「{table.sheet}」の項目にありません。",
                                     f"column '{shown}' is not a field of 「{table.sheet}」.", hint))
            continue
        if column in columns.values():
            first = next(i for i, c in columns.items() if c is column)
            problems.append(_problem(position(HEADER_ROW, index), f"列「{column.label}」が2回あります（最初は {first} 列目）。",
                                     f"column 「{column.label}」 appears twice (first in column {first}).",
                                     Msg("どちらか一方を削除してください。", "delete one of them.")))
            continue
        columns[index] = column
    owner = table.keys[0]
    if table.steps and owner not in columns.values():
        problems.append(_problem(position(HEADER_ROW, 1), f"「{table.sheet}」に「{owner.label}」の列がありません。",
                                 f"「{table.sheet}」 has no 「{owner.label}」 column.",
                                 Msg("どの行がどのケースのものか分かるよう、この列を入れてください。",
                                     "add it, so that each row says which case it belongs to.")))
    return columns, problems


def _sheet_data(name: str, file: Path, table: Table, grid: list[list[Any]], formulas: set[tuple[int, int]],
                book: Book) -> None:
    def position(row: int, column: int) -> CellPosition:
        return CellPosition(file, name, row, column)

    labels = grid[0] if grid else []
    has_keys = len(grid) > 1 and _is_key_row(grid[1], table)
    columns, problems = _map_columns(table, labels, grid[1] if has_keys else None, position)
    book.problems.extend(problems)
    first = FIRST_ROW if has_keys else KEY_ROW
    rows = []
    for number, values in enumerate(grid[first - 1:], start=first):
        cells = {}
        for index, value in enumerate(values, start=1):
            if is_blank(value):
                continue
            if (number, index) in formulas:
                book.problems.append(_problem(position(number, index), f"数式（{value}）は読み込みません。",
                                              f"a formula ({value}) is not read.",
                                              Msg("値として貼り付けてください（形式を選択して貼り付け → 値）。",
                                                  "paste it as a value (Paste Special → Values).")))
                continue
            if index not in columns:
                book.problems.append(_problem(position(number, index), "見出しのない列に値があります。",
                                              "a value in a column without a header.",
                                              Msg("1行目に見出しを書くか、値を消してください。",
                                                  "give the column a header in row 1, or delete the value.")))
                continue
            cells[index] = value
        if cells:
            rows.append(Row(number, cells))
    book.sheets.append(SheetData(name, table, columns, rows, file))


# ── xlsx ──────────────────────────────────────────────────────────────────────────────────────────

def _marked_tables(workbook, layout: Layout) -> dict[str, Table]:
    """Sheet title → table, from the defined names formgen wrote."""
    tables = layout.by_id()
    found = {}
    for name, defined in workbook.defined_names.items():
        if not name.startswith(DEFINED_NAME_PREFIX) or name[len(DEFINED_NAME_PREFIX):] not in tables:
            continue
        for title, _ in defined.destinations:
            found[title] = tables[name[len(DEFINED_NAME_PREFIX):]]
    return found


def _grid(sheet) -> tuple[list[list[Any]], set[tuple[int, int]]]:
    grid, formulas = [], set()
    for number, row in enumerate(sheet.iter_rows(), start=1):
        values = []
        for index, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                formulas.add((number, index))
            values.append(value)
        grid.append(values)
    while grid and all(is_blank(v) for v in grid[-1]):
        grid.pop()
    return grid, formulas


def _open_workbook(path: Path):
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InvalidInput(Msg("ブックを開けません", "cannot open the workbook"), [Problem(
            Msg(f"{path.name} を Excel ブック（.xlsx）として開けません: {error}",
                f"{path.name} cannot be opened as an Excel workbook (.xlsx): {error}"),
            CellPosition(path, "-", 1, 1),
            hint=Msg("Excel で「Excel ブック (*.xlsx)」として保存し直してください。",
                     "save it again from Excel as an Excel Workbook (*.xlsx)."))]) from None


def read_workbook(path: Path, layout: Layout) -> Book:
    workbook = _open_workbook(path)
    book = Book(path)
    try:
        marked = _marked_tables(workbook, layout)
        by_sheet = layout.by_sheet()
        for sheet in workbook.worksheets:
            if sheet.title in READ_ONLY_SHEETS and sheet.title not in marked:
                continue
            grid, formulas = _grid(sheet)
            if not grid:
                continue
            table = marked.get(sheet.title) or by_sheet.get(sheet.title) or table_by_headers(grid[0], layout.tables())
            if table is None:
                book.problems.append(_problem(CellPosition(path, sheet.title, 1, 1),
                                              f"シート「{sheet.title}」は formgen のどの表か分からないため読みません。",
                                              f"sheet 「{sheet.title}」 is not one of formgen's tables: not read.",
                                              Msg("formgen sheet で作ったシートに貼り付けてください。",
                                                  "paste its rows into a sheet made by formgen sheet."), "warning"))
                continue
            _sheet_data(sheet.title, path, table, grid, formulas, book)
    finally:
        workbook.close()
    return book


# ── csv ───────────────────────────────────────────────────────────────────────────────────────────

def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else CP932, the encoding Excel uses for CSV in Japan."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp932")


def _csv_rows(text: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""))


def read_csv(path: Path, layout: Layout) -> Book:
    raw = path.read_bytes()
    book = Book(path)
    try:
        text = decode_csv(raw)
    except UnicodeDecodeError as error:
        raise InvalidInput(Msg("文字コードを判別できません", "unknown text encoding"), [Problem(
            Msg(f"CSV を UTF-8 としても Shift_JIS (CP932) としても読めません（{error.start} バイト目）。",
                f"the CSV is neither UTF-8 nor Shift_JIS (CP932) (byte {error.start})."),
            CellPosition(path, path.stem, 1, 1),
            hint=Msg("Excel で「CSV UTF-8 (コンマ区切り)」として保存し直してください。",
                     "save it again from Excel as CSV UTF-8."))]) from None
    grid = [list(row) for row in _csv_rows(text)]
    while grid and all(is_blank(v) for v in grid[-1]):
        grid.pop()
    if not grid:
        return book
    cases = list(layout.cases.values())
    table = layout.by_sheet().get(path.stem) or table_by_headers(grid[0], cases)
    if table is None:
        header = grid[1] if len(grid) > 1 else []
        table = next((t for t in cases if _is_key_row(header, t) and table_by_headers(header, [t])), None)
    if table is None:
        raise InvalidInput(Msg("どの種類の表か分かりません", "unknown kind of table"), [Problem(
            Msg(f"{path.name} の見出しが、どの種類（シート）の列とも合いません。",
                f"the headers of {path.name} match no kind's sheet."),
            CellPosition(path, path.stem, 1, 1),
            hint=Msg("ファイル名をシート名（例: 帰国.csv）にするか、formgen sheet のシートの見出しを使ってください。",
                     "name the file after the sheet (e.g. 帰国.csv), or use the headers formgen sheet writes."))])
    _sheet_data(path.stem, path, table, grid, set(), book)
    return book


def read_book(path: Path, layout: Layout) -> Book:
    path = Path(path)
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(Msg("ファイルが大きすぎます", "file too large"), [Problem(
            Msg(f"{path.name} が大きすぎます（上限 {MAX_BYTES:,} バイト）。", f"{path.name} is too large."),
            CellPosition(path, "-", 1, 1))])
    if suffix in WORKBOOK_SUFFIXES:
        return read_workbook(path, layout)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, layout)
    raise InvalidInput(Msg("読めない形式です", "unsupported file type"), [Problem(
        Msg(f"{path.name}: .xlsx か .csv のファイルを指定してください。", f"{path.name}: give an .xlsx or .csv file."),
        CellPosition(path, "-", 1, 1),
        hint=Msg("古い .xls は Excel で .xlsx として保存し直してください。", "save an old .xls as .xlsx from Excel."))])
