"""The base of every case-file model: unknown keys are errors, every field has a Japanese title."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

NOT_PRINTED = "x-formgen-not-printed"


def _describe(schema: dict[str, Any], model: type) -> None:
    from schemas.describe import describe_model_schema

    describe_model_schema(schema, model)


class CaseModel(BaseModel):
    # defer_build: a model's validator is made when it is first used, so that a process building one kind does
    # not pay at start-up for the schemas of all 18 (~0.4 s of every `formgen` start)
    model_config = ConfigDict(extra="forbid", validate_default=True, frozen=False, defer_build=True,
                              json_schema_extra=_describe)


def not_printed(reason: str) -> dict[str, Any]:
    """json_schema_extra for a field that no template prints on purpose (checked by `formgen lint`)."""
    return {NOT_PRINTED: reason}


def field_error(ja: str, en: str, hint_ja: str = "", hint_en: str = "") -> PydanticCustomError:
    """A validation error with the bilingual message and fix that the user will read."""
    return PydanticCustomError(
        "formgen",
        "{en}",
        {"ja": ja, "en": en, "hint_ja": hint_ja, "hint_en": hint_en},
    )


def errors_at(model: str, errors: list[tuple[tuple, PydanticCustomError, Any]]) -> ValidationError:
    """Several errors at once, each at its own place below the model validating (loc, error, input):
    raise the result from a model validator to point at the fields, not at the model."""
    return ValidationError.from_exception_data(
        model, [InitErrorDetails(type=error, loc=loc, input=value) for loc, error, value in errors])


__all__ = ["CaseModel", "Field", "errors_at", "field_error", "not_printed", "NOT_PRINTED"]
