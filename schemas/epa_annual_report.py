"""The annual 定期報告 of one facility to JICWELS, for all its EPA candidates or EPA 介護福祉士.

Candidates (002:1990-2013, 2336-2357): status as of 1月1日, due 1月20日 — 様式1-2 (three candidates per
sheet), 2-2 (per candidate), 別紙1 (研修責任者's scores, three per sheet), 別紙2 (the candidate's own
scores), 3 and 3別紙 (同等報酬, per candidate). EPA 介護福祉士 (`qualified: true`; 2095-2113, 2364-2366):
様式1-4, 3 and 3別紙, filed with each renewal application.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias

from pydantic import Field, PrivateAttr, ValidationInfo, computed_field, field_validator, model_validator

from schemas.base import CaseModel, field_error, not_printed
from schemas.case import CaseFile
from schemas.parties import EpaPerson, Facility, Organisation
from schemas.types import Count, Date, LongText, OneToFive, Percent, Text, Yen

CANDIDATES_PER_SHEET = 3  # 様式1-2 and 別紙1 print three candidate columns (002:4032, 4107)

EVALUATION_ITEMS = (
    ("patient_communication", "患者・利用者とのコミュニケーションがとれるようになったか", "←なっていない", "なった→"),
    ("staff_communication", "職員間のコミュニケーションがとれるようになったか", "←なっていない", "なった→"),
    ("study_progress", "自己学習計画に沿って、学習が進んでいるか", "←進んでいない", "進んでいる→"),
    ("japanese_progress", "日本語の習得が進んでいるか", "←進んでいない", "進んでいる→"),
    ("facility_support", "自己学習計画を支援する施設側の機能が働いているか", "←働いていない", "働いている→"),
    ("mental_health", "メンタルヘルスの問題への対応ができていますか", "←できていない", "できている→"),
)
"""別紙1/別紙2 items, printed 1-5 between the two anchors (002:4111-4116, 4127-4142)."""

Score: TypeAlias = OneToFive


class Person(CaseModel):
    title: Text = Field(title="職名")
    name: Text = Field(title="氏名")
    career: LongText | None = Field(None, title="資格・経歴", description="例: 介護福祉士（2010年登録）、介護業務15年")


class Evaluation(CaseModel):
    """研修評価表: six items scored 1-5 (別紙1 by the 研修責任者, 別紙2 by the candidate)."""

    patient_communication: Score = Field(title="患者・利用者とのコミュニケーション")
    staff_communication: Score = Field(title="職員間のコミュニケーション")
    study_progress: Score = Field(title="自己学習計画に沿った学習")
    japanese_progress: Score = Field(title="日本語の習得")
    facility_support: Score = Field(title="施設側の支援機能")
    mental_health: Score = Field(title="メンタルヘルスの問題への対応")
    comment: LongText | None = Field(None, title="自由記載欄")

    @computed_field
    @property
    def total(self) -> int:
        """合計点 (002:4116, 4142): the sum of the six scores."""
        return sum(getattr(self, name) for name, *_ in EVALUATION_ITEMS)


class PlanAndResult(CaseModel):
    plan: LongText = Field(title="研修方法(計画作成時の実施予定時期)")
    result: LongText = Field(title="実績")


class TrainingReport(CaseModel):
    """様式2-2 研修の実施状況の報告, one per candidate (002:4063-4101)."""

    supporter: Person = Field(title="研修支援者")
    written_exam: PlanAndResult = Field(title="国家試験科目関係(筆記)")
    practical_exam: PlanAndResult = Field(title="国家試験科目関係(実技)")
    japanese: PlanAndResult = Field(title="日本語学習関係")
    adaptation: PlanAndResult = Field(title="職場への適応促進・日本の生活習慣習得関係")
    mental_health_care: PlanAndResult = Field(title="候補者へのメンタルヘルスケア等")
    other: PlanAndResult | None = Field(None, title="その他")


class EqualPay(CaseModel):
    """様式3別紙: the person's pay equals that of a named comparable employee (002:4146-4178; 344, 414)."""

    comparable_job: Text = Field(title="同等とする者の業務", description="例: 介護")
    comparable_experience_years: Count = Field(title="経験年数（年目）")
    comparable_qualification: Text = Field(title="資格", description="例: 介護職員初任者研修")
    wage_rule_article: Text = Field(title="賃金規定の条", description="第○条の○（数字のみ可）")
    base_pay: Yen = Field(title="基本給（月額）")
    allowances: Yen = Field(title="諸手当（月額）")
    comparable_total: Yen = Field(title="同等の日本人職員の報酬（月額）",
                                  description="様式3で比べる、同等の業務に従事する日本人職員の基本給＋諸手当")

    @computed_field
    @property
    def total(self) -> int:
        return self.base_pay + self.allowances


def training_year_on(work_start: dt.date, on: dt.date) -> int:
    """研修年次 on `on`: 1年目 from the work start date until its first anniversary, then 2年目…"""
    full_years = on.year - work_start.year - ((on.month, on.day) < (work_start.month, work_start.day))
    return full_years + 1


def days_in_work(work_start: dt.date, on: dt.date) -> int:
    """Calendar days from the work start date to `on`, both counted: the most days one can have worked."""
    return (on - work_start).days + 1


class Candidate(CaseModel):
    person: EpaPerson = Field(title="候補者・介護福祉士")
    working_days: Count = Field(title="就業日数", description="報告の基準日（候補者は1月1日）までの就業日数")
    training_year: int | None = Field(
        None, ge=1, le=5, title="研修年次",
        description="何年目か（候補者のみ）。省略すると就労開始年月日と1月1日から計算します",
        json_schema_extra=not_printed("printed through printed_training_year, which falls back to the year the "
                                      "work start date gives"))
    _status_date: dt.date | None = PrivateAttr(None)  # set by the report: the date its figures are as of
    training: TrainingReport | None = Field(None, title="研修の実施状況（様式2-2）")
    supervisor_evaluation: Evaluation | None = Field(None, title="研修評価表（研修責任者記載・別紙1）")
    self_evaluation: Evaluation | None = Field(None, title="研修評価表（候補者記載・別紙2）")
    pay: EqualPay = Field(title="同等報酬（様式3・3別紙）")
    registration_date: Date | None = Field(None, title="介護福祉士登録日", description="資格取得後のみ（様式1-4）")
    registration_number: Text | None = Field(None, title="登録番号", description="資格取得後のみ（様式1-4）")

    @field_validator("person")
    @classmethod
    def _work_start_is_known(cls, value: EpaPerson) -> EpaPerson:
        if value.work_start_date is None:
            raise field_error(
                f"{value.name}の就労開始年月日（person.work_start_date）がありません。",
                f"{value.name}: person.work_start_date is missing.",
                "定期報告は就労開始年月日を印刷し、研修年次と就業日数をそこから確かめます（002:4038-4039, 4109）。",
                "the report prints it and derives the 研修年次 and checks the 就業日数 from it (002:4038-4039, 4109).")
        return value

    @property
    def derived_training_year(self) -> int | None:
        start = self.person.work_start_date  # required by the person check above
        if self._status_date is None or start is None:
            return None
        return training_year_on(start, self._status_date)

    @property
    def printed_training_year(self) -> int | None:
        """研修年次 as printed: the one the case states, else the one the dates give."""
        return self.training_year if self.training_year is not None else self.derived_training_year

    @property
    def days_in_work(self) -> int | None:
        start = self.person.work_start_date
        return None if self._status_date is None or start is None else days_in_work(start, self._status_date)

    @field_validator("self_evaluation")
    @classmethod
    def _a_candidate_has_the_training_parts(cls, value, info: ValidationInfo):
        """Before qualification the set includes 2-2, 別紙1 and 別紙2 (002:1998-2009)."""
        person = info.data.get("person")
        if person is None or person.qualified:
            return value
        present = {**info.data, "self_evaluation": value}
        missing = [field for field, _ in CANDIDATE_PARTS if present.get(field) is None]
        if missing:
            labels = "・".join(label for field, label in CANDIDATE_PARTS if field in missing)
            raise field_error(f"候補者（{person.name}）の定期報告には{labels}が必要です。",
                              f"candidate {person.name} needs {', '.join(missing)} for the annual report.",
                              f"この候補者に {', '.join(missing)} を書いてください。",
                              f"add {', '.join(missing)} to this candidate.")
        return value

    @field_validator("pay")
    @classmethod
    def _paid_at_least_the_comparable(cls, value: EqualPay) -> EqualPay:
        if value.total < value.comparable_total:
            raise field_error(
                f"報酬（{value.total:,}円）が同等の日本人職員の報酬（{value.comparable_total:,}円）より低く、"
                "同等報酬要件を満たしません。",
                f"the pay ({value.total:,} yen) is below the comparable Japanese employee's "
                f"({value.comparable_total:,} yen): the equal-pay requirement is not met.",
                "日本人が従事する場合に受ける報酬と同等以上にしてください（002:344, 414）。",
                "pay at least what a Japanese employee in the same job receives (002:344, 414).",
            )
        return value


class FacilityStatus(CaseModel):
    """様式1-2 / 1-4 受入れ施設の要件 (002:4012-4028): capacity, staff, the 研修責任者."""

    established_date: Date = Field(title="施設設立年月日")
    integrated_facility_name: Text | None = Field(None, title="一体的に運営されている施設の名称",
                                                  description="告示509号別表第3の施設の場合のみ")
    integrated_facility_type: Text | None = Field(None, title="一体的に運営されている施設の種別")
    capacity: Count = Field(title="入所定員数")
    residents: Count = Field(title="入所者数")
    care_staff_fulltime: Count = Field(title="介護職員数 常勤")
    care_staff_fulltime_certified: Count = Field(title="常勤のうち介護福祉士資格取得者")
    care_staff_parttime: Count = Field(title="介護職員数 非常勤")
    care_staff_fte: Percent = Field(title="介護職員数 常勤換算", description="小数可（例: 31.5）")
    long_term_care_beds: Count | None = Field(None, title="介護保険の指定を受けた病床数",
                                              description="指定介護療養型医療施設の場合のみ")
    training_manager: Person | None = Field(None, title="研修責任者", description="候補者の報告では必須")

    @field_validator("care_staff_fulltime_certified")
    @classmethod
    def _certified_within_fulltime(cls, value: int, info: ValidationInfo) -> int:
        fulltime = info.data.get("care_staff_fulltime")
        if fulltime is not None and value > fulltime:
            raise field_error(f"介護福祉士資格取得者（{value}人）が常勤の介護職員数（{fulltime}人）より多いです。",
                              f"certified staff ({value}) exceed full-time care staff ({fulltime}).")
        return value


class Sheet(CaseModel):
    """One printed sheet of a three-column form: its number, the sheet count, and three columns
    (None where the sheet has fewer candidates)."""

    number: int
    total: int
    columns: list[Candidate | None]


def _sheets(candidates: list[Candidate]) -> list[Sheet]:
    chunks = [candidates[i:i + CANDIDATES_PER_SHEET] for i in range(0, len(candidates), CANDIDATES_PER_SHEET)]
    return [Sheet(number=n, total=len(chunks), columns=chunk + [None] * (CANDIDATES_PER_SHEET - len(chunk)))
            for n, chunk in enumerate(chunks, 1)]


CANDIDATE_PARTS = (("training", "研修の実施状況（様式2-2）"),
                   ("supervisor_evaluation", "研修評価表（別紙1）"), ("self_evaluation", "研修評価表（別紙2）"))


class EpaAnnualReport(CaseFile, title="定期報告（様式1-2・2-2・別紙1・別紙2・3）"):
    kind: Literal["epa_annual_report"] = Field(title="種類")
    report_year: int = Field(ge=2008, le=2100, title="報告年", description="その年の1月1日現在の状況を報告（1月20日まで）",
                             json_schema_extra=not_printed("printed through status_date (its 1月1日)"))
    qualified: bool = Field(False, title="EPA介護福祉士の報告",
                            description="true: 資格取得後の報告（様式1-4・3・3別紙）、false: 候補者の定期報告")
    institution: Organisation = Field(title="受入れ機関")
    facility: Facility = Field(title="受入れ施設")
    facility_status: FacilityStatus = Field(title="受入れ施設の要件")
    candidates: list[Candidate] = Field(min_length=1, title="候補者・介護福祉士")
    report_date: Date = Field(title="報告日", description="報告書に記載する日付")

    @field_validator("candidates")
    @classmethod
    def _candidates_fit_the_report(cls, value: list[Candidate], info: ValidationInfo) -> list[Candidate]:
        qualified = info.data.get("qualified", False)
        for number, candidate in enumerate(value, 1):
            name = candidate.person.name
            if candidate.person.qualified != qualified:
                raise field_error(
                    f"{number}人目（{name}）の介護福祉士資格取得済み（qualified）が報告の種類と合いません。",
                    f"candidate {number} ({name}): person.qualified differs from the report's qualified.",
                    "候補者と EPA 介護福祉士は別の報告（別のケースファイル）にしてください。",
                    "report candidates and EPA 介護福祉士 in separate case files.",
                )
        return value

    @field_validator("facility_status")
    @classmethod
    def _candidates_need_a_training_manager(cls, value: FacilityStatus, info: ValidationInfo) -> FacilityStatus:
        if not info.data.get("qualified", False) and value.training_manager is None:
            raise field_error("候補者の定期報告には研修責任者（training_manager）が必要です（様式1-2・2-2・別紙1）。",
                              "the candidates' annual report needs facility_status.training_manager.")
        return value

    @field_validator("report_date")
    @classmethod
    def _reported_after_new_year(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        year = info.data.get("report_year")
        if year and value < dt.date(year, 1, 1):
            raise field_error(
                f"報告日（{value}）が{year}年1月1日より前です。1月1日現在の状況を報告します。",
                f"the report date ({value}) is before 1 January {year}, the date the report describes.",
                "report_year か report_date を確かめてください。", "check report_year or report_date.")
        return value

    @computed_field(title="報告の基準日")
    @property
    def status_date(self) -> dt.date:
        """The date the figures are as of: 1月1日 for candidates (002:2013); for EPA 介護福祉士 the report goes
        with the renewal application (2111-2113, 2366), so the date it is filed (report_date)."""
        return self.report_date if self.qualified else dt.date(self.report_year, 1, 1)

    @model_validator(mode="after")
    def _candidates_know_the_status_date(self) -> EpaAnnualReport:
        for candidate in self.candidates:
            candidate._status_date = self.status_date
        return self

    @computed_field
    @property
    def candidate_sheets(self) -> list[Sheet]:
        return _sheets(self.candidates)
