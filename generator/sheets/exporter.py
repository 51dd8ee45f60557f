"""`formgen export`: every case as rows of the workbook `formgen sheet` hands out, plus a 期限 sheet.

The rows come from the validated models, so importing the exported workbook gives the same models
back. Parties are kept once on their sheets, named as the case files name them (`ref: sakura-kai`);
a party a case spells out in full gets a name of its own (the person's name in letters, or the case
id), and one that a case changes beside its `ref:` gets a second row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import api
from generator.deadlines.compute import STATUS_LABELS, Deadline
from generator.load import PARTIES_DIR, LoadedCase
from generator.sheets.mapping import KIND_SHEETS, Column, Layout, Party, Table, default_layout, slug
from generator.sheets.values import cell_value
from generator.sheets.workbook import PlainSheet, build_workbook, save_workbook

DEADLINE_SHEET = "期限"
STATUS_FILLS = {"overdue": "F8CBAD", "violation": "F8CBAD", "due_soon": "FFE699", "done": "E2EFDA"}
DATE = "yyyy/mm/dd"
TEXT = "@"


def _get(item: Any, path: Sequence[Any]) -> Any:
    for part in path:
        if item is None:
            return None
        if isinstance(item, dict):
            item = item.get(part)
        elif isinstance(item, list):
            item = item[part] if isinstance(part, int) and part < len(item) else None
        else:
            item = getattr(item, part, None)
    return item


class Rows:
    """The rows of every table, and the parties named so far."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.tables: dict[str, list[list[Any]]] = {}
        self.parties: dict[str, tuple] = {}
        """name → fingerprint of the party's rows."""
        self.names: dict[tuple, str] = {}

    def add_case(self, kind: str, case_id: str, case: BaseModel, loaded: LoadedCase | None) -> None:
        self._rows(self.layout.cases[kind], case, (case_id,), (), self.tables, _Source(case_id, loaded))

    def _rows(self, table: Table, element: Any, keys: tuple, path: tuple, out: dict, source: _Source) -> None:
        values = [*keys, *(self._cell(c, element, path, source) for c in table.columns)]
        out.setdefault(table.id, []).append(values)
        for child in table.children:
            step = child.steps[-1].path
            container = _get(element, step)
            if not container:
                continue
            items = container.items() if child.steps[-1].is_dict else enumerate(container, start=1)
            for key, value in items:
                slot = key if child.steps[-1].is_dict else key - 1
                self._rows(child, value, keys + (key,), path + step + (slot,), out, source)

    def _cell(self, column: Column, element: Any, path: tuple, source: _Source) -> Any:
        if column.kind == "ref":
            at = column.path[:-1]
            value = _get(element, at)
            assert column.party is not None, "a reference column names its party"
            return None if value is None else self._party(column.party, value, path + at, source)
        value = element if not column.path else _get(element, column.path)
        return cell_value(column, value)

    def _party(self, party: Party, value: BaseModel, at: tuple, source: _Source) -> str:
        table = self.layout.parties[f"party.{party.id}"]
        rows: dict[str, list[list[Any]]] = {}
        self._rows(table, value, ("",), (), rows, _Source(source.case_id, None))
        fingerprint = tuple((tid, tuple(tuple(r[1:]) for r in found)) for tid, found in rows.items())
        wanted = source.reference_at(at, party)
        case_id = source.case_id
        if (wanted, fingerprint) in self.names:
            return self.names[(wanted, fingerprint)]
        name = wanted or slug(str(getattr(value, "name_alphabet", "") or "")) or \
            f"{case_id}-{'-'.join(map(str, at)) or party.id}"
        base, n = name, 2
        while name in self.parties and self.parties[name] != fingerprint:
            name, n = f"{base}-{n}", n + 1
        self.names[(wanted, fingerprint)] = name
        if name not in self.parties:
            self.parties[name] = fingerprint
            for tid, found in rows.items():
                self.tables.setdefault(tid, []).extend([name, *r[1:]] for r in found)
        return name


@dataclass(frozen=True)
class _Source:
    case_id: str
    loaded: LoadedCase | None

    def reference_at(self, at: tuple, party: Party) -> str | None:
        """The NAME of `{ref: NAME}` at `at`: the parties file the party's fields were read from."""
        if self.loaded is None:
            return None
        for name in party.model.model_fields:
            where = self.loaded.positions.get(at + (name,))
            if where is None:
                continue
            file = Path(where.file)
            if file != self.loaded.path and file.parent.name == PARTIES_DIR:
                return file.stem
            return None
        return None


def deadline_sheet(deadlines: Iterable[Deadline]) -> PlainSheet:
    headers = [("対象者", TEXT), ("ケースID", TEXT), ("種類", TEXT), ("期限の内容", TEXT), ("法定の期限", DATE),
               ("実際の期限", DATE), ("状態", TEXT), ("提出先", TEXT), ("根拠", TEXT), ("提出日", DATE), ("備考", TEXT)]
    rows, fills = [], []
    for d in deadlines:
        rows.append([d.person, d.case_id, KIND_SHEETS.get(d.kind, d.kind), d.title, d.legal_due, d.effective_due,
                     STATUS_LABELS.get(d.status, d.status), d.rule.office, d.rule.source, d.done_date,
                     "\n".join([*d.violations, *d.notes]) or None])
        fills.append(STATUS_FILLS.get(d.status))
    return PlainSheet(DEADLINE_SHEET, headers, rows, fills)


@dataclass
class ExportReport:
    path: Path
    exported: list[api.CheckedCase] = field(default_factory=list)
    skipped: list[api.CheckedCase] = field(default_factory=list)
    problems: list = field(default_factory=list)
    deadlines: int = 0


def export_cases(cases: api.CaseSet, path: Path, today: dt.date, *, mode: int = 0o600,
                 layout: Layout | None = None) -> ExportReport:
    """Write every case whose data the schema accepts (requirement errors do not stop it) to `path`."""
    layout = layout or default_layout()
    report = ExportReport(Path(path), problems=list(cases.problems))
    rows = Rows(layout)
    kinds: list[str] = []
    for checked in cases.cases:
        if checked.case is None or checked.case_id is None or checked.kind not in layout.cases:
            report.skipped.append(checked)
            continue
        rows.add_case(checked.kind, checked.case_id, checked.case, checked.loaded)
        report.exported.append(checked)
        if checked.kind not in kinds:
            kinds.append(checked.kind)
    deadlines = api.deadlines_of([c for c in report.exported], today)
    report.deadlines = len(deadlines)
    tables = layout.for_kinds(k for k in layout.cases if k in kinds)
    book = build_workbook(tables, rows.tables, [deadline_sheet(deadlines)])
    save_workbook(book, report.path, mode)
    return report


def blank_workbook(kinds: Sequence[str], path: Path, *, mode: int = 0o600, layout: Layout | None = None) -> list[Table]:
    """`formgen sheet`: the sheets of these kinds (with their lists and parties), to fill."""
    layout = layout or default_layout()
    tables = layout.for_kinds(kinds)
    save_workbook(build_workbook(tables, {}), Path(path), mode)
    return tables
