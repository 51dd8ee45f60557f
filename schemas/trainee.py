"""研修 (Trainee): an application for a 在留資格認定証明書 or a renewal of the 研修 status.

Seed 004_53cd4697b4ebe2ed.txt: the status and its stay (1-8), the requirements (9-36, checked by
generator/requirements/trainee.py) and the documents to file (37-84, printed as the packet's cover
checklist by forms/trainee-checklist).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field, computed_field, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.parties import Organisation
from schemas.types import Count, Date, Text

SEED = "004_53cd4697b4ebe2ed.txt"
Application = Literal["在留資格認定証明書交付申請", "在留期間更新許可申請"]  # 004:38, 71
APPLICATIONS: tuple[Application, ...] = get_args(Application)

_CHECKED = not_printed("checked by the trainee requirements (generator/requirements/trainee.py)")


class TraineePerson(CaseModel):
    name: Text = Field(title="氏名")
    name_alphabet: Text = Field(title="アルファベット氏名", description="旅券どおり")
    nationality: Text = Field(title="国籍・地域")
    sex: Literal["男", "女"] = Field(title="性別")
    birth_date: Date = Field(title="生年月日")
    home_employer: Text | None = Field(None, title="本国の所属機関",
                                       description="研修生派遣状・復職予定証明書を作成する機関（004:53-54）")


class Instructor(CaseModel):
    """研修指導員: a 常勤 employee with 5 years or more in the skill (004:13)."""

    name: Text = Field(title="研修指導員氏名")
    fulltime: bool = Field(title="常勤の職員", json_schema_extra=_CHECKED)
    years_experience: float = Field(title="修得させる技能等の経験年数", ge=0, le=70, json_schema_extra=_CHECKED)


class OverseasTraining(CaseModel):
    """本邦外で事前に実施した研修 (004:47-51)."""

    organisation: Text = Field(title="実施機関")
    start_date: Date = Field(title="開始日")
    end_date: Date = Field(title="終了日")
    hours: Count = Field(title="研修時間")
    non_practical: bool = Field(True, title="非実務研修", json_schema_extra=_CHECKED)

    @model_validator(mode="after")
    def _in_order(self) -> OverseasTraining:
        if self.end_date < self.start_date:
            raise field_error(f"本邦外研修の終了日（{self.end_date}）が開始日（{self.start_date}）より前です。",
                              f"the overseas training ends ({self.end_date}) before it starts ({self.start_date}).")
        return self


class TrainingPlan(CaseModel):
    skill: Text = Field(title="修得しようとする技術・技能・知識")
    place: Text = Field(title="研修実施場所")
    start_date: Date = Field(title="研修開始日")
    end_date: Date = Field(title="研修終了日")
    total_hours: Count = Field(title="本邦における研修時間（合計）")
    practical_hours: Count = Field(0, title="うち実務研修の時間",
                                   description="商品の生産・販売や対価を得る役務の提供に従事する研修（004:14）。なければ 0")
    notice_training: bool = Field(False, title="法務大臣が告示で定める研修（6の2）", json_schema_extra=_CHECKED)

    @model_validator(mode="after")
    def _consistent(self) -> TrainingPlan:
        if self.end_date <= self.start_date:
            raise field_error(f"研修終了日（{self.end_date}）が研修開始日（{self.start_date}）より後になっていません。",
                              f"the training ends ({self.end_date}) on or before its start ({self.start_date}).")
        if self.practical_hours > self.total_hours:
            raise field_error(f"実務研修の時間（{self.practical_hours}）が研修時間の合計（{self.total_hours}）を超えています。",
                              f"practical hours ({self.practical_hours}) exceed the total ({self.total_hours}).")
        return self


class Trainee(CaseFile, title="研修の提出書類チェックリスト"):
    kind: Literal["trainee"] = Field(title="種類")
    application: Application = Field(title="申請の種類")
    application_date: Date = Field(title="申請日")
    institution: Organisation = Field(title="受入れ機関")
    public_body: bool = Field(False, title="国・地方公共団体の機関又は独立行政法人", json_schema_extra=_CHECKED)
    agriculture: bool = Field(False, title="農業を営む機関", json_schema_extra=_CHECKED)
    fulltime_staff: Count = Field(title="受入れ機関の常勤の職員の総数", json_schema_extra=_CHECKED)
    trainees_total: Count = Field(title="受け入れている研修生の人数（申請人を含む）", json_schema_extra=_CHECKED)
    person: TraineePerson = Field(title="申請人")
    planned_entry_date: Date | None = Field(None, title="入国予定日", description="在留資格認定証明書交付申請では必須",
                                            json_schema_extra=not_printed("printed as 入国（予定）日 (entry)"))
    entry_date: Date | None = Field(None, title="入国日", description="在留期間更新許可申請では必須",
                                    json_schema_extra=not_printed("printed as 入国（予定）日 (entry)"))
    stay_period: Literal["1年", "6月"] = Field(title="在留期間", description="1年または6ヶ月（004:4）")
    training: TrainingPlan = Field(title="研修の内容")
    instructor: Instructor = Field(title="研修指導員")
    overseas_training: OverseasTraining | None = Field(None, title="本邦外で実施した研修")
    sending_organisation: Text = Field(title="送出し機関")
    intermediary: Text | None = Field(None, title="あっせん機関", description="研修のあっせんを行う機関（なければ省略）")
    plan_changed: bool = Field(False, title="研修実施予定表の変更あり",
                               description="更新申請で計画を変更した場合（変更内容を朱書: 004:77）")

    @model_validator(mode="after")
    def _dates_for_the_application(self) -> Trainee:
        if self.application == APPLICATIONS[0] and self.planned_entry_date is None:
            raise field_error("在留資格認定証明書交付申請では入国予定日（planned_entry_date）を書いてください。",
                              "a certificate application needs planned_entry_date.",
                              "年齢（18歳以上）と本邦外研修の期間は入国予定日で確かめます（004:11, 51）。",
                              "age (18+) and the overseas training are checked against it (004:11, 51).")
        if self.application == APPLICATIONS[1] and self.entry_date is None:
            raise field_error("在留期間更新許可申請では入国日（entry_date）を書いてください。",
                              "a renewal needs entry_date.")
        if self.trainees_total < 1:
            raise field_error("研修生の人数は申請人を含めて数えます（1人以上）。",
                              "trainees_total counts the applicant too (1 or more).")
        return self

    @computed_field(title="入国（予定）日")
    @property
    def entry(self) -> dt.date:
        return self.planned_entry_date or self.entry_date  # type: ignore[return-value]

    @computed_field(title="在留資格認定証明書交付申請")
    @property
    def is_certificate(self) -> bool:
        return self.application == APPLICATIONS[0]
