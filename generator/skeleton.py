"""`formgen new KIND`: a YAML skeleton with every field, its Japanese title and hints as comments.

Required fields are left blank to be filled in; optional fields show their real default (or stay
blank); example blocks (lists of entries and optional groups such as attachments, exceptions,
contacts) are commented out, so the only errors an untouched skeleton gives are its blank required
fields.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Set as AbstractSet
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from schemas import KINDS
from schemas.describe import default_shown, shape_of, value_form

SCHEMA_DIR = ".schema"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def kind_title(kind: str) -> str:
    return KINDS[kind].model_config.get("title") or kind


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without Annotated/Optional, whether None is allowed); of a union, its first type."""
    shape = shape_of(annotation)
    if isinstance(shape.base, tuple):
        first, optional = _unwrap(shape.base[0])
        return first, shape.optional or optional
    return shape.base, shape.optional


def _model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _scalar(value: Any) -> str:
    if value is None or value is PydanticUndefined:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return f'"{text}"' if any(c in text for c in ":#{}[],&*!|>'\"%@`") or text != text.strip() else text


def _comment(info: FieldInfo, required: bool) -> str:
    parts = [info.title or "", "必須" if required else "任意", value_form(info.annotation, info.metadata)]
    if info.description:
        parts.append(info.description)
    return "  # " + "｜".join(p for p in parts if p)


def _lines(model: type[BaseModel], indent: int, skip: AbstractSet[str] = frozenset(), example: bool = False) -> list[str]:
    """The fields of `model`; inside an example block (`example`), nested blocks are not commented again."""
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if name not in skip:
            lines.extend(_field_lines(name, info, indent, example))
    return lines


def _field_lines(name: str, info: FieldInfo, indent: int, example: bool) -> list[str]:
    pad = "  " * indent
    annotation, optional = _unwrap(info.annotation)
    required = info.is_required() and not optional
    comment = _comment(info, required)
    origin = typing.get_origin(annotation)
    nested = _model(annotation)
    item = _model(_unwrap(typing.get_args(annotation)[0])[0]) if origin is list else None
    commented = not required and not example
    if nested is not None:
        block = [f"{pad}{name}:{comment}", *_lines(nested, indent + 1, example=example or commented)]
        return _commented(block, pad) if commented else block
    if item is not None:
        entries = _lines(item, indent + 2, example=example or commented)
        block = [f"{pad}{name}:{comment}"]
        if entries:
            block += [f"{pad}  - {entries[0].lstrip()}", *entries[1:]]
        return _commented(block, pad) if commented else block
    if origin is list:
        return [f"{pad}{name}: []{comment}"]
    if origin is dict:
        return [f"{pad}{name}: {{}}{comment}"]
    return [f"{pad}{name}: {_scalar(default_shown(info))}{comment}"]


def _commented(block: list[str], pad: str) -> list[str]:
    """An example block, commented out: remove the '# ' to use it (see `uncommented`)."""
    return [f"{pad}# {line[len(pad):]}" for line in block]


def uncommented(text: str) -> str:
    """A skeleton with its example blocks in use: every '# ' that starts a line after `kind:` removed."""
    head, separator, body = text.partition("\nkind: ")
    return head + separator + re.sub(r"(?m)^(\s*)# ", r"\1", body)


def skeleton(kind: str) -> str:
    model = KINDS[kind]
    head = [
        f"# yaml-language-server: $schema={SCHEMA_DIR}/{schema_file_name(kind)}",
        f"# {kind_title(kind)}",
        "# 「必須」の空欄を埋めてください。「任意」の項目は不要なら空欄のまま（または行ごと削除）でかまいません。",
        "# 「# 」で始まる例のまとまりは、使うときに行頭の「# 」を消してください。",
        "# ref: 名前 と書くと parties/名前.yaml の内容を使えます（例: institution: {ref: sakura-kai}）。",
        f"kind: {kind}",
    ]
    return "\n".join(head + _lines(model, 0, {"kind"})) + "\n"


def kinds_listing() -> list[tuple[str, str]]:
    """(kind, Japanese title) of every case kind, for `formgen new` without a kind."""
    return [(kind, kind_title(kind)) for kind in KINDS]
