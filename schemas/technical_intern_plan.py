"""Technical intern plan: the 1号/2号/3号 periods, the exams and the 3号 temporary return (no forms).

Deadlines and plan checks (generator/deadlines/rules.py, seed 001:315-372): 基礎級 by 6 months before the
end of 1号, 随時3級 by 12 months before the end of 2号, 随時2級 by 12 months before the end of 3号; the 3号
temporary return of at least 1 month, leaving between 2号 and 3号 or within the first year of 3号; over
3 months needs a new 在留資格認定証明書. The end of 技能実習 on 2027-04-01 (generator/cutover.py,
generator/requirements/technical_intern.py) reads the application dates of the stages' plans and the
2号 在留資格変更許可日.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

from pydantic import Field, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.parties import Organisation
from schemas.types import Date, Text

DEADLINES_ONLY = not_printed("deadlines only: this kind has no forms")


class Intern(CaseModel):
    name: Text = Field(title="氏名")
    name_alphabet: Text | None = Field(None, title="アルファベット氏名")
    nationality: Text | None = Field(None, title="国籍")
    occupation: Text | None = Field(None, title="職種・作業")


class InternTemporaryReturn(CaseModel):
    departure_date: Date = Field(title="一時帰国の出国日")
    return_date: Date | None = Field(None, title="再入国（予定）日")


class TechnicalInternPlan(CaseFile, title="技能実習の計画（検定・一時帰国の期限）"):
    kind: Literal["technical_intern_plan"] = Field(title="種類")
    supervising_org: Organisation | None = Field(None, title="監理団体", json_schema_extra=DEADLINES_ONLY)
    implementer: Organisation | None = Field(None, title="実習実施者", json_schema_extra=DEADLINES_ONLY)
    intern: Intern = Field(title="技能実習生", json_schema_extra=DEADLINES_ONLY)
    stage1_start: Date = Field(title="1号開始日", json_schema_extra=DEADLINES_ONLY)
    stage1_end: Date = Field(title="1号修了日", json_schema_extra=DEADLINES_ONLY)
    stage2_start: Date | None = Field(None, title="2号開始日", json_schema_extra=DEADLINES_ONLY)
    stage2_end: Date | None = Field(None, title="2号修了日", json_schema_extra=DEADLINES_ONLY)
    stage3_start: Date | None = Field(None, title="3号開始日", json_schema_extra=DEADLINES_ONLY)
    stage3_end: Date | None = Field(None, title="3号修了日", json_schema_extra=DEADLINES_ONLY)
    temporary_return: InternTemporaryReturn | None = Field(None, title="3号の一時帰国",
                                                           json_schema_extra=DEADLINES_ONLY)
    stage1_application_date: Date | None = Field(
        None, title="1号の計画の認定申請日", description="技能実習計画の認定申請日（2027年4月1日以降は新規に申請できません）",
        json_schema_extra=DEADLINES_ONLY)
    stage2_application_date: Date | None = Field(None, title="2号の計画の認定申請日", json_schema_extra=DEADLINES_ONLY)
    stage3_application_date: Date | None = Field(None, title="3号の計画の認定申請日", json_schema_extra=DEADLINES_ONLY)
    stage2_permission_date: Date | None = Field(
        None, title="2号の在留資格変更許可日",
        description="3号へ移れるか（2027年4月1日時点で2号の活動1年以上）をこの日から数えます。省略すると2号開始日",
        json_schema_extra=DEADLINES_ONLY)
    exam_basic_date: Date | None = Field(None, title="基礎級 受検日", json_schema_extra=DEADLINES_ONLY)
    exam_grade3_date: Date | None = Field(None, title="随時3級 受検日", json_schema_extra=DEADLINES_ONLY)
    exam_grade2_date: Date | None = Field(None, title="随時2級 受検日", json_schema_extra=DEADLINES_ONLY)

    @model_validator(mode="after")
    def _stages_in_order(self) -> TechnicalInternPlan:
        dates = [("stage1_start", self.stage1_start), ("stage1_end", self.stage1_end),
                 ("stage2_start", self.stage2_start), ("stage2_end", self.stage2_end),
                 ("stage3_start", self.stage3_start), ("stage3_end", self.stage3_end)]
        given = [(name, day) for name, day in dates if day is not None]
        for (earlier, first), (later, second) in pairwise(given):
            if second < first:
                raise field_error(
                    f"{later}（{second}）が {earlier}（{first}）より前です。",
                    f"{later} ({second}) is before {earlier} ({first}).",
                    "1号・2号・3号の開始日と修了日を順に確かめてください。",
                    "check the start and end dates of 1号, 2号 and 3号 in order.")
        for number in (1, 2, 3):
            applied, start = getattr(self, f"stage{number}_application_date"), getattr(self, f"stage{number}_start")
            if applied is not None and start is not None and applied > start:
                raise field_error(
                    f"{number}号の計画の認定申請日（{applied}）が{number}号開始日（{start}）より後です。",
                    f"the {number}号 plan application ({applied}) is after the {number}号 start ({start}).",
                    "技能実習計画は実習開始前に認定を申請します。日付を確かめてください。",
                    "a plan is applied for before the training starts: check the dates.")
        return self
