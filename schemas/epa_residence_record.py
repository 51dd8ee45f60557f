"""EPA residence record: one person's stay, kept for its recurring deadlines (no forms).

Deadlines (generator/deadlines/rules.py): 定期報告 by 1月20日 each year (002:2013, 2342), the 在留期間更新
window (002:1287-1291, 2346), 滞在管理費 each fiscal year (002:780-790, 3915-3919), 転居届 within 14 days of
each move (002:1281, 2334), 再入国許可 before a temporary return of 1 year or more (002:1461, 2383) and the
ハローワーク 届出 by the 10th of the month after work starts (002:2335).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.parties import EpaPerson, Facility, Organisation
from schemas.types import Date, Text

DEADLINES_ONLY = not_printed("deadlines only: this kind has no forms")


class Move(CaseModel):
    date: Date = Field(title="転居日", description="新居住地に移った日")
    address: Text = Field(title="新住所")


class TemporaryReturn(CaseModel):
    departure_date: Date = Field(title="出国日")
    planned_return_date: Date = Field(title="再入国予定日")

    @model_validator(mode="after")
    def _return_after_departure(self) -> TemporaryReturn:
        if self.planned_return_date <= self.departure_date:
            raise field_error(
                f"再入国予定日（{self.planned_return_date}）が出国日（{self.departure_date}）より前です。",
                f"the planned return ({self.planned_return_date}) is not after the departure ({self.departure_date}).",
                "departure_date と planned_return_date を確かめてください。",
                "check departure_date and planned_return_date.")
        return self


class FeeInvoice(CaseModel):
    """滞在管理費 of one fiscal year, once JICWELS has billed it (002:784, 3919)."""

    fiscal_year: int = Field(title="年度", ge=2000, le=2100, description="例: 2026（2026年4月〜2027年3月）")
    invoice_date: Date | None = Field(None, title="請求書記載の期日")
    invoice_received_date: Date | None = Field(None, title="請求書到着日")
    paid_date: Date | None = Field(None, title="支払日")


class EpaResidenceRecord(CaseFile, title="在留の記録（定期報告・在留期間更新などの期限）"):
    kind: Literal["epa_residence_record"] = Field(title="種類")
    institution: Organisation | None = Field(None, title="受入れ機関", json_schema_extra=DEADLINES_ONLY)
    facility: Facility | None = Field(None, title="受入れ施設", json_schema_extra=DEADLINES_ONLY)
    person: EpaPerson = Field(title="本人", description="入国日・就労開始年月日・在留期間満了日・資格の有無を記入",
                              json_schema_extra=DEADLINES_ONLY)
    moves: list[Move] = Field(default_factory=list, title="転居", json_schema_extra=DEADLINES_ONLY)
    temporary_returns: list[TemporaryReturn] = Field(default_factory=list, title="一時帰国",
                                                     json_schema_extra=DEADLINES_ONLY)
    records_from: Date | None = Field(
        None, title="管理開始日", description="この日より前に期限が来る定期的な手続き（定期報告・滞在管理費など）は表示しない",
        json_schema_extra=DEADLINES_ONLY)
    fiscal_years_billed: list[FeeInvoice] = Field(default_factory=list, title="滞在管理費の請求",
                                                  json_schema_extra=DEADLINES_ONLY)

    @model_validator(mode="after")
    def _has_the_dates_deadlines_count_from(self) -> EpaResidenceRecord:
        if self.person.work_start_date is None and self.person.entry_date is None:
            raise field_error(
                "入国日（person.entry_date）か就労開始年月日（person.work_start_date）がありません。",
                "neither person.entry_date nor person.work_start_date is given.",
                "期限（定期報告・滞在管理費など）はこれらの日付から計算します。少なくとも一方を書いてください。",
                "the deadlines count from these dates: write at least one.")
        return self
