"""Japanese descriptions of what each field holds and accepts, for editors and `formgen new`.

A field's description is its own words (Field(description=...)) followed by the form of value it
takes, read from its type (schemas.types.InputForm), so every field of every kind is described in
Japanese and the accepted forms are stated once, where the type is defined.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from schemas.types import InputForm

REF_WORDS = "parties ファイルの {ref: 名前} でも書けます"


@dataclass(frozen=True)
class Shape:
    base: Any
    optional: bool
    metadata: tuple


def shape_of(annotation: Any, metadata: Iterable[Any] = ()) -> Shape:
    """The annotation without Annotated and Optional, with the metadata gathered on the way; a union of
    several types other than None gives their tuple as `base`."""
    gathered, optional = list(metadata), False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            gathered.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return Shape(tuple(args), optional, tuple(gathered))
            annotation = args[0]
        else:
            return Shape(annotation, optional, tuple(gathered))


def _options(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) if arg is not type(None) for a in _options(arg)]
    return [annotation]


def value_form(annotation: Any, metadata: Sequence[Any] = ()) -> str:
    """What a value of this type looks like, in Japanese."""
    forms = [m.ja for m in metadata if isinstance(m, InputForm)]
    if forms:
        return forms[0]
    options = _options(annotation)
    if len(options) > 1:
        return " または ".join(value_form(option) for option in options)
    annotation = options[0]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return value_form(inner, extra)
    if origin is Literal:
        return "次のいずれか: " + " / ".join(str(a) for a in typing.get_args(annotation))
    if origin in (list, tuple, set):
        return "一覧（1件ごとに「- 」で始める）。各件は " + value_form(typing.get_args(annotation)[0])
    if origin is dict:
        return "「キー: 値」の組。値は " + value_form(typing.get_args(annotation)[1])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"「キー: 値」のまとまり（{REF_WORDS}）"
    return {bool: "true または false", int: "整数", float: "数値", str: "文字", dt.date: "日付"}.get(annotation, "値")


def default_shown(info: FieldInfo) -> Any:
    """The default a user gets by leaving the field out (PydanticUndefined when it is required)."""
    if info.default is not PydanticUndefined:
        return info.default
    if info.default_factory is not None:
        return info.get_default(call_default_factory=True, validated_data={})
    return PydanticUndefined


def field_description(info: FieldInfo) -> str:
    """The field's own description, then the form of its value, then its default if it has one."""
    parts = [info.description.rstrip("。") if info.description else ""]
    parts.append(value_form(info.annotation, info.metadata))
    default = default_shown(info)
    if default is not PydanticUndefined and default not in (None, [], {}):
        parts.append(f"省略すると {str(default).lower() if isinstance(default, bool) else default}")
    return "。".join(p for p in parts if p) + "。"


def describe_model_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """json_schema_extra of every case model: Japanese descriptions for every property; the class
    docstring (written for developers, often in English) is not shown to users."""
    schema.pop("description", None)
    if model.model_config.get("title"):
        schema["title"] = model.model_config["title"]
    for name, prop in schema.get("properties", {}).items():
        info = model.model_fields.get(name)
        if info is not None:
            prop["description"] = field_description(info)
