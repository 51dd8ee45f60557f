"""The one mapping between the case schemas and a workbook, derived from the pydantic models.

Every case kind has a sheet with one row per case; the fields of nested models are its columns
(`departure.date` → 「出国確認：出国確認日」). A list of models inside a case (facilities, allowances,
candidates…) has a sheet of its own whose rows are keyed by the case id and a number per list level;
a dict (`filed:`) likewise, keyed by the case id and the dict's key. Parties — organisations,
facilities and people — have their own sheets keyed by a reference name; a case names them in a
reference column (「受入れ機関（参照）」). Lists of plain values (countries, weekdays) sit in one cell.

Nothing here names a field: adding a field to a schema adds its column. Only what a model cannot
say is declared here — which models are parties, and the short sheet name of each kind.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from schemas.case import CaseFile
from schemas.describe import Shape, shape_of
from schemas.followup import Returnee
from schemas.jitco_airfare_advance import JitcoPerson
from schemas.parties import EpaPerson, Facility, Organisation
from schemas.technical_intern_plan import Intern
from schemas.trainee import TraineePerson
from schemas.types import Yen

CASE_KEY = "#case"
PARTY_KEY = "#ref"
REF_FIELD = "ref"
DICT_VALUE = "value"
ROOT_ONLY_FIELDS = ("kind", "case_id")
"""Fields of a case that are not columns: the sheet is the kind, the key column the case id."""
MAX_SHEET_NAME = 31  # Excel's limit
LABEL_JOIN = "："
"""Between the titles of a nested field's label; in CP932, so that a sheet saved as CSV keeps its headers."""
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

KIND_SHEETS = {
    "epa_job_offer": "求人登録",
    "epa_employment_contract": "雇用契約",
    "epa_return_home": "帰国",
    "epa_status_change": "在留資格変更",
    "epa_death": "死亡",
    "epa_disappearance": "失踪",
    "epa_illegal_work": "不法就労",
    "epa_contract_end": "雇用契約終了",
    "epa_exam_result": "国家試験結果",
    "epa_annual_report": "定期報告",
    "jitco_airfare_advance": "帰国旅費立替",
    "jicwels_contracts": "JICWELS契約",
    "epa_residence_record": "在留記録",
    "technical_intern_plan": "技能実習計画",
    "score_supervising_org": "優良要件（監理団体）",
    "score_implementer": "優良要件（実習実施者）",
    "trainee": "研修",
    "followup_record": "帰国後フォローアップ",
}
"""The sheet of each kind; a kind missing here gets a sheet named after its id."""


@dataclass(frozen=True)
class Party:
    """Models kept once on a parties sheet and named from cases by a reference."""

    id: str
    model: type[BaseModel]
    sheet: str
    inline: bool
    """True: written into each case file that names it (people); False: into parties/NAME.yaml."""


PARTIES: tuple[Party, ...] = (
    Party("organisation", Organisation, "機関", inline=False),
    Party("facility", Facility, "施設", inline=False),
    Party("epa_person", EpaPerson, "人", inline=True),
    Party("jitco_person", JitcoPerson, "人（JITCO）", inline=True),
    Party("trainee_person", TraineePerson, "人（研修生）", inline=True),
    Party("intern", Intern, "人（技能実習生）", inline=True),
    Party("returnee", Returnee, "人（帰国技能実習生）", inline=True),
)
"""A field whose model is one of these (or a subclass: its extra fields stay with the case) is a reference."""


def party_of(model: type[BaseModel]) -> Party | None:
    return next((p for p in PARTIES if issubclass(model, p.model)), None)


def slug(text: str) -> str:
    """A name in letters for a reference or a case id: "DEWI AYU LESTARI" → dewi-ayu-lestari."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# ── what a field holds ────────────────────────────────────────────────────────────────────────────

ValueKind = Literal["text", "date", "int", "yen", "float", "bool", "choice", "mixed", "list", "ref", "key"]
YEN_MARKERS = typing.get_args(Yen)[1:]


def _is_model(base: Any) -> bool:
    return isinstance(base, type) and issubclass(base, BaseModel)


def _literal_values(base: Any) -> tuple:
    return typing.get_args(base) if typing.get_origin(base) is Literal else ()


def scalar_kind(shape: Shape) -> tuple[ValueKind, tuple]:
    """(kind, choices) of a plain value."""
    base = shape.base
    if isinstance(base, tuple):  # a union of plain types, e.g. a day of the month or 末日
        choices = tuple(v for b in base for v in _literal_values(shape_of(b).base))
        return "mixed", choices
    if typing.get_origin(base) is Literal:
        return "choice", typing.get_args(base)
    if base is bool:
        return "bool", ("はい", "いいえ")
    if base is dt.date:
        return "date", ()
    if base is int:
        return ("yen" if any(m in YEN_MARKERS for m in shape.metadata) else "int"), ()
    if base is float:
        return "float", ()
    return "text", ()


# ── columns and tables ────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Column:
    key: str
    """As written in the hidden key row: the dotted field path, or #case / #ref, and #1, #2… for the number (or key) of each list level."""
    path: tuple[str, ...]
    """Where the value goes in the row's data (empty for the value of a dict of plain values)."""
    label: str
    kind: ValueKind
    required: bool = False
    choices: tuple = ()
    item_kind: ValueKind | None = None
    """For a list of plain values in one cell: the kind of each item."""
    party: Party | None = None
    hint: str = ""

    @property
    def is_key(self) -> bool:
        return self.key.startswith("#")


@dataclass(frozen=True)
class Step:
    """From one element down to the list (or dict) whose items are the next table's rows."""

    path: tuple[str, ...]
    label: str
    is_dict: bool = False


@dataclass
class Table:
    id: str
    title: str
    model: type[BaseModel] | None
    """The model of one row (None: the rows are the plain values of a dict)."""
    root: Literal["case", "party"]
    owner: str
    """The case kind, the party id, or "case" for the lists every case kind has."""
    steps: tuple[Step, ...] = ()
    keys: list[Column] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    children: list[Table] = field(default_factory=list)
    sheet: str = ""
    parent: str | None = None
    """The id of the table whose rows this table's rows belong to (None for the lists every case has)."""

    @property
    def all_columns(self) -> list[Column]:
        return [*self.keys, *self.columns]

    def walk(self) -> Iterable[Table]:
        yield self
        for child in self.children:
            yield from child.walk()

    def column_by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.all_columns}


def _hint(info, kind: ValueKind, choices: tuple, required: bool, party: Party | None,
          item_kind: ValueKind | None = None) -> str:
    parts = ["必須" if required else "任意"]
    formats = {"date": "日付（例: 2026/04/01、令和8年4月1日）", "yen": "金額（円、例: 185000 または 185,000円）",
               "int": "整数", "float": "数値", "bool": "はい / いいえ"}
    if kind in formats:
        parts.append(formats[kind])
    if kind == "ref" and party is not None:
        parts.append(f"「{party.sheet}」シートの参照名")
    if kind == "list":
        parts.append("複数は改行（Alt+Enter）で区切る" if item_kind == "text" else "複数は改行（Alt+Enter）か「、」で区切る")
    if choices and kind in ("choice", "list"):
        parts.append("次のいずれか: " + " / ".join(str(c) for c in choices))
    if kind == "mixed":
        parts.append("数値" + "".join(f"または「{c}」" for c in choices))
    if info is not None and info.description:
        parts.append(info.description)
    return "｜".join(parts)


class _Builder:
    """Turns a model into a table's columns and child tables."""

    def __init__(self, table: Table):
        self.table = table

    def add_fields(self, model: type[BaseModel], path: tuple[str, ...], labels: tuple[str, ...], required: bool,
                   only: Iterable[str] | None = None, skip: Iterable[str] = ()) -> None:
        wanted = set(only) if only is not None else None
        for name, info in model.model_fields.items():
            if name in skip or (wanted is not None and name not in wanted):
                continue
            shape = shape_of(info.annotation, info.metadata)
            self.add_field(name, info, shape, path + (name,), labels + (info.title or name,),
                           required and info.is_required() and not shape.optional)

    def add_field(self, name: str, info, shape: Shape, path: tuple[str, ...], labels: tuple[str, ...],
                  required: bool) -> None:
        base = shape.base
        origin = typing.get_origin(base)
        if _is_model(base):
            self.add_model(base, path, labels, required, info)
            return
        if origin in (list, tuple, set):
            item = shape_of(typing.get_args(base)[0])
            if _is_model(item.base):
                self.child(name, info, path, labels, item.base, is_dict=False)
            else:
                kind, choices = scalar_kind(item)
                self.column(path, LABEL_JOIN.join(labels), "list", required, info, choices=choices, item_kind=kind)
            return
        if origin is dict:
            value = shape_of(typing.get_args(base)[1])
            self.child(name, info, path, labels, value.base if _is_model(value.base) else None, is_dict=True,
                       value_shape=value)
            return
        kind, choices = scalar_kind(shape)
        self.column(path, LABEL_JOIN.join(labels), kind, required, info, choices=choices)

    def add_model(self, model: type[BaseModel], path: tuple[str, ...], labels: tuple[str, ...], required: bool,
                  info) -> None:
        """A nested model's fields as columns; a party as its reference column and the fields it adds."""
        party = party_of(model)
        if party is None:
            self.add_fields(model, path, labels, required)
            return
        label = LABEL_JOIN.join(labels or (self.table.title,)) + "（参照）"
        self.column(path + (REF_FIELD,), label, "ref", required, info, party=party)
        self.add_fields(model, path, labels, required, skip=party.model.model_fields)

    def column(self, path: tuple[str, ...], label: str, kind: ValueKind, required: bool, info, *,
               choices: tuple = (), item_kind: ValueKind | None = None, party: Party | None = None) -> None:
        self.table.columns.append(Column(".".join(path), path, label, kind, required, choices, item_kind, party,
                                         _hint(info, kind, choices, required, party, item_kind)))

    def child(self, name: str, info, path: tuple[str, ...], labels: tuple[str, ...],
              model: type[BaseModel] | None, *, is_dict: bool, value_shape: Shape | None = None) -> None:
        parent = self.table
        label = LABEL_JOIN.join(labels)
        shared = parent.root == "case" and not parent.steps and path == (name,) and name in CaseFile.model_fields
        step = Step(path, label, is_dict)
        owner_key = parent.keys[0]
        keys = [Column(owner_key.key, (), owner_key.label, "key", True,
                       hint=f"必須｜この行が属する{owner_key.label}"), *parent.keys[1:]]
        table = Table(id=f"case.{name}" if shared else f"{parent.id}.{'.'.join(path)}", title=label, model=model,
                      root=parent.root, owner="case" if shared else parent.owner, steps=(*parent.steps, step),
                      keys=keys, parent=None if shared else parent.id)
        short = labels[-1]
        if is_dict:
            table.keys.append(Column(f"#{len(table.steps)}", (), f"{short}（キー）", "key", True,
                                     hint=_hint(info, "text", (), True, None)))
        else:
            table.keys.append(Column(f"#{len(table.steps)}", (), f"{short}の番号", "key", True,
                                     hint="必須｜1, 2, 3…（この番号の順に並びます）"))
        builder = _Builder(table)
        if model is not None:
            builder.add_model(model, (), (), True, info)
        else:
            assert value_shape is not None, "a table of plain values knows their shape"
            kind, choices = scalar_kind(value_shape)
            table.columns.append(Column(DICT_VALUE, (), short, kind, True, choices,
                                        hint=_hint(info, kind, choices, True, None)))
        _unique_labels(table)
        parent.children.append(table)


def _unique_labels(table: Table) -> None:
    seen: dict[str, int] = {}
    for column in table.all_columns:
        seen[column.label] = seen.get(column.label, 0) + 1
    table.columns = [c if seen[c.label] == 1 else Column(c.key, c.path, f"{c.label}（{c.key}）", c.kind, c.required,
                                                         c.choices, c.item_kind, c.party, c.hint)
                     for c in table.columns]


def case_table(kind: str, model: type[BaseModel]) -> Table:
    title = KIND_SHEETS.get(kind, kind)
    table = Table(id=kind, title=title, model=model, root="case", owner=kind,
                  keys=[Column(CASE_KEY, (), "ケースID", "key", False,
                               hint="任意｜出力フォルダ名・ファイル名（英数字・-・_）。空欄なら種類と人の名前から作ります")])
    builder = _Builder(table)
    common = set(CaseFile.model_fields)
    builder.add_fields(model, (), (), True, skip=[*ROOT_ONLY_FIELDS, *common])
    builder.add_fields(model, (), (), True, only=common - set(ROOT_ONLY_FIELDS))
    _unique_labels(table)
    return table


def party_table(party: Party) -> Table:
    table = Table(id=f"party.{party.id}", title=party.sheet, model=party.model, root="party", owner=party.id,
                  keys=[Column(PARTY_KEY, (), "参照名", "key", True,
                               hint="必須｜ケースの参照列に書く名前（英数字・-・_、例: sakura-kai）")])
    _Builder(table).add_fields(party.model, (), (), True)
    _unique_labels(table)
    return table


# ── the layout: every table of a set of kinds, with unique sheet names ─────────────────────────────

@dataclass
class Layout:
    cases: dict[str, Table]
    parties: dict[str, Table]
    shared: dict[str, Table]

    def tables(self) -> list[Table]:
        """Every table in workbook order: each kind with its lists, the parties, the lists every case has."""
        found: list[Table] = []
        for table in self.cases.values():
            found.extend(t for t in table.walk() if t.owner != "case" or t is table)
        for table in self.parties.values():
            found.extend(table.walk())
        found.extend(self.shared.values())
        return found

    def by_id(self) -> dict[str, Table]:
        return {t.id: t for t in self.tables()}

    def by_sheet(self) -> dict[str, Table]:
        return {t.sheet: t for t in self.tables()}

    def for_kinds(self, kinds: Iterable[str]) -> list[Table]:
        """The tables a workbook of these kinds needs, in workbook order."""
        kinds = list(kinds)
        wanted: set[str] = set()
        for kind in kinds:
            for table in self.cases[kind].walk():
                wanted.add(table.id)
                wanted.update(f"party.{c.party.id}" for c in table.columns if c.party is not None)
        for party_id in [w for w in wanted if w.startswith("party.")]:
            wanted.update(t.id for t in self.parties[party_id].walk())
        return [t for t in self.tables() if t.id in wanted]


def _sheet_name(title: str, taken: set[str]) -> str:
    base = SHEET_NAME_FORBIDDEN.sub("・", title).strip("'")[:MAX_SHEET_NAME]
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f"（{n}）"
        name, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _name_sheets(layout: Layout) -> None:
    taken = {"期限", "選択肢"}
    for table in layout.tables():
        if table.root == "party" and not table.steps:
            table.sheet = _sheet_name(table.title, taken)
    for table in layout.tables():
        if table.sheet:
            continue
        if not table.steps:
            table.sheet = _sheet_name(table.title, taken)
        elif table.owner == "case":
            table.sheet = _sheet_name(table.title, taken)
        else:
            head = KIND_SHEETS.get(table.owner, table.owner) if table.root == "case" else \
                next(p.sheet for p in PARTIES if p.id == table.owner)
            table.sheet = _sheet_name(f"{head}・{table.steps[-1].label.split(LABEL_JOIN)[-1]}", taken)


def layout_for(models: Mapping[str, type[BaseModel]]) -> Layout:
    cases = {kind: case_table(kind, model) for kind, model in models.items()}
    shared: dict[str, Table] = {}
    for table in cases.values():
        for child in table.children:
            if child.owner == "case":
                shared.setdefault(child.id, child)
    used = {c.party.id for t in cases.values() for child in t.walk() for c in child.columns if c.party is not None}
    parties = {f"party.{p.id}": party_table(p) for p in PARTIES if p.id in used}
    layout = Layout(cases, parties, shared)
    _name_sheets(layout)
    for table in cases.values():  # the lists every case has are one table, shared by the kinds
        table.children = [shared.get(c.id, c) for c in table.children]
    return layout


@lru_cache(maxsize=1)
def default_layout() -> Layout:
    from schemas import KINDS

    return layout_for(KINDS)
