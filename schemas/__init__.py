"""Pydantic v2 models of every case kind. The `kind:` key of a case file chooses its model."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from schemas.case import CaseFile
from schemas.epa_return_home import EpaReturnHome

CASE_MODELS: tuple[type[CaseFile], ...] = (
    EpaReturnHome,
)

KINDS: dict[str, type[CaseFile]] = {
    model.model_fields["kind"].annotation.__args__[0]: model for model in CASE_MODELS
}

AnyCase = Annotated[Union[CASE_MODELS], Field(discriminator="kind")]  # type: ignore[valid-type]
case_adapter: TypeAdapter = TypeAdapter(AnyCase)

__all__ = ["AnyCase", "CASE_MODELS", "CaseFile", "KINDS", "case_adapter"]
