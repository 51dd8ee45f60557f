"""Pipeline step 2: validate loaded data against the case-kind's schema; every problem at once.

Pydantic's errors are turned into located, bilingual messages that name the field's Japanese title.
"""

from __future__ import annotations

import difflib
import functools
import types
import typing
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.exceptions import InvalidInput
from generator.load import LoadedCase
from generator.messages import Msg
from generator.privacy import mask_value, secret_forms
from generator.problems import CellPosition, Problem
from schemas import KINDS, CaseFile, case_adapter
from schemas.types import Sensitive


def _inner_types(annotation: Any) -> list[Any]:
    """Unwrap Optional/Union/Annotated/list/dict down to the types a value can have."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _inner_types(arg)]
    return [annotation]


def _element_type(annotation: Any, key: Any) -> Any:
    for candidate in _inner_types(annotation):
        origin = typing.get_origin(candidate)
        if origin in (list, tuple, set) and isinstance(key, int):
            return typing.get_args(candidate)[0]
        if origin is dict:
            return typing.get_args(candidate)[1]
    return None


def labels_for(model: type[BaseModel], loc: tuple) -> list[str]:
    """The Japanese titles along a field path, e.g. ('person', 'name') → ['帰国者', '氏名']."""
    labels: list[str] = []
    current: Any = model
    for key in loc:
        models = [t for t in _inner_types(current) if isinstance(t, type) and issubclass(t, BaseModel)]
        if isinstance(key, str) and models and key in models[0].model_fields:
            info = models[0].model_fields[key]
            labels.append(info.title or key)
            current = info.annotation
        else:
            current = _element_type(current, key)
            if isinstance(key, int):
                labels.append(f"{key + 1}件目")
            if current is None:
                break
    return labels


def _known_keys(model: type[BaseModel], parent: tuple) -> list[str]:
    current: Any = model
    for key in parent:
        models = [t for t in _inner_types(current) if isinstance(t, type) and issubclass(t, BaseModel)]
        if isinstance(key, str) and models and key in models[0].model_fields:
            current = models[0].model_fields[key].annotation
        else:
            current = _element_type(current, key)
    models = [t for t in _inner_types(current) if isinstance(t, type) and issubclass(t, BaseModel)]
    return list(models[0].model_fields) if models else []


def _is_sensitive(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        return any(isinstance(m, Sensitive) for m in args[1:]) or _is_sensitive(args[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        return any(_is_sensitive(arg) for arg in typing.get_args(annotation))
    return False


def _models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


@functools.cache
def sensitive_field_names() -> frozenset[str]:
    """Names of the fields marked Sensitive in any case model (residence_card_number, passport_number…)."""
    names: set[str] = set()
    seen: set[type] = set()
    pending: list[type[BaseModel]] = list(KINDS.values())
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if any(isinstance(m, Sensitive) for m in info.metadata) or _is_sensitive(info.annotation):
                names.add(name)
            pending.extend(_models_in(info.annotation))
    return frozenset(names)


def sensitive_values(data: Any) -> tuple[str, ...]:
    """Every spelling of every value typed in a sensitive field, wherever it sits in the case data."""
    found: set[str] = set()
    names = sensitive_field_names()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in names:
                    found.update(secret_forms(item))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return tuple(sorted(found))


def masked(problems: Iterable[Problem], data: Any) -> list[Problem]:
    """The problems with the case's sensitive values attached, so that they are never shown in full."""
    secrets = sensitive_values(data)
    return [replace(p, secrets=tuple(sorted({*p.secrets, *secrets}))) if secrets else p for p in problems]


_BLANK = (Msg("空欄です。値を書いてください。", "this is blank: write a value."), None)
_TYPES_THAT_SAY_BLANK = {"string_type", "literal_error", "date_type", "int_type", "float_type", "bool_type",
                         "model_type", "model_attributes_type", "dict_type", "list_type", "enum"}


def _message_for(error: dict, model: type[BaseModel] | None) -> tuple[Msg, Msg | None]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "formgen":
        hint = Msg(ctx["hint_ja"], ctx["hint_en"]) if ctx.get("hint_ja") else None
        if error.get("input", "") is None and "None" in ctx["ja"]:  # a blank value is never shown as 「None」
            return _BLANK[0], hint
        return Msg(ctx["ja"], ctx["en"]), hint
    if error.get("input", "") is None and kind in _TYPES_THAT_SAY_BLANK:
        message, _ = _BLANK
        if kind == "literal_error":
            expected = ctx.get("expected", "")
            return message, Msg(f"次のいずれかを書いてください: {expected}", f"write one of: {expected}")
        return _BLANK
    if kind == "missing":
        return (Msg("必須項目が書かれていません。", "this required field is missing."),
                Msg(f"「{loc[-1]}: 値」を追加してください。", f"add '{loc[-1]}: value'."))
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1]) if model else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        ja_hint = f"「{close[0]}」の誤りではありませんか。" if close else "綴りを確認してください。"
        en_hint = f"did you mean '{close[0]}'?" if close else "check the spelling."
        if known:
            ja_hint += f" 使える項目: {', '.join(known)}"
            en_hint += f" Known fields: {', '.join(known)}"
        return Msg(f"「{loc[-1]}」という項目はありません。", f"unknown field '{loc[-1]}'."), Msg(ja_hint, en_hint)
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        shown = mask_value(error.get("input"))
        hint = Msg(f"次のいずれかを書いてください: {expected}", f"write one of: {expected}")
        if isinstance(error.get("input"), bool):  # YAML reads yes/no/on/off as true/false
            hint = Msg(hint.ja + "（yes/no/on/off は true/false と読まれるため、引用符で囲んでください）",
                       hint.en + " (YAML reads yes/no/on/off as true/false: put the value in quotes)")
        return Msg(f"値「{shown}」は使えません。", f"'{shown}' is not allowed."), hint
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        kinds = ", ".join(KINDS)
        return (Msg(f"種類（kind）「{ctx.get('tag', '')}」は知られていません。" if kind == "union_tag_invalid"
                    else "種類（kind:）が書かれていません。",
                    f"unknown kind '{ctx.get('tag', '')}'." if kind == "union_tag_invalid" else "kind: is missing."),
                Msg(f"次のいずれかを書いてください: {kinds}", f"write one of: {kinds}"))
    simple = {
        "string_too_long": ("{max_length}文字以内で書いてください（今は長すぎます）。", "at most {max_length} characters."),
        "string_too_short": ("空欄にはできません。", "must not be empty."),
        "string_type": ("文字で書いてください。", "must be text."),
        "int_parsing": ("整数で書いてください。", "must be a whole number."),
        "int_type": ("整数で書いてください。", "must be a whole number."),
        "int_from_float": ("整数で書いてください（小数は使えません）。", "must be a whole number."),
        "float_parsing": ("数値で書いてください。", "must be a number."),
        "float_type": ("数値で書いてください。", "must be a number."),
        "bool_parsing": ("true か false で書いてください。", "write true or false."),
        "bool_type": ("true か false で書いてください。", "write true or false."),
        "greater_than_equal": ("{ge} 以上にしてください。", "must be at least {ge}."),
        "greater_than": ("{gt} より大きくしてください。", "must be greater than {gt}."),
        "less_than_equal": ("{le} 以下にしてください。", "must be at most {le}."),
        "less_than": ("{lt} 未満にしてください。", "must be less than {lt}."),
        "too_long": ("{max_length}件以内にしてください。", "at most {max_length} items."),
        "too_short": ("{min_length}件以上書いてください。", "at least {min_length} items."),
        "list_type": ("「- 」で始まる一覧で書いてください。", "must be a list (lines starting with '- ')."),
        "dict_type": ("「キー: 値」の形で書いてください。", "must be a mapping of keys to values."),
        "model_type": ("「キー: 値」の形で書いてください。", "must be a mapping of keys to values."),
        "model_attributes_type": ("「キー: 値」の形で書いてください。", "must be a mapping of keys to values."),
        "date_type": ("日付を YYYY-MM-DD の形で書いてください。", "write a date as YYYY-MM-DD."),
        "date_parsing": ("日付を YYYY-MM-DD の形で書いてください。", "write a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": ("日付を YYYY-MM-DD の形で書いてください。", "write a date as YYYY-MM-DD."),
    }
    if kind in simple:
        ja, en = simple[kind]
        values = {k: v for k, v in ctx.items()}
        try:
            return Msg(ja.format(**values), en.format(**values)), None
        except (KeyError, IndexError):
            return Msg(ja, en), None
    return Msg(f"値が正しくありません: {error['msg']}", f"invalid value: {error['msg']}"), None


def problems_from(error: ValidationError, loaded: LoadedCase, model: type[BaseModel] | None) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message, hint = _message_for({**item, "loc": loc}, model)
        position = loaded.position_of(loc)
        if item["type"] == "missing" and isinstance(position, CellPosition):  # a workbook row: the cell is blank
            hint = Msg("このセルに値を入れてください。", "fill in this cell.")
        labels = labels_for(model, loc) if model else []
        problems.append(Problem(message, position, loc, " › ".join(labels) or None, hint))
    return problems


def validate_case(loaded: LoadedCase) -> CaseFile:
    """Return the case model, or raise InvalidInput listing every problem of the file."""
    kind = loaded.data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    read_errors = [_labelled(p, model) for p in loaded.errors]
    try:
        # the kind's own model: only it is built (defer_build), not every kind's as the union would
        case = model.model_validate(loaded.data) if model else case_adapter.validate_python(loaded.data)
        problems = []
    except ValidationError as error:
        # a value already reported while reading (e.g. an unresolved ref) is not reported twice
        reported = [p.path[:-1] if p.path and p.path[-1] == "ref" else p.path for p in read_errors]
        problems = [p for p in problems_from(error, loaded, model)
                    if not any(p.path[: len(r)] == r and r for r in reported)]
    if read_errors or problems:
        raise InvalidInput(Msg("ケースファイルに誤りがあります", "the case file has errors"),
                           masked(sorted(read_errors + problems, key=_position_order), loaded.data))
    return case


def _labelled(problem: Problem, model: type[BaseModel] | None) -> Problem:
    if problem.label or not problem.path or model is None:
        return problem
    labels = labels_for(model, problem.path)
    return replace(problem, label=" › ".join(labels) or None)


def _position_order(problem: Problem) -> tuple:
    if problem.position is None:
        return (1, "", "", 0, 0)
    return (0, *problem.position.sort_key())
