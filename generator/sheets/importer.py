"""`formgen import`: one case file per row of a workbook (or CSV), checked in full before anything is written.

Each case row, with the rows of its list sheets, becomes the same plain data a case file gives the
loader (dates as datetime.date, amounts as int, text as str), located by cells instead of lines; the
parties sheets are handed to the front door as given parties. Every case goes through
`api.check_data` — schema, requirement checks, attachments — so a workbook is exactly as strict as a
YAML file, and every problem of every row is reported at once. Nothing is written while any row is
invalid, unless `partial`; an existing file is never overwritten unless `update`, which rewrites only
what changed and keeps the file's comments. People are written into each case file; organisations
and facilities into parties/NAME.yaml, as a person would write them by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from generator import api, yamledit
from generator.exceptions import InvalidInput
from generator.load import CASE_ID_PATTERN, PARTIES_DIR, GivenParty, parse_yaml
from generator.messages import Msg
from generator.privacy import mask
from generator.problems import CellPosition, Problem
from generator.sheets.mapping import REF_FIELD, Layout, Party, Table, default_layout, party_of, slug
from generator.sheets.reader import Book, Row, SheetData, read_book
from generator.sheets.values import CellError, read_key, read_value
from generator.subject import FACILITY_PATHS, PERSON_PATHS, SUBMITTER_PATHS

_PLAIN = yaml.resolver.Resolver()


# ── rows → elements ───────────────────────────────────────────────────────────────────────────────

@dataclass
class Node:
    """A case, a party, or one element of a list inside one, as it is being assembled."""

    data: Any
    positions: dict[tuple, CellPosition]
    """Field path from the root (the case or party) → cell."""
    path: tuple
    """Where this node sits from the root."""
    anchor: CellPosition
    problems: list[Problem]
    root: Root
    keys: tuple
    """The root's name and the number (or key) of each list level down to this node."""


@dataclass
class Root:
    table: Table
    sheet: SheetData
    row: Row
    name: str | None
    """The case id or the party's reference name as written (None: a case row without one)."""
    data: dict = field(default_factory=dict)
    positions: dict[tuple, CellPosition] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: list[tuple[SheetData, Row]] = field(default_factory=list)

    @property
    def anchor(self) -> CellPosition:
        return self.sheet.at(self.row.number, 1)


def _put(data: dict, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _cell_problem(error: CellError, position: CellPosition, path: tuple, label: str) -> Problem:
    return Problem(error.message, position, path, label, error.hint)


def _row_element(sheet: SheetData, row: Row, base: tuple) -> tuple[Any, dict[tuple, CellPosition], list[Problem]]:
    """The data of one row's value columns, the cell of every column (blank ones too), its problems."""
    data: dict = {}
    value: Any = None
    positions: dict[tuple, CellPosition] = {base: sheet.at(row.number, min(sheet.columns, default=1))}
    problems = []
    for index, column in sheet.columns.items():
        if column.is_key:
            continue
        position = sheet.at(row.number, index)
        path = base + column.path
        for end in range(len(base) + 1, len(path) + 1):
            positions.setdefault(path[:end], position)
        raw = row.cells.get(index)
        try:
            read = read_value(column, raw)
        except CellError as error:
            problems.append(_cell_problem(error, position, path, column.label))
            continue
        if read is None:
            continue
        if isinstance(read, list):
            for i in range(len(read)):
                positions[path + (i,)] = position
        if column.path:
            _put(data, column.path, read)
        else:
            value = read
    return (data if sheet.table.model is not None else value), positions, problems


def _keys_of(sheet: SheetData, row: Row) -> tuple[list[Any], list[Problem]]:
    values, problems = [], []
    for level, column in enumerate(sheet.table.keys):
        index = sheet.column_index(column.key)
        raw = row.cells.get(index) if index is not None else None
        is_dict = level > 0 and sheet.table.steps[level - 1].is_dict
        try:
            values.append(read_key(column, raw, is_dict))
        except CellError as error:
            problems.append(_cell_problem(error, sheet.at(row.number, index or 1), (), column.label))
            values.append(None)
    return values, problems


def _problem(position: CellPosition | None, ja: str, en: str, hint: Msg | None = None, path: tuple = ()) -> Problem:
    return Problem(Msg(ja, en), position, path, "ケースID" if path == ("case_id",) else None, hint)


class Assembler:
    """Puts the rows of every sheet together into cases and parties."""

    def __init__(self, book: Book):
        self.book = book
        self.problems: list[Problem] = []
        self.cases: list[Root] = []
        self.parties: dict[str, tuple[Party, Root]] = {}
        self.nodes: dict[tuple, Node] = {}

    def run(self, layout: Layout) -> Assembler:
        order = {t.id: n for n, t in enumerate(layout.tables())}
        sheets = sorted(self.book.sheets, key=lambda s: (len(s.table.steps), order.get(s.table.id, 0)))
        for sheet in sheets:
            if sheet.table.steps:
                self._children(sheet)
            else:
                self._roots(sheet)
        return self

    def _roots(self, sheet: SheetData) -> None:
        table = sheet.table
        for row in sheet.rows:
            keys, problems = _keys_of(sheet, row)
            root = Root(table, sheet, row, keys[0], rows=[(sheet, row)])
            data, positions, cell_problems = _row_element(sheet, row, ())
            root.data, root.positions = data, positions
            root.problems.extend(problems + cell_problems)
            root.positions[()] = sheet.at(row.number, sheet.column_index(table.keys[0].key) or 1)
            if table.root == "case":
                self.cases.append(root)
            else:
                self._party(root, problems)
            if root.name is not None:
                node_key = self._root_key(table, root.name)
                if node_key in self.nodes and table.root == "case":
                    continue  # a duplicated case id: reported with the set, the first row keeps the lists
                self.nodes.setdefault(node_key, Node(root.data, root.positions, (), root.anchor, root.problems, root,
                                                     (root.name,)))

    @staticmethod
    def _root_key(table: Table, name: str) -> tuple:
        """Case ids are one name space across the kinds (the lists every case has find any kind's case)."""
        return ("case", name) if table.root == "case" else (table.id, name)

    def _parent_key(self, table: Table, keys: list) -> tuple:
        if len(table.steps) == 1:
            return ("case", keys[0]) if table.root == "case" else (table.parent, keys[0])
        return (table.parent, *keys[:-1])

    def _party(self, root: Root, problems: list[Problem]) -> None:
        party = party_of(root.table.model) if root.table.model is not None else None
        assert party is not None, "a parties sheet is the table of one kind of party"
        name = root.name
        if name is None:
            if not problems:
                self.problems.append(_problem(root.anchor, "参照名が書かれていません。", "the reference name is missing.",
                                              Msg("ケースの参照列に書く名前（英数字・-・_）を入れてください。",
                                                  "write the name cases refer to (letters, digits, - and _).")))
            return
        if not CASE_ID_PATTERN.match(name):
            self.problems.append(_problem(root.anchor, f"参照名「{name}」は使えません。", f"'{name}' is not a valid name.",
                                          Msg("英数字・ハイフン・下線だけで書いてください（例: sakura-kai）。",
                                              "use only letters, digits, '-' and '_' (e.g. sakura-kai).")))
            return
        if name in self.parties:
            first = self.parties[name][1].anchor
            self.problems.append(_problem(root.anchor, f"参照名「{name}」が {first} と重なっています。",
                                          f"reference name '{name}' is also used at {first}.",
                                          Msg("参照名はブック全体で1つにしてください。", "make each name unique in the workbook.")))
            return
        self.parties[name] = (party, root)

    def _children(self, sheet: SheetData) -> None:
        table = sheet.table
        step = table.steps[-1]
        groups: dict[tuple, list[tuple[Any, Row, Node]]] = {}
        for row in sheet.rows:
            keys, problems = _keys_of(sheet, row)
            if problems or any(k is None for k in keys):
                self._missing_keys(sheet, row, keys, problems)
                continue
            parent_key = self._parent_key(table, keys)
            parent = self.nodes.get(parent_key)
            if parent is None:
                owner = table.keys[0].label
                self.problems.append(_problem(sheet.at(row.number, 1),
                                              f"{owner}「{'・'.join(map(str, keys[:-1]))}」の行が見つかりません。",
                                              f"no row for {owner} '{'/'.join(map(str, keys[:-1]))}'.",
                                              Msg("親のシートにその行を作るか、番号を直してください。",
                                                  "add that row to the parent sheet, or correct the number.")))
                continue
            groups.setdefault(parent_key, []).append((keys[-1], row, parent))
        for items in groups.values():
            self._attach(sheet, step, items)

    def _missing_keys(self, sheet: SheetData, row: Row, keys: list, problems: list[Problem]) -> None:
        self.problems.extend(problems)
        for column, value in zip(sheet.table.keys, keys, strict=False):
            if value is None and not problems:
                index = sheet.column_index(column.key)
                self.problems.append(_problem(sheet.at(row.number, index or 1), f"「{column.label}」が空欄です。",
                                              f"「{column.label}」 is blank.",
                                              Msg("この行が属するケースと番号を書いてください。",
                                                  "write which case (and which number) the row belongs to.")))

    def _attach(self, sheet: SheetData, step, items: list) -> None:
        parent: Node = items[0][2]
        seen: dict[Any, Row] = {}
        kept = []
        for key, row, *_ in sorted(items, key=lambda item: (str(type(item[0])), item[0])):
            if key in seen:
                parent.root.problems.append(_problem(sheet.at(row.number, len(sheet.table.keys)),
                                                     f"番号「{key}」が {seen[key].number} 行目と重なっています。",
                                                     f"number '{key}' is also used in row {seen[key].number}.",
                                                     Msg("行ごとに違う番号にしてください。", "give each row its own number.")))
                continue
            seen[key] = row
            kept.append((key, row))
        container: Any = {} if step.is_dict else []
        for position, (key, row) in enumerate(kept):
            slot = key if step.is_dict else position
            path = parent.path + step.path + (slot,)
            value, positions, problems = _row_element(sheet, row, path)
            parent.root.problems.extend(problems)
            parent.root.positions.update(positions)
            parent.root.rows.append((sheet, row))
            if step.is_dict:
                container[key] = value
            else:
                container.append(value)
            if isinstance(value, dict):
                self.nodes[(sheet.table.id, *parent.keys, key)] = Node(
                    value, parent.root.positions, path, sheet.at(row.number, 1), parent.root.problems, parent.root,
                    (*parent.keys, key))
        target = parent.data
        for part in step.path[:-1]:
            target = target.setdefault(part, {})
        target[step.path[-1]] = container
        parent.root.positions.setdefault(parent.path + step.path, parent.anchor)


# ── case ids, references, file data ───────────────────────────────────────────────────────────────

def derived_case_id(root: Root) -> str | None:
    """The case id of a row without one: the kind and whom the case is about (epa-return-home-dewi)."""
    kind = root.table.owner.replace("_", "-")
    for path in (*PERSON_PATHS, *FACILITY_PATHS, *SUBMITTER_PATHS):
        value = root.data.get(path)
        if isinstance(value, dict):
            name = value.get(REF_FIELD) or slug(str(value.get("name_alphabet") or value.get("name") or ""))
            if name:
                return f"{kind}-{name}"
    return None


def references(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, name) of every `{ref: NAME}` in the data."""
    if isinstance(data, dict):
        if isinstance(data.get(REF_FIELD), str):
            yield path, data[REF_FIELD]
        for key, value in data.items():
            yield from references(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from references(value, path + (index,))


def _inlined(data: Any, parties: dict[str, tuple[Party, Root]]) -> Any:
    """The data with every reference to a person of the workbook replaced by that person."""
    if isinstance(data, list):
        return [_inlined(v, parties) for v in data]
    if not isinstance(data, dict):
        return data
    name = data.get(REF_FIELD)
    given = parties.get(name) if isinstance(name, str) else None
    if given is not None and given[0].inline:
        return {**given[1].data, **{k: _inlined(v, parties) for k, v in data.items() if k != REF_FIELD}}
    return {k: _inlined(v, parties) for k, v in data.items()}


def yaml_safe(value: Any) -> Any:
    """Text that a YAML 1.1 reader would take for something else (12, yes, 1:30) is written quoted."""
    if isinstance(value, dict):
        return {k: yaml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [yaml_safe(v) for v in value]
    if isinstance(value, str) and "\n" not in value:
        if _PLAIN.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
            return SingleQuotedScalarString(value)
    return value


def _canonical(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def reconcile(before: Any, after: Any) -> Any:
    """`after`, keeping each value of `before` that means the same (80 and "80", 2026-04-01 and its date)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return {k: reconcile(before[k], v) if k in before else v for k, v in after.items()}
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [reconcile(b, a) for b, a in zip(before, after, strict=True)]
    if not isinstance(before, (dict, list)) and not isinstance(after, (dict, list)) and before is not None \
            and _canonical(before) == _canonical(after):
        return before
    return after


# ── the plan: check everything, then write ────────────────────────────────────────────────────────

@dataclass
class Planned:
    """One file the import would write."""

    path: Path
    data: dict
    header: list[str]
    anchor: CellPosition
    status: str = "new"  # new | unchanged | update
    before: dict | None = None
    version: str = yamledit.ABSENT
    changes: list[yamledit.Change] = field(default_factory=list)
    refused: bool = False


@dataclass
class CaseRow:
    root: Root
    case_id: str | None
    checked: api.CheckedCase | None = None
    problems: list[Problem] = field(default_factory=list)
    planned: Planned | None = None

    @property
    def errors(self) -> list[Problem]:
        found = [p for p in self.problems if p.severity == "error"]
        return found + (self.checked.errors if self.checked else [])

    @property
    def ok(self) -> bool:
        return self.checked is not None and not self.errors


@dataclass
class ImportReport:
    source: Path
    rows: list[CaseRow]
    problems: list[Problem]
    """Problems of the workbook that belong to no one row: unknown columns, orphan list rows, parties."""
    parties: list[Planned] = field(default_factory=list)
    written: bool = False

    @property
    def blocked(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    @property
    def valid(self) -> list[CaseRow]:
        return [r for r in self.rows if r.ok]

    @property
    def invalid(self) -> list[CaseRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def exit_code(self) -> int:
        from generator.exceptions import ExitCode

        return ExitCode.invalid_input if self.blocked or self.invalid else ExitCode.ok


def _header(report_source: Path, sheet: SheetData, row: Row, kind: str | None) -> list[str]:
    lines = [f"yaml-language-server: $schema=.schema/{kind}.schema.json"] if kind else []
    lines.append(f"{report_source.name} の「{sheet.name}」{row.number}行目から formgen import で作成")
    return lines


def _existing(planned: Planned, update: bool, what: str, same_meaning: Callable[[dict], bool]) -> Problem | None:
    """Compare a planned file with the file already there: unchanged (the same text, or data that validates to
    the same model — a default written out or left out), an update, or a refusal."""
    try:
        before, _, problems = parse_yaml(planned.path.read_text(encoding="utf-8"), planned.path)
    except (InvalidInput, OSError, UnicodeDecodeError):
        before, problems = None, []  # refused below: there is nothing to compare
    if problems or not isinstance(before, dict):
        planned.status = "update"
        return _problem(planned.anchor, f"{planned.path} は既にありますが、読めないため上書きしません。",
                        f"{planned.path} already exists and cannot be read: not overwritten.",
                        Msg("そのファイルを直すか、移してから取り込んでください。", "fix or move that file, then import again."))
    after = reconcile(before, planned.data)
    changes = yamledit.changes_between(before, after)
    planned.version, planned.before, planned.data, planned.changes = yamledit.version_of(planned.path), before, after, \
        changes
    if not changes or same_meaning(before):
        planned.status, planned.changes = "unchanged", []
        return None
    planned.status = "update"
    if update:
        return None
    return _problem(planned.anchor, f"{planned.path} は既にあります（{what}）。上書きしません。",
                    f"{planned.path} already exists ({what}): not overwritten.",
                    Msg("変更を反映するなら --update を付けてください（変わる項目を表示し、コメントは残します）。",
                        "add --update to apply the changes (they are listed; comments are kept)."))


def _dump(model: Any) -> dict:
    return model.model_dump(exclude={"case_id"}) if hasattr(model, "model_dump") else {}


def _same_case(path: Path, into: Path, row: CaseRow) -> bool:
    existing = api.check_source(api.CaseSource(path, into))
    return existing.case is not None and row.checked is not None and row.checked.case is not None and \
        _dump(existing.case) == _dump(row.checked.case)


def _same_party(party: Party, before: dict, after: dict) -> bool:
    try:
        return party.model.model_validate(before) == party.model.model_validate(after)
    except ValueError:
        return False


def _case_ids(rows: list[CaseRow]) -> None:
    """Two rows with one case id would write one file: both are refused, each naming the other."""
    by_id: dict[str, list[CaseRow]] = {}
    for row in rows:
        if row.case_id:
            by_id.setdefault(row.case_id.casefold(), []).append(row)
    for group in by_id.values():
        for row in group if len(group) > 1 else ():
            others = ", ".join(str(o.root.positions[()]) for o in group if o is not row)
            row.problems.append(Problem(
                Msg(f"ケースID「{row.case_id}」が {others} と同じです。", f"case id '{row.case_id}' is also used at {others}."),
                row.root.positions[()], ("case_id",), "ケースID",
                hint=Msg("行ごとに違うケースIDを書いてください（同じ人の別の手続きなら、末尾に -2 などを付けます）。",
                         "give each row its own case id (e.g. add -2 for another procedure of the same person).")))


def _checked_rows(assembler: Assembler, into: Path) -> list[CaseRow]:
    given = {name: GivenParty(root.data, root.positions) for name, (_, root) in assembler.parties.items()}
    rows = []
    for root in assembler.cases:
        case_id = root.name or derived_case_id(root)
        row = CaseRow(root, case_id)
        if case_id is None:
            row.problems.append(_problem(root.positions[()], "ケースIDが空欄で、人の参照もないため、ファイル名を決められません。",
                                         "no case id, and no person to name the file after.",
                                         Msg("ケースID（英数字・-・_）を書いてください。", "write a case id (letters, digits, - and _).")))
        elif not CASE_ID_PATTERN.match(case_id):
            row.problems.append(_problem(root.positions[()], f"ケースID「{case_id}」は使えません。",
                                         f"case id '{case_id}' is not allowed.",
                                         Msg("英数字・ハイフン・下線・ピリオドだけで、100文字以内にしてください。",
                                             "use only letters, digits, '-', '_' and '.', at most 100 characters."),
                                         ("case_id",)))
            row.case_id = None
        notes = list(root.problems)
        for at, name in references(root.data):
            if name in assembler.parties:
                notes.extend(Problem(p.message, p.position, at + p.path, p.label, p.hint, p.severity)
                             for p in assembler.parties[name][1].problems)
        path = into / f"{row.case_id or f'row-{root.row.number}'}.yaml"
        row.checked = api.check_data({"kind": root.table.owner, **root.data}, dict(root.positions), path, into,
                                     parties=given, notes=notes)
        rows.append(row)
    _case_ids(rows)
    return rows


def _other_files_with_ids(rows: list[CaseRow], into: Path) -> None:
    if not into.is_dir():
        return
    stems: dict[str, list[Path]] = {}
    for source in api.find_cases([into]).sources:
        stems.setdefault(source.path.stem.casefold(), []).append(source.path)
    for row in rows:
        if not row.case_id:
            continue
        target = (into / f"{row.case_id}.yaml").resolve()
        for other in stems.get(row.case_id.casefold(), ()):
            if other.resolve() != target:
                row.problems.append(_problem(row.root.positions[()],
                                             f"ケースID「{row.case_id}」のファイル {other} が既にあります。",
                                             f"a case file with id '{row.case_id}' already exists: {other}.",
                                             Msg("別のケースIDにするか、そのファイルを移してください。",
                                                 "use another case id, or move that file.")))


def _plan_cases(report: ImportReport, assembler: Assembler, into: Path, update: bool) -> None:
    for row in report.rows:
        if not row.ok:
            continue
        data = _inlined(row.root.data, assembler.parties)
        planned = Planned(into / f"{row.case_id}.yaml", {"kind": row.root.table.owner, **data},
                          _header(report.source, row.root.sheet, row.root.row, row.root.table.owner),
                          row.root.positions[()])
        if planned.path.exists():
            refusal = _existing(planned, update, "ケースファイル", lambda _before: _same_case(planned.path, into, row))  # noqa: B023 (called at once)
            if refusal:
                row.problems.append(refusal)
        row.planned = planned


def _plan_parties(report: ImportReport, assembler: Assembler, into: Path, update: bool) -> None:
    named = {name for row in report.rows for _, name in references(row.root.data)}
    wanted = {name for row in report.valid for _, name in references(row.root.data)}
    for name, (party, root) in assembler.parties.items():
        if name not in named:
            report.problems.append(Problem(Msg(f"参照名「{name}」はどのケースからも参照されていないため、書き出しません。",
                                               f"'{name}' is referenced by no case: not written."),
                                           root.anchor, severity="warning"))
        if name not in wanted or party.inline:
            continue
        planned = Planned(into / PARTIES_DIR / f"{name}.yaml", root.data,
                          _header(report.source, root.sheet, root.row, None), root.anchor)
        if planned.path.exists():
            refusal = _existing(planned, update, "parties ファイル", lambda before: _same_party(party, before, root.data))  # noqa: B023 (called at once)
            if refusal:
                planned.refused = True
                for row in report.rows:
                    if any(n == name for _, n in references(row.root.data)):
                        row.problems.append(refusal)
        report.parties.append(planned)


def plan_import(source: Path, into: Path, *, update: bool = False, layout: Layout | None = None) -> ImportReport:
    """Read, assemble and check every row; decide what each file would become. Writes nothing."""
    layout = layout or default_layout()
    book = read_book(source, layout)
    assembler = Assembler(book).run(layout)
    rows = _checked_rows(assembler, into)
    _other_files_with_ids(rows, into)
    report = ImportReport(source, rows, book.problems + assembler.problems)
    _plan_cases(report, assembler, into, update)
    _plan_parties(report, assembler, into, update)
    if not rows and not report.blocked:
        report.problems.append(Problem(Msg("ケースの行がありません。", "there are no case rows."),
                                       CellPosition(source, "-", 1, 1),
                                       hint=Msg("種類のシート（例: 帰国）に1件1行で書いてください。",
                                                "write one case per row on a kind's sheet (e.g. 帰国).")))
    return report


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's C emitter for new files: ruamel's round trip is for changing files, and 30 times slower."""


def _text_scalar(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text_scalar)


def new_file_text(data: dict, header: list[str]) -> str:
    """A new case or parties file: the header comments, then the data in block style (key order kept).
    Text a YAML 1.1 or 1.2 reader could take for a number, a yes/no or a time is quoted."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096)
    return "".join(f"# {line}\n" for line in header) + body


def _write_all(planned: list[Planned]) -> None:
    yamledit.save_new_many([(p.path, new_file_text(p.data, p.header)) for p in planned if p.status == "new"])
    for item in planned:
        if item.status == "update":
            _, item.changes = yamledit.save_changes(item.path, item.version, item.before or {}, yaml_safe(item.data))


def run_import(source: Path, into: Path, *, update: bool = False, partial: bool = False,
               layout: Layout | None = None) -> ImportReport:
    """Plan, then write: everything when every row is valid, else nothing (or the valid rows, if `partial`)."""
    report = plan_import(source, into, update=update, layout=layout)
    if report.blocked or (report.invalid and not partial):
        return report
    wanted = {name for row in report.valid for _, name in references(row.root.data)}
    parties = [p for p in report.parties if p.path.stem in wanted and not p.refused]
    _write_all([*parties, *(row.planned for row in report.valid if row.planned is not None)])
    report.written = True
    return report


def describe_changes(planned: Planned) -> list[str]:
    """What --update changes in a file, one line per key (personal numbers masked)."""
    return [mask(change.describe()) for change in planned.changes]


__all__ = ["ImportReport", "plan_import", "run_import", "describe_changes"]
