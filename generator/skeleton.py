"""`formgen new KIND`: a YAML skeleton with every field, its Japanese title and hints as comments."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from schemas import KINDS

SCHEMA_DIR = ".schema"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without Annotated/Optional, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional


def _placeholder(annotation: Any) -> str:
    if typing.get_origin(annotation) is Literal:
        return ""
    if annotation is dt.date:
        return ""
    if annotation is bool:
        return "false"
    return ""


def _comment(info, annotation: Any, optional: bool) -> str:
    parts = [info.title or ""]
    parts.append("任意" if (optional or not info.is_required()) else "必須")
    if typing.get_origin(annotation) is Literal:
        parts.append("次のいずれか: " + " / ".join(str(a) for a in typing.get_args(annotation)))
    elif annotation is dt.date:
        parts.append("YYYY-MM-DD")
    if info.description:
        parts.append(info.description)
    return "  # " + "｜".join(p for p in parts if p)


def _lines(model: type[BaseModel], indent: int, skip: set[str]) -> list[str]:
    pad = "  " * indent
    lines = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        annotation, optional = _unwrap(info.annotation)
        origin = typing.get_origin(annotation)
        comment = _comment(info, annotation, optional)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            lines.append(f"{pad}{name}:{comment}")
            lines.extend(_lines(annotation, indent + 1, set()))
        elif origin is list:
            item, _ = _unwrap(typing.get_args(annotation)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                lines.append(f"{pad}{name}:{comment}")
                item_lines = _lines(item, indent + 2, set())
                if item_lines:
                    first = item_lines[0].lstrip()
                    lines.append(f"{pad}  - {first}")
                    lines.extend(item_lines[1:])
            else:
                lines.append(f"{pad}{name}: []{comment}")
        elif origin is dict:
            lines.append(f"{pad}{name}: {{}}{comment}")
        else:
            lines.append(f"{pad}{name}: {_placeholder(annotation)}{comment}".replace(":  #", ":  #"))
    return lines


def skeleton(kind: str) -> str:
    model = KINDS[kind]
    head = [
        f"# yaml-language-server: $schema={SCHEMA_DIR}/{schema_file_name(kind)}",
        f"# {model.__doc__.strip().splitlines()[0] if model.__doc__ else kind}",
        "# 空欄を埋めてください。任意の項目は不要なら行ごと削除できます。",
        "# ref: 名前 と書くと parties/名前.yaml の内容を使えます（例: institution: {ref: sakura-kai}）。",
        f"kind: {kind}",
    ]
    return "\n".join(head + _lines(model, 0, {"kind"})) + "\n"
