"""EPA return home: the candidate leaves Japan for good → 帰国確認報告書 (厚生労働省通知様式第8号).

Seed 002:2065-2071 (the facility sees the candidate off at the airport; report within 2 weeks of the
return date), 2377 (table), 4002 (form listed, not printed).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, ValidationInfo, computed_field, field_validator, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.epa_reports import ContractEndFacts, MhlwReport, require_not_after
from schemas.parties import EpaPerson
from schemas.types import Date, LongText, Phone, Text

ReturnReason = Literal["在留期間満了", "国家試験不合格", "雇用契約終了", "本人の希望", "その他"]
RETURN_REASONS: tuple[ReturnReason, ...] = get_args(ReturnReason)


class DepartureCheck(CaseModel):
    """出国確認: who saw the person off, where and when (002:2065)."""

    date: Date = Field(title="出国確認日")
    airport: Text = Field(title="出国空港", description="例: 成田国際空港")
    flight: Text | None = Field(None, title="便名", description="例: GA 881")
    staff_title: Text = Field(title="確認者役職")
    staff_name: Text = Field(title="確認者氏名")


class EpaReturnHome(MhlwReport, title="帰国確認報告書（厚生労働省通知 様式第8号）"):
    """Also 雇用契約終了報告書 (様式第6-1号) in the same packet when `contract_end_decision_date` is given
    (the contract ends with the return; 002:2059-2063, 2376)."""

    kind: Literal["epa_return_home"] = Field(title="種類")
    person: EpaPerson = Field(title="帰国者")
    return_date: Date = Field(title="帰国日", description="日本を出国した日（一時帰国は対象外）")
    reason: ReturnReason = Field(title="帰国理由")
    reason_detail: LongText | None = Field(None, title="帰国理由の詳細")
    contract_end_date: Date = Field(title="雇用契約終了日")
    contract_end_decision_date: Date | None = Field(
        None, title="雇用契約の終了を決定した日",
        description="書くと雇用契約終了報告書（様式第6-1号）も作ります",
        json_schema_extra=not_printed("chooses 様式6-1 and starts its deadline (002:2376)"))
    contract_end_reason: LongText | None = Field(
        None, title="雇用契約終了の理由", description="様式第6-1号に記載。省略すると帰国理由（と詳細）",
        json_schema_extra=not_printed("printed on 様式6-1 through the computed contract_end"))
    departure: DepartureCheck = Field(title="出国確認")
    destination_address: Text | None = Field(None, title="帰国後の連絡先住所")
    destination_phone: Phone | None = Field(None, title="帰国後の連絡先電話番号")
    report_date: Date = Field(title="報告日", description="報告書に記載する日付")

    EVENT_DATES = (("return_date", "帰国日", "return date"),)

    @field_validator("contract_end_decision_date")
    @classmethod
    def _decided_before_the_end(cls, value, info: ValidationInfo):
        return require_not_after(value, info.data.get("contract_end_date"), "雇用契約の終了を決定した日", "雇用契約終了日",
                                 "the decision to end the contract", "the contract end date",
                                 "雇用契約終了報告書は終了を決定した後、終了日より前に出します（002:2063）。",
                                 "the contract-end report is filed after the decision and before the end date.")

    @computed_field
    @property
    def contract_end(self) -> ContractEndFacts | None:
        """様式6-1's content when the return ends the contract (its after-status is 帰国)."""
        if self.contract_end_decision_date is None:
            return None
        reason = self.contract_end_reason or "".join(
            [self.reason, f"（{self.reason_detail}）" if self.reason_detail else ""])
        return ContractEndFacts(end_date=self.contract_end_date, reason=reason, after_status="帰国")

    @model_validator(mode="after")
    def _dates_in_order(self) -> EpaReturnHome:
        start = self.person.work_start_date
        if start and self.return_date < start:
            raise field_error(
                f"帰国日（{self.return_date}）が就労開始年月日（{start}）より前です。",
                f"the return date ({self.return_date}) is before the work start date ({start}).",
                "return_date と person.work_start_date を確かめてください。",
                "check return_date and person.work_start_date.",
            )
        if self.departure.date > self.return_date:
            raise field_error(
                f"出国確認日（{self.departure.date}）が帰国日（{self.return_date}）より後です。",
                f"the departure check ({self.departure.date}) is after the return date ({self.return_date}).",
                "出国確認日は帰国日（出国した日）と同じ日のはずです。",
                "the departure check is made on the day the person leaves.",
            )
        if self.reason == "その他" and not self.reason_detail:
            raise field_error(
                "帰国理由が「その他」のときは詳細（reason_detail）を書いてください。",
                "when the reason is その他, write reason_detail.",
            )
        return self
