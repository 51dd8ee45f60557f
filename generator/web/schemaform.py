"""HTML forms generated from a kind's pydantic schema, and the submitted form back to case data.

Each field of the model becomes an input: Japanese title as its label, description as its help,
Literal choices as a select (a list of choices as check boxes), dates as a text box with a date picker
(so that a date typed wrong, 2026-02-30, reaches the validation and its message), lists as rows that
can be added and removed, nested models as fieldsets. A field whose model is (or extends) a party
(kinds.PARTY_MODELS) gets a select of the parties files of that type, "direct entry" and "new…".

Form names are the field paths joined with dots (`person.birth_date`, `facilities.0.hours.start`), so
the pipeline's problems, located by field path, land next to their inputs. Parsing starts from the
data the form was made from: keys the form does not show (`filed:`, attachments, unknown keys) are kept
as they were, and a value typed as it was before stays the value it was (same type, same text).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.load import CASE_ID_PATTERN, REF_KEY
from generator.messages import Msg
from generator.web.kinds import party_base
from schemas.describe import shape_of

ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT"})()
NEW_PARTY = "__new__"
REF_FIELD = "__ref"
NEW_NAME_FIELD = "__newname"
ROW_MARK = "__row"
LIST_MARK = "__list"
CHOICES_MARK = "__choices"
HIDDEN_FIELDS = {"kind", "filed", "attachments"}
"""Shown elsewhere: the kind is chosen first, `filed:` by the deadline buttons, attachments by upload."""


@dataclass(frozen=True)
class FieldSpec:
    key: str
    title: str
    description: str | None
    required: bool
    widget: str  # text textarea int number date bool choice choices model list
    choices: tuple = ()
    model: type[BaseModel] | None = None
    item: FieldSpec | None = None
    default: Any = None

    @property
    def of_model(self) -> type[BaseModel]:
        """The model of a "model" field."""
        assert self.model is not None, f"{self.key} is a {self.widget} field"
        return self.model

    @property
    def of_item(self) -> FieldSpec:
        """What each row of a "list" field holds."""
        assert self.item is not None, f"{self.key} is a {self.widget} field"
        return self.item


def _max_length(metadata: list) -> int | None:
    for item in metadata:
        if isinstance(item, FieldInfo):
            found = _max_length(list(item.metadata))
            if found:
                return found
        limit = getattr(item, "max_length", None)
        if isinstance(limit, int):
            return limit
    return None


def _unwrap(annotation: Any) -> tuple[Any, list]:
    """(the type without Annotated/Optional, the Annotated metadata); a union of several types is text."""
    shape = shape_of(annotation)
    return (str if isinstance(shape.base, tuple) else shape.base), list(shape.metadata)


def _spec(key: str, annotation: Any, title: str, description: str | None, required: bool,
          default: Any = None, metadata: list | None = None) -> FieldSpec | None:
    annotation, inner = _unwrap(annotation)
    metadata = (metadata or []) + inner
    origin = typing.get_origin(annotation)
    common = dict(key=key, title=title, description=description, required=required, default=default)
    if origin is Literal:
        return FieldSpec(widget="choice", choices=typing.get_args(annotation), **common)
    if origin is list:
        item_type, item_meta = _unwrap(typing.get_args(annotation)[0])
        if typing.get_origin(item_type) is Literal:
            return FieldSpec(widget="choices", choices=typing.get_args(item_type), **common)
        item = _spec("", item_type, title, None, True, metadata=item_meta)
        return FieldSpec(widget="list", item=item, **common) if item else None
    if origin is dict:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldSpec(widget="model", model=annotation, **common)
    if annotation is bool:
        return FieldSpec(widget="bool", **common)
    if annotation is dt.date:
        return FieldSpec(widget="date", **common)
    if annotation is int:
        return FieldSpec(widget="int", **common)
    if annotation is float:
        return FieldSpec(widget="number", **common)
    limit = _max_length(metadata)
    return FieldSpec(widget="textarea" if limit and limit > 200 else "text", **common)


@cache
def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    specs = []
    for key, info in model.model_fields.items():
        default = None if info.is_required() or info.default_factory else info.default
        spec = _spec(key, info.annotation, info.title or key, info.description, info.is_required(), default,
                     list(info.metadata))
        if spec is not None:
            specs.append(spec)
    return tuple(specs)


def join(prefix: str, key: object) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


# ── labels of field paths (for messages about changes) ──────────────────────────────────────────

def label_of(model: type[BaseModel], path: tuple) -> str:
    labels, specs = [], fields_of(model)
    current: FieldSpec | None = None
    for key in path:
        if isinstance(key, int) and current is not None and current.widget == "list":
            labels.append(f"{key + 1}件目")
            current = current.item
            specs = fields_of(current.model) if current and current.model else ()
            continue
        current = next((s for s in specs if s.key == key), None)
        if current is None:
            labels.append(str(key))
            specs = ()
            continue
        labels.append(current.title)
        specs = fields_of(current.model) if current.model else ()
    return " › ".join(labels)


# ── rendering: data → a tree of widgets for the template ─────────────────────────────────────────

def shown(value: Any) -> str:
    if value is None or value is ABSENT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


@dataclass
class Context:
    """What the form needs beyond the schema: the parties to offer, and the problems by field."""

    parties_for: Callable[[type[BaseModel]], list[tuple[str, str]]] = lambda base: []
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    new_names: dict[str, str] = field(default_factory=dict)


def _node(spec: FieldSpec, name: str, value: Any, context: Context) -> dict:
    node: dict[str, Any] = {"widget": spec.widget, "name": name, "id": f"f-{name}", "label": spec.title, "help": spec.description,
            "required": spec.required, "default": shown(spec.default) if spec.default is not None else "",
            "errors": context.errors.get(name, []), "warnings": context.warnings.get(name, []),
            "choices": [(shown(c), shown(c)) for c in spec.choices], "value": shown(value)}
    if spec.widget == "choices":
        node["value"] = [shown(v) for v in value] if isinstance(value, list) else []
    elif spec.widget == "model":
        node.update(model_nodes(spec.of_model, value if isinstance(value, dict) else {}, name, context))
        node["folded"] = (not spec.required and (value is None or is_blank(value))
                          and not any(k == name or k.startswith(name + ".") for k in context.errors))
    elif spec.widget == "list":
        items = value if isinstance(value, list) else []
        node["rows"] = [_node(spec.of_item, join(name, i), item, context) | {"index": i}
                        for i, item in enumerate(items)]
    return node


def model_nodes(model: type[BaseModel], data: Mapping, prefix: str, context: Context) -> dict:
    """The children of a fieldset, and its party select when the model can be a parties file."""
    base = party_base(model)
    base_keys = set(base.model_fields) if base else set()
    party = None
    if base is not None:
        options = context.parties_for(base)
        selected = data.get(REF_KEY) if isinstance(data.get(REF_KEY), str) else ""
        if prefix in context.new_names:
            selected = NEW_PARTY
        if selected and selected != NEW_PARTY and selected not in {n for n, _ in options}:
            options = [*options, (selected, f"{selected}（見つかりません）")]
        party = {"name": join(prefix, REF_FIELD), "options": options, "selected": selected,
                 "newname_field": join(prefix, NEW_NAME_FIELD), "newname": context.new_names.get(prefix, ""),
                 "errors": context.errors.get(join(prefix, NEW_NAME_FIELD), [])}
    children = []
    for spec in fields_of(model):
        if spec.key in HIDDEN_FIELDS:
            continue
        child = _node(spec, join(prefix, spec.key), data.get(spec.key), context)
        child["party_field"] = spec.key in base_keys
        children.append(child)
    return {"children": children, "party": party}


def form_tree(model: type[BaseModel], data: Mapping, context: Context) -> dict:
    """The form of a whole case (or parties file); the fields every kind shares come last."""
    from schemas.case import CaseFile

    tree = model_nodes(model, data, "", context)
    if issubclass(model, CaseFile):
        common = set(CaseFile.model_fields)
        tree["children"] = ([c for c in tree["children"] if c["name"] not in common]
                            + [c for c in tree["children"] if c["name"] in common])
    return tree


# ── parsing: the submitted form → case data ──────────────────────────────────────────────────────

_INT = re.compile(r"[+-]?\d+")


def _coerce(spec: FieldSpec, text: str) -> Any:
    if spec.widget == "int" and _INT.fullmatch(text):
        return int(text)
    if spec.widget == "number":
        if _INT.fullmatch(text):
            return int(text)
        try:
            return float(text)
        except ValueError:
            return text
    if spec.widget == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the schema's message says what is wrong with it
    if spec.widget == "bool" and text in ("true", "false"):
        return text == "true"
    if spec.widget in ("choice", "choices"):
        return next((c for c in spec.choices if shown(c) == text), text)
    return text


def _as_before(before: Any, value: Any) -> Any:
    """A value typed as it was stays the value it was (no quotes added, no type changed)."""
    if before is None or isinstance(before, (dict, list)):
        return value
    if shown(before) == shown(value) or (isinstance(before, str) and isinstance(value, str)
                                          and before.strip() == value.strip()):
        return before  # a literal block's final newline is not a change
    return value


@dataclass
class Submitted:
    """A submitted form: its values by name, and what parsing found besides the case data."""

    values: Mapping[str, list[str]]
    keep_empty_rows: bool = False
    new_parties: list[tuple[str, str, type[BaseModel], dict]] = field(default_factory=list)
    """(form path, new parties file name, party model, its data) chosen with "new…"."""

    def get(self, name: str) -> str | None:
        found = self.values.get(name)
        return found[-1] if found else None

    def getlist(self, name: str) -> list[str]:
        return list(self.values.get(name, []))

    def has_prefix(self, prefix: str) -> bool:
        return any(k == prefix or k.startswith(prefix + ".") for k in self.values)

    def indices(self, name: str) -> list[int]:
        pattern = re.compile(re.escape(name) + r"\.(\d+)(?:\.|$)")
        return sorted({int(m.group(1)) for k in self.values if (m := pattern.match(k))})


def parse_field(spec: FieldSpec, form: Submitted, name: str, before: Any) -> Any:
    if spec.widget == "model":
        if not form.has_prefix(name):
            return before if before is not None else ABSENT
        data = parse_model(spec.of_model, form, name, before if isinstance(before, dict) else {})
        if is_blank(data) and not spec.required and not form.keep_empty_rows:
            return before if before == {} else ABSENT  # `x: {}` as written stays
        return data
    if spec.widget == "list":
        return _parse_list(spec, form, name, before)
    if spec.widget == "choices":
        if form.get(join(name, CHOICES_MARK)) is None:
            return before if before is not None else ABSENT
        picked = [_coerce(spec, v) for v in form.getlist(name)]
        return picked or (before if before == [] else ABSENT)
    text = form.get(name)
    if text is None:
        return before if before is not None else ABSENT
    text = text.strip() if spec.widget != "textarea" else text.strip("\n").rstrip()
    if not text:
        return ABSENT
    return _as_before(before, _coerce(spec, text.replace("\r\n", "\n")))


def is_blank(value: Any) -> bool:
    """Nothing typed: an empty mapping or list, or one holding only such (required sub-forms left empty)."""
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(is_blank(v) for v in value)
    return False


def _parse_list(spec: FieldSpec, form: Submitted, name: str, before: Any) -> Any:
    if form.get(join(name, LIST_MARK)) is None:
        return before if before is not None else ABSENT
    old = before if isinstance(before, list) else []
    items = []
    for index in form.indices(name):
        item_before = old[index] if index < len(old) else None
        value = parse_field(spec.of_item, form, join(name, index), item_before)
        if value is ABSENT or is_blank(value):
            if not form.keep_empty_rows:
                continue
            value = {} if spec.of_item.widget == "model" else ""
        items.append(value)
    if not items and not form.keep_empty_rows:
        return before if before == [] else ABSENT  # `x: []` as written stays
    return items


def parse_model(model: type[BaseModel], form: Submitted, prefix: str, before: Mapping) -> dict:
    result = dict(before)
    for spec in fields_of(model):
        if spec.key in HIDDEN_FIELDS:
            continue
        value = parse_field(spec, form, join(prefix, spec.key), result.get(spec.key))
        if value is ABSENT:
            result.pop(spec.key, None)
        else:
            result[spec.key] = value
    base = party_base(model)
    choice = form.get(join(prefix, REF_FIELD)) if base is not None else None
    if base is None or choice is None:
        return result
    result.pop(REF_KEY, None)
    if choice == NEW_PARTY:
        name = (form.get(join(prefix, NEW_NAME_FIELD)) or "").strip()
        party = {k: result.pop(k) for k in list(result) if k in base.model_fields}
        form.new_parties.append((prefix, name, base, party))
        return {REF_KEY: name, **result}
    if choice:  # the party's own fields come from its file: only what was typed overrides them
        kept = {k: v for k, v in result.items() if k not in base.model_fields or not is_blank(v)}
        return {REF_KEY: choice, **kept}
    return result


def parse_case(model: type[BaseModel], values: Mapping[str, list[str]], before: Mapping, *,
               keep_empty_rows: bool = False) -> tuple[dict, Submitted]:
    form = Submitted(values, keep_empty_rows)
    data = parse_model(model, form, "", before)
    return data, form


def new_party_problems(form: Submitted, exists: Callable[[str], bool]) -> dict[str, list[Msg]]:
    """A "new…" party needs a free, safe file name."""
    found: dict[str, list[Msg]] = {}
    for prefix, name, _base, _data in form.new_parties:
        where = join(prefix, NEW_NAME_FIELD)
        if not CASE_ID_PATTERN.match(name):
            found.setdefault(where, []).append(Msg(
                "新しい parties ファイルの名前を英数字・ハイフン・下線で書いてください（例: sakura-kai）。",
                "name the new parties file with letters, digits, '-' and '_' (e.g. sakura-kai)."))
        elif exists(name):
            found.setdefault(where, []).append(Msg(
                f"parties/{name}.yaml はもうあります。一覧から選ぶか、別の名前にしてください。",
                f"parties/{name}.yaml exists already: choose it from the list, or another name."))
    return found


# ── list rows: add and remove without script ─────────────────────────────────────────────────────

def apply_row_action(data: dict, action: str) -> dict:
    """`add:facilities` appends an empty row, `remove:facilities.1` drops one; data is changed in place."""
    verb, _, where = action.partition(":")
    path = [int(p) if p.isdigit() else p for p in where.split(".") if p]
    if not path:
        return data
    parent: Any = data
    for key in path[:-1]:
        if isinstance(parent, dict):
            parent = parent.setdefault(key, {})
        elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
            parent = parent[key]
        else:
            return data
    last = path[-1]
    if verb == "add" and isinstance(parent, dict):
        rows = parent.get(last)
        parent[last] = [*(rows if isinstance(rows, list) else []), {}]
    elif verb == "remove" and isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        del parent[last]
    return data


def fill_row_kinds(model: type[BaseModel], data: dict) -> dict:
    """Rows added as {} become "" where the list holds text, so that they render as one input."""
    for spec in fields_of(model):
        value = data.get(spec.key)
        if spec.widget == "list" and isinstance(value, list):
            if spec.of_item.widget == "model":
                data[spec.key] = [fill_row_kinds(spec.of_item.of_model, v) if isinstance(v, dict) else v for v in value]
            else:
                data[spec.key] = ["" if v == {} else v for v in value]
        elif spec.widget == "model" and isinstance(value, dict):
            fill_row_kinds(spec.of_model, value)
    return data


# ── a readable summary of what a case says ───────────────────────────────────────────────────────

def summary(model: type[BaseModel], data: Mapping, mask: Callable[[str], str]) -> list[dict]:
    rows = []
    for spec in fields_of(model):
        value = data.get(spec.key)
        if value is None or value == [] or value == {} or spec.key == "kind":
            continue
        rows.append(_summary_row(spec, value, mask) | {"key": spec.key})
    return rows


def _summary_row(spec: FieldSpec, value: Any, mask: Callable[[str], str]) -> dict:
    if spec.widget == "model" and isinstance(value, dict):
        return {"label": spec.title, "children": summary(spec.of_model, value, mask)}
    if spec.widget == "list" and isinstance(value, list):
        if spec.of_item.widget == "model":
            return {"label": spec.title, "items": [summary(spec.of_item.of_model, v, mask) for v in value
                                                   if isinstance(v, dict)]}
        return {"label": spec.title, "value": mask("、".join(shown(v) for v in value))}
    if spec.widget == "choices" and isinstance(value, list):
        return {"label": spec.title, "value": "、".join(shown(v) for v in value)}
    if spec.widget == "bool" and isinstance(value, bool):
        return {"label": spec.title, "value": (Msg("はい", "yes") if value else Msg("いいえ", "no")).render()}
    if isinstance(value, dict) and REF_KEY in value:
        return {"label": spec.title, "value": f"parties/{value[REF_KEY]}"}
    return {"label": spec.title, "value": mask(shown(value))}
