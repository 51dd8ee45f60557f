"""`formgen schema`: the JSON Schema of each kind, as editors (yaml-language-server) use it.

It accepts what formgen accepts, as a YAML 1.2 editor sees it: `{ref: NAME}` (with overriding keys)
wherever a mapping may come from a parties file, numbers typed into text fields (`phone: 0220001111`,
`article: 15`), the date and amount forms of schemas.types, and true/false words.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema as cs

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# the words pydantic reads as true/false, as a YAML 1.2 editor sees them (text)
BOOL_WORDS = [word for base in ("true", "false", "yes", "no", "on", "off") for word in (base, base.title(), base.upper())]


class EditorJsonSchema(GenerateJsonSchema):
    def str_schema(self, schema: cs.StringSchema) -> JsonSchemaValue:
        return {"anyOf": [super().str_schema(schema), {"type": ["number", "boolean"]}]}

    def bool_schema(self, schema: cs.BoolSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "boolean"}, {"enum": BOOL_WORDS}]}

    def int_schema(self, schema: cs.IntSchema) -> JsonSchemaValue:
        return {"anyOf": [super().int_schema(schema), {"type": "string", "pattern": r"^\s*[+-]?[0-9]+\s*$"}]}


def _ref_form(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """`{ref: NAME, ...}`: the party NAME, with any of its keys given here overriding it."""
    return {
        "type": "object",
        "title": definition.get("title", name),
        "properties": {
            "ref": {"type": "string", "title": "参照",
                    "description": "parties フォルダのファイル名（.yaml を除く）。その内容を使い、並べて書いたキーで上書きします。"},
            **definition.get("properties", {}),
        },
        "required": ["ref"],
        "additionalProperties": False,
    }


def _referenced(value: Any) -> list[str]:
    """The $defs names a property schema points to (directly, as list items, or in a union)."""
    if isinstance(value, dict):
        own = [value["$ref"].rsplit("/", 1)[-1]] if "$ref" in value else []
        return own + [name for key in ("items", "anyOf", "additionalProperties") for name in _referenced(value.get(key))]
    if isinstance(value, list):
        return [name for item in value for name in _referenced(item)]
    return []


def _japanese_titles(schema: dict[str, Any], definitions: dict[str, Any]) -> None:
    """A definition is titled like the first field that holds it (受入れ機関, not the class name)."""
    for holder in [schema, *definitions.values()]:
        for prop in holder.get("properties", {}).values():
            for name in _referenced(prop):
                if name in definitions and not _JAPANESE.search(definitions[name].get("title", "")) and prop.get("title"):
                    definitions[name]["title"] = prop["title"]


def editor_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(schema_generator=EditorJsonSchema)
    definitions = schema.get("$defs", {})
    _japanese_titles(schema, definitions)
    for name, definition in list(definitions.items()):
        if definition.get("type") == "object" and "properties" in definition:
            inline = copy.deepcopy(definition)
            definitions[name] = {"title": definition.get("title", name), "if": {"type": "object", "required": ["ref"]},
                                 "then": _ref_form(name, definition), "else": inline}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
