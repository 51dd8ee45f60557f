"""Pydantic v2 models of every case kind. The `kind:` key of a case file chooses its model."""

from __future__ import annotations

import typing
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from schemas.case import CaseFile
from schemas.epa_annual_report import EpaAnnualReport
from schemas.epa_employment_contract import EpaEmploymentContract
from schemas.epa_job_offer import EpaJobOffer
from schemas.epa_reports import (
    EpaContractEnd,
    EpaDeath,
    EpaDisappearance,
    EpaExamResult,
    EpaIllegalWork,
    EpaStatusChange,
)
from schemas.epa_residence_record import EpaResidenceRecord
from schemas.epa_return_home import EpaReturnHome
from schemas.followup import FollowupRecord
from schemas.jicwels_contracts import JicwelsContracts
from schemas.jitco_airfare_advance import JitcoAirfareAdvance
from schemas.scoring import ImplementerScore, SupervisingOrgScore
from schemas.technical_intern_plan import TechnicalInternPlan
from schemas.trainee import Trainee

CASE_MODELS: tuple[type[CaseFile], ...] = (
    EpaJobOffer,
    EpaEmploymentContract,
    EpaReturnHome,
    EpaStatusChange,
    EpaDeath,
    EpaDisappearance,
    EpaIllegalWork,
    EpaContractEnd,
    EpaExamResult,
    EpaAnnualReport,
    JitcoAirfareAdvance,
    JicwelsContracts,
    EpaResidenceRecord,
    TechnicalInternPlan,
    SupervisingOrgScore,
    ImplementerScore,
    Trainee,
    FollowupRecord,
)

KINDS: dict[str, type[CaseFile]] = {
    typing.get_args(model.model_fields["kind"].annotation)[0]: model for model in CASE_MODELS
}

AnyCase = Annotated[Union[CASE_MODELS], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007 (a union of a tuple of models)
case_adapter: TypeAdapter = TypeAdapter(AnyCase, config={"defer_build": True})



def kind_title(kind: str) -> str:
    """The kind as a person names it (its model's Japanese title): what prints instead of the kind id."""
    model = KINDS.get(kind)
    return (model.model_config.get("title") if model is not None else None) or "ケース"


__all__ = ["AnyCase", "CASE_MODELS", "CaseFile", "KINDS", "case_adapter", "kind_title"]
