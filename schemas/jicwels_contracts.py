"""The contracts a 受入れ機関 signs with JICWELS: 職業紹介に関する契約書 (様式8, at job registration) and
受入れ支援に関する契約書 (様式11, before the candidates start work); seed 002:3389-3496, 3868-3979.
Both are filled from the institution's party data; JICWELS's block is preprinted."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from schemas.base import field_error
from schemas.case import CaseFile
from schemas.parties import Organisation
from schemas.types import Date


class JicwelsContracts(CaseFile, title="JICWELS との契約書（職業紹介 様式8・受入れ支援 様式11）"):
    kind: Literal["jicwels_contracts"] = Field(title="種類")
    institution: Organisation = Field(title="受入れ機関（甲）")
    placement_contract_date: Date | None = Field(
        None, title="職業紹介に関する契約書の締結日", description="書けば様式8を作成します")
    support_contract_date: Date | None = Field(
        None, title="受入れ支援に関する契約書の締結日", description="書けば様式11を作成します")

    @model_validator(mode="after")
    def _at_least_one_contract(self) -> JicwelsContracts:
        if self.placement_contract_date is None and self.support_contract_date is None:
            raise field_error(
                "作成する契約書の締結日がありません。",
                "no contract date is given, so there is no contract to make.",
                "placement_contract_date（様式8）か support_contract_date（様式11）を書いてください。",
                "write placement_contract_date (様式8) or support_contract_date (様式11).",
            )
        return self
